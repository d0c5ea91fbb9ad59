"""knowledge/intake.yaml, validated and compiled into the patterns the extractor uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from sie_rules.intake.municipalities import Places, load_places
from sie_rules.intake.vocabulary import Vocabulary, load_vocabulary, phrases
from sie_rules.intake.word_search import WordsPattern, words_pattern
from sie_rules.knowledge.corpus import read_model
from sie_rules.model import AmountKind, PartyKind, RequestKind, Role


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KnownParty(_Strict):
    name: str
    kind: PartyKind
    roles: list[Role] = []
    aliases: list[str]


class Weighted(_Strict):
    weight: int
    words: list[str]
    weak_words: list[str] = []
    weak_weight: int = 1


class LexiconFile(_Strict):
    home_party: KnownParty
    # words that put the region in a case though its name is not written: its bodies, its pool
    home_words: list[str]
    first_person_words: list[str]
    home_absent_words: list[str]
    home_absent_predicates: list[str]
    pays_words: list[str]
    applicant_verbs: list[str]
    no_decision_words: list[str]
    municipality_roles: list[Role]
    municipal_perspective_words: list[str]
    municipal_payer_words: list[str]
    not_sector_committees: list[str]
    role_kinds: dict[Role, list[PartyKind]]
    role_words: dict[Role, list[str]]
    request_words: dict[RequestKind, Weighted]
    amount_words: dict[AmountKind, list[str]]
    ceiling_words: list[str]
    # words after which a sum in thousands with no currency is kroner ("donerer 800.000 til …")
    bare_sum_words: list[str]
    # words saying a partner cannot take part for legal reasons (Wood By Human, 21-02-2024)
    excluded_words: list[str]
    ignore_amount_words: list[str]
    total_words: list[str]
    year_field_words: list[str]
    field_words: dict[str, list[str]]
    goal_words: dict[str, list[str]]
    yes_words: list[str]
    no_words: list[str]
    # other words for a body in a question ("why does the executive committee …?")
    body_words: dict[str, list[str]] = {}
    # words of a question that say nothing about its topic ("skal … have sagen")
    question_words: list[str] = []


@dataclass(frozen=True)
class Lexicon:
    data: LexiconFile
    role_patterns: dict[Role, WordsPattern]
    amount_patterns: list[tuple[AmountKind, WordsPattern]]
    ceiling: WordsPattern
    bare_sum_lead: WordsPattern  # after these a sum in thousands with no currency is kroner
    ignore: WordsPattern
    total: WordsPattern
    year_field: re.Pattern[str]  # "År: 2026" on a line of its own; group "years"
    field_patterns: dict[str, WordsPattern]
    goal_patterns: dict[str, WordsPattern]
    yes: WordsPattern
    no: WordsPattern
    municipal_perspective: WordsPattern
    municipal_payer: WordsPattern
    excluded: WordsPattern
    home_words: WordsPattern
    first_person: WordsPattern
    home_absent: re.Pattern[str]  # "the region is not involved"
    # the same said of a subject named earlier in the sentence: "…, og er derfor ikke part"
    absent_after_and: re.Pattern[str]
    request_patterns: dict[RequestKind, tuple[WordsPattern, WordsPattern | None]]
    pays: WordsPattern
    applicant_verbs: WordsPattern
    no_decision: WordsPattern  # "no decision is required": for information
    places: Places
    vocab: Vocabulary  # knowledge/intake/: the reader's language data by concept


def _loose(predicate: str) -> str:
    """A predicate that may take a word after its verb ("er * ikke part")."""
    first, _, rest = predicate.partition(" ")
    return f"{first} * {rest}" if rest else first


@cache
def load_lexicon(knowledge_dir: Path) -> Lexicon:
    data = read_model(knowledge_dir / "intake.yaml", LexiconFile)
    return Lexicon(
        data=data,
        role_patterns={role: words_pattern(w) for role, w in data.role_words.items()},
        amount_patterns=[(kind, words_pattern(w)) for kind, w in data.amount_words.items()],
        ceiling=words_pattern(data.ceiling_words),
        bare_sum_lead=words_pattern([*data.ceiling_words, *data.bare_sum_words]),
        ignore=words_pattern(data.ignore_amount_words),
        total=words_pattern(data.total_words),
        year_field=re.compile(
            r"^[^\S\n]*"
            + words_pattern(data.year_field_words).pattern
            + r"[^\S\n]*:[^\S\n]*(?P<years>[^\n]*)",
            re.I | re.M,
        ),
        field_patterns={f: words_pattern(w) for f, w in data.field_words.items()},
        goal_patterns={g: words_pattern(w) for g, w in data.goal_words.items()},
        yes=words_pattern(data.yes_words),
        no=words_pattern(data.no_words),
        municipal_perspective=words_pattern(data.municipal_perspective_words),
        municipal_payer=words_pattern(data.municipal_payer_words),
        excluded=words_pattern(data.excluded_words),
        home_words=words_pattern([*data.home_party.aliases, *data.home_words]),
        first_person=words_pattern(data.first_person_words),
        home_absent=phrases(
            [
                *data.home_absent_words,
                # "Region Midtjylland is therefore not a party", "regionen er derfor ikke part"
                *(
                    f"{name} {_loose(predicate)}"
                    for name in [data.home_party.name, *data.home_party.aliases]
                    for predicate in data.home_absent_predicates
                ),
            ]
        ),
        absent_after_and=phrases(
            [
                f"{conjunction} {_loose(predicate)}"
                for conjunction in ("og", "and")
                for predicate in data.home_absent_predicates
            ]
        ),
        request_patterns={
            kind: (
                words_pattern(w.words, inflected=True),
                words_pattern(w.weak_words, inflected=True) if w.weak_words else None,
            )
            for kind, w in data.request_words.items()
        },
        pays=words_pattern(data.pays_words),
        applicant_verbs=words_pattern(data.applicant_verbs),
        no_decision=words_pattern(data.no_decision_words),
        places=load_places(knowledge_dir),
        vocab=load_vocabulary(knowledge_dir),
    )
