"""Which rule a "hvorfor …?" question is about: the step, condition, finding, amount or
question of the assessment whose words best match the question's, rare words counting
most (a word most items share, like "skal" or "sagen", counts for little); words are
compared by their Danish stems, as the knowledge search compares them."""

from __future__ import annotations

import re

import Stemmer

from sie_rules.assessment import Assessment
from sie_rules.intake.lexicon import LexiconFile

_WORD = re.compile(r"\w{3,}")


def _stems(text: str) -> set[str]:
    """ "loftet", "loftets" -> "loft" (a stemmer per call: PyStemmer's are not thread-safe)."""
    return set(Stemmer.Stemmer("danish").stemWords(_WORD.findall(text.casefold())))


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
    items += [(f"{a.kind.value} {a.payer} loft ceiling", a.rule) for a in assessment.amounts]
    items += [(f"{m.question} {m.question_en or ''}", m.rule) for m in assessment.missing]
    asked = _stems(question) - _stems(" ".join(lex.question_words))
    if asked:
        bags = [_stems(label) for label, _ in items]
        rarity = {w: 1 / n for w in asked if (n := sum(w in bag for bag in bags))}
        scores = [sum(rarity.get(w, 0) for w in bag) for bag in bags]
        best = max(range(len(items)), key=lambda i: (scores[i], -i), default=None)
        return items[best][1] if best is not None and scores[best] >= 0.5 else None
    need = next((m.rule for m in assessment.missing if m.field == pending), None)
    gate = next((f.rule for f in assessment.findings if f.gate and f.status != "met"), None)
    return need or gate or (items[0][1] if items else assessment.fired[0])


def _other_words(body: str, body_words: dict[str, list[str]]) -> str:
    """The body's other names, matched on the start of its name ("Økonomiudvalget (Herning
    Kommune)" is an Økonomiudvalget)."""
    return " ".join(w for name, words in body_words.items() if body.startswith(name) for w in words)
