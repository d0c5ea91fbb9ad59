"""Which rule a "hvorfor …?" question is about: the step, condition, finding, amount or
question of the assessment whose words best match the question's, rare words counting
most (a word most items share, like "skal" or "sagen", counts for little)."""

from __future__ import annotations

import re

from sie_rules.intake.lexicon import LexiconFile
from sie_rules.model import Assessment

_WORD = re.compile(r"\w{3,}")


def why_rule(
    assessment: Assessment, pending: str | None, topic: str, lex: LexiconFile
) -> str | None:
    """The rule to explain; with no topic, the pending question's or the first unmet gate's;
    None when the topic names nothing in the assessment. A step whose body the question
    names in full comes first ("hvorfor regionsrådet?" is about Regionsrådet's step)."""
    steps = [s for t in assessment.tracks for s in t.steps]
    question = " ".join(topic.casefold().split())
    named = next(
        (s for s in steps if re.search(rf"\b{re.escape(s.body.casefold())}\b", question)), None
    )
    if named is not None:
        return named.rule
    items: list[tuple[str, str]] = [
        (f"{s.body} {s.action} {_other_words(s.body, lex.body_words)}", s.rule) for s in steps
    ]
    items += [(c.text, c.rule) for c in assessment.conditions]
    items += [(f.text, f.rule) for f in assessment.findings]
    items += [(f"{a.kind.value} {a.payer} loft loftet ceiling", a.rule) for a in assessment.amounts]
    items += [(m.question, m.rule) for m in assessment.missing]
    asked = set(_WORD.findall(question)) - set(lex.question_words)
    if asked:
        bags = [set(_WORD.findall(label.casefold())) for label, _ in items]
        weight = {w: 1 / sum(w in bag for bag in bags) for w in asked if any(w in b for b in bags)}
        scored = [(sum(weight.get(w, 0) for w in bag & asked), -i) for i, bag in enumerate(bags)]
        best, index = max(scored, default=(0.0, 0))
        return items[-index][1] if best >= 0.5 else None
    need = next((m.rule for m in assessment.missing if m.field == pending), None)
    gate = next((f.rule for f in assessment.findings if f.gate and f.status != "met"), None)
    return need or gate or (items[0][1] if items else assessment.fired[0])


def _other_words(body: str, body_words: dict[str, list[str]]) -> str:
    """The body's other names, matched on the start of its name ("Økonomiudvalget (Herning
    Kommune)" is an Økonomiudvalget)."""
    return " ".join(w for name, words in body_words.items() if body.startswith(name) for w in words)
