"""The case as a whole: the request kind (weighted words), the period, payment goals, fields,
flags, the target group and listed values (DSI theme, cooperation track)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any

from sie_rules.intake.numbers import find_amounts, follow_up_years, year_range
from sie_rules.intake.reading import ReaderBase, today
from sie_rules.intake.word_search import WordsPattern, starting_with, words_pattern
from sie_rules.model import PartyKind, RequestKind, Role

# the number is not inside a longer number and the "about" word takes its own space, so the
# search stays linear on long runs of digits or spaces
_GROUP_SIZE = re.compile(
    r"(?:(?:ca\.|cirka|omkring|about|approximately|around)\s*)?(?<![\d.,])"
    r"(\d{1,3}(?:[.,]\d{3})+|\d{1,7})"
    r"\s+(?:beboere|borgere|personer|patienter|deltagere|unge|residents|citizens|people|patients)",
    re.I,
)


# the goal itself, up to the end of its clause ("…, og regionen betaler" names the payer)
_GOAL_PHRASE = re.compile(
    r"\b(?:betalingsmålet|betalingsmål|the payment goal|payment goal)\s+(?:er|is|:)\s+"
    r"(?P<goal>[^,.;:\n]{3,80}?)(?=\s*(?:[,.;:\n]|\bog\b|\band\b|$))",
    re.I,
)


# a goal's clause: it starts after "…, og" ("…, og TrygFonden betaler for målet …" names its
# own payer) but goes on past one ("Betalingsmålet er …, og regionen betaler" names the payer)
_CLAUSE_START = r",\s*(?:mens|men|while|og|and)\s|;"
_CLAUSE_END = r",\s*(?:mens|men|while)\s|;"

_EFFORT_PERIOD = re.compile(r"indsatsperiode|effort period", re.I)

# a request word denied by the words before it: "ikke (længere) en bemyndigelse", "not a mandate"
_NEGATED = re.compile(r"\b(?:ikke|not|no longer)\b(?:\s+\w+){0,2}\s*$", re.I)

# yes/no facts of the case as a whole, each with the words that say it
_FLAGS = {
    ("payment_model_agreed", False): starting_with(
        ("forhandle", "betalingsmodel", "forslag", "payment", "negotiate"),
        r"forhandle\w*[^.]{0,60}betalingsmodel|betalingsmodel\w*\s+(?:er\s+)?(?:ikke|endnu ikke)"
        r"|forslag til betalingsmodel|payment model (?:is )?not|negotiate the payment model",
    ),
    ("payment_model_agreed", True): starting_with(
        ("betalingsmodel", "payment"),
        r"betalingsmodel\w*\s+er\s+(?:nu\s+|blevet\s+)?(?:aftalt|på plads|færdig)"
        r"|payment model (?:is |has |has been |is now )+agreed",
    ),
    ("overlap", True): starting_with(
        ("krydsfelt", "på", "across"),
        r"krydsfelt|på tværs af (?:region og kommune|sektorer)|across sectors",
    ),
    ("scaling", True): starting_with(
        ("skaleringspotentiale", "national", "potentiale", "kan", "scal"),
        r"skaleringspotentiale|national skalering|potentiale til[^.]{0,30}skalering"
        r"|kan udbredes|scal(?:e|ing) up|scalab",
    ),
}


@lru_cache(maxsize=16)
def _any_of(values: tuple[str, ...]) -> WordsPattern:
    """Any of `values` as whole words, group `w<n>` for values[n] (cached: the lists are dated
    data, the same on every call)."""
    return words_pattern(list(values), group_each=True)


class CaseReading(ReaderBase):
    """Finds what the case asks for and what it is about."""

    def request_kind(self) -> RequestKind | None:
        scores: dict[RequestKind, int] = {}
        first: dict[RequestKind, re.Match[str]] = {}
        for kind, (strong, weak_pattern) in self.lex.request_patterns.items():
            weighted = self.lex.data.request_words[kind]
            hits = [m for m in strong.finditer(self.text) if not self._negated(m.start())]
            weak = [
                m
                for m in (weak_pattern.finditer(self.text) if weak_pattern else [])
                if not self._negated(m.start())
            ]
            if hits or weak:
                scores[kind] = weighted.weight * len(hits) + len(weak)
                first[kind] = min([*hits, *weak], key=lambda m: m.start())
        no_decision = self.lex.no_decision.search(self.text)
        if no_decision:  # whatever it reports, it asks for nothing to be decided
            scores, first = {RequestKind.orientation: 1}, {RequestKind.orientation: no_decision}
        if not scores:
            return None
        best = max(scores, key=lambda k: (scores[k], -first[k].start()))
        label = self.params.labels.request_kinds[best]
        self.note("request_kind", label, first[best].start(), first[best].end())
        return best

    def _negated(self, start: int) -> bool:
        """Whether the words just before `start` deny it: "ikke længere en bemyndigelse"."""
        return bool(_NEGATED.search(self.text, max(0, start - 30), start))

    def period(self) -> dict[str, int]:
        out: dict[str, int] = {}
        period_words = re.compile(
            r"indsatsperiode|perioden|løber fra|indsatsen\s+løber|runs from|effort (?:period|runs)|"
            r"fra\s+20\d\d\s+til\s+20\d\d|from\s+20\d\d\s+to\s+20\d\d",
            re.I,
        )
        # the clauses that name the effort period first (found in one pass: its words cannot
        # run over a clause's end)
        preferred = [m.start() for m in _EFFORT_PERIOD.finditer(self.text)]

        def names_period(clause: tuple[int, int]) -> bool:
            i = bisect.bisect_left(preferred, clause[0])
            return i < len(preferred) and preferred[i] < clause[1]

        # clauses, so that "the effort runs 2026-2029 …; the region pays … in 2027-2031" is read
        # for the effort's years without the payment's
        for a, b in sorted(self.clauses, key=lambda clause: not names_period(clause)):
            sentence = self.text[a:b]
            if not period_words.search(sentence) or re.search(r"budget", sentence, re.I):
                continue
            found = year_range(sentence)
            if found and not find_amounts(sentence):
                out["effort_start"], out["effort_end"] = found
                self.note("effort_start", found[0], a, b)
                break
        follow = follow_up_years(self.text)
        if follow:
            out["follow_up_years"] = follow[0]
            self.note("follow_up_years", follow[0], follow[1].start(), follow[1].end())
        return out

    def goals(self) -> list[dict[str, Any]]:
        goals: dict[str, list[str]] = {}
        authorities = [
            p.name
            for p in self.parties.values()
            if p.kind in {PartyKind.region, PartyKind.municipality}
        ]
        for goal, pattern in self.lex.goal_patterns.items():
            m = pattern.search(self.text)
            if not m:
                continue
            self.note("payment_goals", goal, m.start(), m.end())
            payers: list[str] = []
            for hit in pattern.finditer(self.text):
                payers += self._goal_payers(hit)
            goals[goal] = list(dict.fromkeys(payers)) or authorities
        if not goals:  # a goal in the text's own words: "betalingsmålet er færre indlæggelser"
            for m in _GOAL_PHRASE.finditer(self.text):
                name = m.group("goal").strip()
                name = name[0].upper() + name[1:]
                self.note("payment_goals", name, m.start("goal"), m.end("goal"))
                goals[name] = self._goal_payers(m, after=m.end("goal")) or authorities
        return [{"name": g, "payers": p} for g, p in goals.items() if p]

    def _goal_payers(self, hit: re.Match[str], after: int | None = None) -> list[str]:
        """The payers named for a goal in its clause (or, with `after`, in the rest of it:
        a goal in the text's own words may itself name a place, not a payer)."""
        a, b = self.sentence_of(hit.start())
        clause_start = max(
            [
                a,
                *(a + m.end() for m in re.finditer(_CLAUSE_START, self.text[a : hit.start()])),
            ]
        )
        clause_end = min(
            [
                b,
                *(
                    hit.end() + m.start()
                    for m in re.finditer(_CLAUSE_END, self.text[hit.end() : b])
                ),
            ]
        )
        windows = [(max(clause_start, after or 0), clause_end)]
        nxt = self.next_sentence(b)
        if nxt and re.search(
            r"dette (?:betalings)?mål|this goal", self.text[nxt[0] : nxt[1]], re.I
        ):
            windows.append(nxt)
        can_pay = self.lex.data.role_kinds[Role.result_payer]
        for c, d in windows:
            by = re.search(r"finansieres af|betales af|paid by|funded by", self.text[c:d], re.I)
            payer = re.search(
                r"resultatbetal|result payer|pays for|\bbetaler\b|\bpays\b", self.text[c:d], re.I
            )
            if by:
                span = (c + by.end(), d)
            elif payer:
                span = (c, c + payer.start())
            else:
                continue
            named = [p.name for p in self.in_span(*span) if p.kind in can_pay]
            if named:
                return named
        return []

    def fields(self) -> list[str]:
        out = []
        for name, pattern in self.lex.field_patterns.items():
            m = pattern.search(self.text)
            if m:
                out.append(name)
                self.note("fields", self.params.bodies.fields.get(name, name), m.start(), m.end())
        return out

    def listed(self, list_id: str, field_name: str) -> str | None:
        values = self.params.list_at(list_id, today())
        longest_first = tuple(sorted(values, key=len, reverse=True))
        first: dict[str, re.Match[str]] = {}  # each value's first place, in one pass
        for hit in _any_of(longest_first).finditer(self.text) if longest_first else ():
            first.setdefault(longest_first[int(str(hit.lastgroup)[1:])], hit)
        for value in sorted(first, key=len, reverse=True):  # the longest value named
            if len(value) > 8 or re.search(r"tema|theme", self.text, re.I):
                self.note(field_name, value, first[value].start(), first[value].end())
                return value
        if list_id == "cooperation_tracks" and (
            m := re.search(r"\bspor\s*([123])\b|\btrack\s*([123])\b", self.text, re.I)
        ):
            value = values[int(m.group(1) or m.group(2)) - 1]
            self.note(field_name, value, m.start(), m.end())
            return value
        return None

    def flags(self) -> dict[str, bool]:
        out: dict[str, bool] = {}
        names = {"overlap": "regional_municipal_overlap", "scaling": "scaling_potential"}
        for (key, value), pattern in _FLAGS.items():
            name = names.get(key, key)
            m = pattern.search(self.text)
            if m and name not in out:
                out[name] = value
                self.note(name, value, m.start(), m.end())
        return out

    def target_group(self) -> dict[str, Any] | None:
        group: dict[str, Any] = {}
        size = _GROUP_SIZE.search(self.text)
        if size:
            group["size"] = int(re.sub(r"[.,]", "", size.group(1)))
            self.note("target_group.size", group["size"], size.start(), size.end())
        age = re.search(
            r"(\d{2})\s+år\s+og\s+(?:derover|ældre)|over\s+(\d{2})\s+år|aged\s+(\d{2})\s*\+?"
            r"|(\d{2})\+",
            self.text,
            re.I,
        )
        if age:
            group["min_age"] = int(next(g for g in age.groups() if g))
            self.note("target_group.min_age", group["min_age"], age.start(), age.end())
        if re.search(r"førtidspension|early retirement|disability pension", self.text, re.I):
            group["early_retirement"] = True
        return group or None
