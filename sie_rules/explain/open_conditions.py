"""What "kan behandles" leaves open: the conditions not yet met, each with the steps of the
route it holds back. An eligible case may go to the political bodies; it is not approved
while a condition that gates a later step is unmet (it blocks the step) or unknown (the step
requires it)."""

from __future__ import annotations

from dataclasses import dataclass

from sie_rules.assessment import Assessment
from sie_rules.explain.memo_words import w
from sie_rules.explain.wording import ACTIONS, Lang


@dataclass(frozen=True)
class OpenCondition:
    text: str
    met: bool | None  # False: known to be unmet; None: not known yet
    holds_back: list[str]  # the steps it gates: "Regionsrådet beslutter"


def open_conditions(a: Assessment, lang: Lang) -> list[OpenCondition]:
    """The assessment's conditions that are not met, in its order (each text once)."""
    found: dict[str, OpenCondition] = {}
    for c in a.conditions:
        if c.met is True or c.text in found:
            continue
        steps = [
            f"{s.body} {ACTIONS[lang][s.action]}"
            for t in a.tracks
            for s in t.steps
            if c.rule in (s.blocked_by if c.met is False else s.requires)
        ]
        found[c.text] = OpenCondition(c.text, c.met, list(dict.fromkeys(steps)))
    return list(found.values())


def open_words(n: int, lang: Lang) -> str:
    """'Det betyder, … : 3 betingelser er ikke opfyldt endnu og holder senere trin tilbage:'."""
    conditions = w("conditions_1" if n == 1 else "conditions_n", lang, n=n)
    return w("eligible_open", lang, conditions=conditions)
