"""Two assessments side by side: what a what-if changes (outcome, steps, amounts, conditions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sie_rules.assessment import Assessment
from sie_rules.explain.wording import ACTIONS, AMOUNT_STATUS, OUTCOMES, Lang, escape
from sie_rules.model import AmountKind

ICON = {True: ":material/check_circle:", False: ":material/cancel:", None: ":material/help:"}
BLOCKED = ":material/block:"


@dataclass(frozen=True)
class Change:
    """One difference between two assessments, as Markdown (user text escaped)."""

    text: str
    worse: bool  # something is blocked, fails or disappears


def compare(
    base: Assessment, other: Assessment, lang: Lang, kinds: Mapping[AmountKind, str]
) -> list[Change]:
    """What differs between two assessments: outcome, steps, amounts' status, conditions
    (`kinds`: the words for the kinds of amount, rules/parameters/labels.yaml)."""
    changes = []
    if base.outcome != other.outcome:
        changes.append(
            Change(
                f"{OUTCOMES[lang][base.outcome]} → **{OUTCOMES[lang][other.outcome]}**",
                other.outcome != "eligible",
            )
        )

    def steps(a: Assessment) -> dict[str, bool]:
        return {
            f"{t.actor}: {s.body} {ACTIONS[lang][s.action]}": bool(s.blocked_by)
            for t in a.tracks
            for s in t.steps
        }

    before, after = steps(base), steps(other)
    changes += [Change(f"+ {escape(step)}", False) for step in after.keys() - before.keys()]
    changes += [Change(f"− {escape(step)}", True) for step in before.keys() - after.keys()]
    for step in before.keys() & after.keys():
        if before[step] != after[step]:
            icon = BLOCKED if after[step] else ICON[True]
            changes.append(Change(f"{icon} {escape(step)}", after[step]))
    statuses = {(a.kind, a.payer): a.status for a in base.amounts}
    words = AMOUNT_STATUS[lang]
    for a in other.amounts:
        was = statuses.get((a.kind, a.payer))
        if was not in (None, a.status):
            changes.append(
                Change(
                    f"{escape(a.payer)}, {kinds.get(a.kind, a.kind.value)}: "
                    f"{words[was]} → {words[a.status]}",
                    a.status == "over",
                )
            )
    old = {c.text: c.met for c in base.conditions}
    new = {c.text: c.met for c in other.conditions}
    for text in new.keys() - old.keys():
        changes.append(Change(f"{ICON[new[text]]} {escape(text)}", new[text] is False))
    for text in old.keys() & new.keys():
        if old[text] != new[text]:
            changes.append(
                Change(f"{ICON[old[text]]} → {ICON[new[text]]} {escape(text)}", new[text] is False)
            )
    changes += [Change(f"− {escape(text)}", False) for text in old.keys() - new.keys()]
    return changes
