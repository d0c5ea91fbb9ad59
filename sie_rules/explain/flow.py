"""The approval path as a Graphviz DOT diagram: one lane per track (lanes side by side, steps
top to bottom), parallel steps side by side, blocked steps marked with the condition that
blocks them.

The DOT is rendered in the browser by st.graphviz_chart, so no Graphviz binary is needed.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from sie_rules.model import Assessment, Step

_COLOURS = {
    "decides": "#1b5e20",
    "prepares": "#0d47a1",
    "recommends": "#4a148c",
    "heard": "#37474f",
    "mandate": "#e65100",
    "commits": "#006064",
    "notes": "#424242",
}


def _quote(text: str) -> str:
    """A DOT string literal: backslashes and quotes escaped, no line breaks from the user."""
    clean = " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{clean}"'


def _label(step: Step, actions: dict[str, str], blocked_by: dict[str, str]) -> str:
    lines = [step.body, actions.get(step.action, step.action)]
    if step.blocked_by:
        lines.append("BLOKERET: " + "; ".join(blocked_by.get(r, r) for r in step.blocked_by))
    return "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)


def to_dot(a: Assessment, actions: dict[str, str], blocked_label: str = "") -> str:
    """DOT for the tracks of `a`; `actions` maps action codes to the user's language."""
    unmet = {c.rule: c.text[:60] for c in a.conditions if c.met is False}
    lines = [
        "digraph approval {",
        "  rankdir=TB; newrank=true; nodesep=0.3; ranksep=0.35;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", '
        "fontsize=14, width=1.9];",
        '  edge [color="#607d8b"];',
    ]
    for t_index, track in enumerate(a.tracks):
        lines.append(f"  subgraph cluster_{t_index} {{")
        lines.append(f'    label={_quote(track.actor)}; style=rounded; color="#b0bec5";')
        by_order: dict[int, list[str]] = defaultdict(list)
        for s_index, step in enumerate(track.steps):
            node = f"t{t_index}s{s_index}"
            by_order[step.order].append(node)
            colour = "#c62828" if step.blocked_by else _COLOURS.get(step.action, "#424242")
            fill = "#ffebee" if step.blocked_by else "#ffffff"
            lines.append(
                f'    {node} [label="{_label(step, actions, unmet)}", color="{colour}", '
                f'fillcolor="{fill}", penwidth=2];'
            )
        orders = sorted(by_order)
        for nodes in by_order.values():
            if len(nodes) > 1:
                lines.append("    { rank=same; " + "; ".join(nodes) + "; }")
        for before, after in itertools.pairwise(orders):
            for x in by_order[before]:
                for y in by_order[after]:
                    lines.append(f"    {x} -> {y};")
        lines.append("  }")
    if not a.tracks:
        lines.append(f"  empty [label={_quote(blocked_label or '—')}, shape=plaintext];")
    lines.append("}")
    return "\n".join(lines)
