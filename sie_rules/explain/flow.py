"""The approval path as a Graphviz DOT diagram: one lane per track (lanes side by side, steps
top to bottom), parallel steps side by side. Each step's state is written in its box (never
told by colour alone) and drawn by style: done dashed and grey, now bold, later plain,
blocked red with the condition that blocks it.

The DOT is rendered in the browser by st.graphviz_chart, so no Graphviz binary is needed.
"""

from __future__ import annotations

import itertools
import textwrap
from collections import defaultdict

from sie_rules.assessment import Assessment, Step

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


_LINE = 24  # characters per line in a box
_STYLE = {  # state -> (border style, border colour or None for the action's, fill, pen width)
    "done": ("rounded,filled,dashed", "#757575", "#f5f5f5", 1.5),
    "now": ("rounded,filled,bold", None, "#fffde7", 3.5),
    "later": ("rounded,filled", None, "#ffffff", 1.5),
    "blocked": ("rounded,filled", "#c62828", "#ffebee", 2.5),
}


def _wrapped(text: str) -> list[str]:
    """Long names on several short lines, so a lane stays narrow and its text large."""
    return textwrap.wrap(text, width=_LINE) or [text]


def _when(step: Step, date_word: str) -> str:
    """A step's earliest meeting as a box says it: '10.12.2026', or with `date_word` before it
    when the meeting plan is an example ('eksempeldato 10.12.2026'); '' without a date."""
    if not step.earliest:
        return ""
    return " ".join(filter(None, [date_word, f"{step.earliest:%d.%m.%Y}"]))


def _label(
    step: Step,
    actions: dict[str, str],
    states: dict[str, str],
    blocked_by: dict[str, str],
    date_word: str,
) -> str:
    lines = [*_wrapped(step.body), actions.get(step.action, step.action)]
    state = states.get(step.state, step.state).upper()
    if step.earliest:
        state += f" · {_when(step, date_word)}"
    if step.blocked_by:  # "BLOCKED: <the unmet conditions>", in the user's language
        state += ": " + "; ".join(blocked_by.get(rule, rule) for rule in step.blocked_by)
    lines += _wrapped(state)
    return "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)


def to_dot(
    a: Assessment, actions: dict[str, str], states: dict[str, str], date_word: str = ""
) -> str:
    """DOT for the tracks of `a`; `actions` and `states` map codes to the user's language,
    `date_word` labels each date (an example meeting plan's: 'eksempeldato')."""
    unmet = {c.rule: c.text[:70] for c in a.conditions if c.met is False}
    lines = [
        "digraph approval {",
        "  rankdir=TB; newrank=true; nodesep=0.3; ranksep=0.35;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", '
        "fontsize=18, width=2.4];",
        '  edge [color="#607d8b"];',
    ]
    for t_index, track in enumerate(a.tracks):
        lines.append(f"  subgraph cluster_{t_index} {{")
        lines.append(
            f'    label={_quote(track.actor)}; style=rounded; color="#b0bec5"; fontsize=20;'
        )
        by_order: dict[int, list[str]] = defaultdict(list)
        for s_index, step in enumerate(track.steps):
            node = f"t{t_index}s{s_index}"
            by_order[step.order].append(node)
            style, border, fill, pen = _STYLE[step.state]
            colour = border or _COLOURS.get(step.action, "#424242")
            lines.append(
                f'    {node} [label="{_label(step, actions, states, unmet, date_word)}", '
                f'color="{colour}", style="{style}", fillcolor="{fill}", penwidth={pen}];'
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
        lines.append('  empty [label="—", shape=plaintext];')
    lines.append("}")
    return "\n".join(lines)


def describe(
    a: Assessment, actions: dict[str, str], states: dict[str, str], date_word: str = ""
) -> str:
    """The diagram in words, its text alternative: each track with its steps in order and
    their state ('Region Midtjylland: 1. Udvalg … anbefaler – nu; 2. …')."""
    return " ".join(
        f"{track.actor}: "
        + "; ".join(
            f"{s.order}. {s.body} {actions.get(s.action, s.action)} – "
            + states.get(s.state, s.state)
            + (f" ({_when(s, date_word)})" if s.earliest else "")
            for s in track.steps
        )
        + "."
        for track in a.tracks
    )
