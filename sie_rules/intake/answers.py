"""Reading a turn: a description (through extract), a short answer to the pending question,
or a correction of the draft."""

from __future__ import annotations

import copy
import re
from typing import Any

from sie_rules.explain import variants
from sie_rules.explain.wording import Lang, in_words
from sie_rules.intake.confirming import is_confirmation
from sie_rules.intake.confirming import quick_answers as confirm_buttons
from sie_rules.intake.conversation import DialogueState, Fact, merge
from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.messages import msg
from sie_rules.intake.numbers import (
    BARE_YEARS,
    find_amounts,
    follow_up_years,
    parse_amount,
    year_range,
    years_in,
)
from sie_rules.intake.pipeline import extract
from sie_rules.intake.pipeline.draft import pool_named_in
from sie_rules.intake.pipeline.state import Evidence
from sie_rules.intake.word_search import words_pattern
from sie_rules.model import PartyKind, RequestKind
from sie_rules.rules.rulebook import Rulebook


class TurnReading:
    """What Intake needs to read a turn: its lexicon and rulebook."""

    lex: Lexicon
    book: Rulebook

    def read(self, text: str) -> tuple[dict[str, Any], list[Evidence]]:
        found = extract(text, self.lex, self.book.parameters)
        return found.draft, found.evidence

    def _new_facts(self, evidence: list[Evidence]) -> list[Fact]:
        home = self.lex.data.home_party.name
        return [
            Fact(field=e.field, value=e.value, words=e.text[:200])
            for e in evidence
            if not (e.field == "parties" and e.value == home and e.text)  # shown when assumed
        ]

    def _answer_pending(self, state: DialogueState, text: str) -> dict[str, Any] | None:
        """The draft with `text` read as the answer to the pending question, or None when the
        text is not such an answer (it is then read as a description or a correction)."""
        field, draft = state.pending or "", copy.deepcopy(state.draft)
        if text.rstrip().endswith("?"):  # a question of the user's own is no answer to ours
            return None
        new, evidence = self.read(text)
        read = [f for f in self._new_facts(evidence) if f.words]  # what the answer itself says
        found = {f.field.split(".")[0] for f in read} - {"request_kind"}
        words = len(text.split())
        if field == "request_kind":
            kind = self._request_kind(text)
            return {**draft, "request_kind": kind.value} if kind else None
        if field == "financing_found" or (
            field.startswith("parties.") and field.endswith(".financing_found")
        ):
            yes, no = self.lex.yes.search(text), self.lex.no.search(text)
            if not (yes or no) or find_amounts(text) or words > 6:
                return None
            value = bool(yes) and not no
            if field == "financing_found":
                return {**draft, "financing_found": value}
            name = field.removeprefix("parties.").removesuffix(".financing_found")
            for party in draft.get("parties", []):
                if party["name"] in (name, f"{name} Kommune"):
                    party["financing_found"] = value
            return draft
        if field in {"parties.investor", "parties.authority", "parties.provider"}:
            if found - {"parties"} or (not found and words > 8):
                return None
            return self._add_role(draft, field.split(".")[1], new, text)
        if field == "payment_goals":
            goal_words = _GOAL.search(text)
            if found - {"payment_goals", "parties"} or (not goal_words and words > 12):
                return None
            authorities = [
                p["name"]
                for p in draft.get("parties", [])
                if p["kind"] in ("region", "municipality")
            ]
            paying = [  # "…, og det betaler regionen for": the payers the answer names
                p["name"]
                for p in new.get("parties", [])
                if p["kind"] in ("region", "municipality", "foundation")
                and (p["name"] != self.lex.data.home_party.name or _REGION_NAMED.search(text))
            ]
            goals = new.get("payment_goals") or [
                {"name": _goal_name(text), "payers": paying or authorities}
            ]
            home = self.lex.data.home_party.name
            parties = [p for p in new.get("parties", []) if p["name"] != home]
            return merge(draft, {"parties": parties, "payment_goals": goals})
        if field == "amounts.funding_source":
            named = pool_named_in(self.book.parameters, text)
            if named is None and (found - {"amounts"} or words > 10):
                return None
            source = named[0].name if named else _without_preposition(text)
            return self._set_region_amounts(draft, "funding_source", source)
        if field == "amounts.grant":
            amount = parse_amount(text)
            if amount is None or words > 10:
                return None
            grant = {"kind": "grant", "payer": self.lex.data.home_party.name, "amount_dkk": amount}
            applicants = [
                p["name"] for p in draft.get("parties", []) if "applicant" in p.get("roles", [])
            ]
            if applicants:
                grant["recipient"] = applicants[0]
            years = years_in(text)
            if years:
                grant["years"] = years
            return {**draft, "amounts": [*draft.get("amounts", []), grant]}
        one = re.fullmatch(r"amounts\.(\d+)\.years", field)
        if one:
            years, index = years_in(text), int(one.group(1))
            if not years or found or index >= len(draft.get("amounts", [])):
                return None
            draft["amounts"][index]["years"] = years
            draft["amounts"][index].pop("by_year", None)
            return draft
        ceiling = re.fullmatch(r"amounts\.(\d+)\.ceiling_dkk", field)
        if ceiling:
            amount = parse_amount(text)
            index = int(ceiling.group(1))
            if amount is None or index >= len(draft.get("amounts", [])) or words > 8:
                return None
            draft["amounts"][index]["ceiling_dkk"] = amount
            return draft
        if field == "effort_start":
            return (
                self._effort(draft, text)
                if not found - {"effort_start", "follow_up_years"}
                else None
            )
        return None

    def quick_answers(
        self, pending: str | None, lang: Lang, draft: dict[str, Any] | None = None
    ) -> list[tuple[str, str]]:
        """The few likely answers to the pending question, as (label, text to send): yes,
        yes to all and no for a reading to confirm, the request kinds by number, or yes and
        no; none for an open question."""
        if draft is not None and is_confirmation(draft, pending):
            return confirm_buttons(draft, lang)
        if pending == "request_kind":
            labels = self.book.parameters.labels.request_kinds_short
            return [
                (in_words(labels[k], k.value, lang), str(i))
                for i, k in enumerate(RequestKind, start=1)
            ]
        if pending and pending.split(".")[-1] == "financing_found":  # read by the yes/no words
            return [(msg(word, lang), msg(word, lang)) for word in ("yes", "no")]
        return []

    def _request_kind(self, text: str) -> RequestKind | None:
        options = list(RequestKind)
        number = text.strip()  # the number of one of the options offered
        if number in {"1", "2", "3", "4", "5"}:
            return options[int(number) - 1]
        words = {k: w.words for k, w in self.lex.data.request_words.items()}
        extra = {
            RequestKind.final_approval: ["godkendelse", "endelig", "approval"],
            RequestKind.grant: ["støtte", "grant"],
            RequestKind.orientation: ["orientation"],
            RequestKind.network_partner: ["netværk", "network"],
        }
        for kind in (
            RequestKind.network_partner,
            RequestKind.grant,
            RequestKind.mandate,
            RequestKind.final_approval,
            RequestKind.orientation,
        ):
            if words_pattern([*words[kind], *extra.get(kind, [])]).search(text):
                return kind
        return None

    def _add_role(
        self, draft: dict[str, Any], role: str, new: dict[str, Any], text: str
    ) -> dict[str, Any] | None:
        home = self.lex.data.home_party.name
        named = [
            p
            for p in new.get("parties", [])
            if p["name"] != home or _REGION_NAMED.search(text)  # not "Regionshospitalet …"
        ]
        if not named:
            name = " ".join(text.strip().split())[:120]
            if not name or self.lex.no.regex.fullmatch(name.casefold()):
                return None
            kind = PartyKind.foundation if "fond" in name.casefold() else PartyKind.organisation
            named = [{"name": name, "kind": kind.value, "roles": []}]
        for party in named:
            party["roles"] = sorted({*party.get("roles", []), role})
        return merge(draft, {"parties": named})

    def _set_region_amounts(
        self, draft: dict[str, Any], key: str, value: Any
    ) -> dict[str, Any] | None:
        kinds = {p["name"]: p["kind"] for p in draft.get("parties", [])}
        changed = False
        for amount in draft.get("amounts", []):
            if kinds.get(amount["payer"]) == "region" and not amount.get(key):
                amount[key] = value
                amount.pop("by_year", None)
                changed = True
        return draft if changed else None

    def _effort(self, draft: dict[str, Any], text: str) -> dict[str, Any] | None:
        span = year_range(text)
        years = years_in(text)
        follow = follow_up_years(text)
        if follow is None:
            bare = BARE_YEARS.search(text)
            follow_value = (
                int(bare.group(1)) if bare and not span and int(bare.group(1)) <= 30 else None
            )
        else:
            follow_value = follow[0]
        if span:
            draft["effort_start"], draft["effort_end"] = span
        elif years:
            draft["effort_start"] = years[0]
        if follow_value:
            draft["follow_up_years"] = follow_value
        return draft if (span or years or follow_value) else None

    def _correct(self, draft: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(draft)
        for amount in new.get("amounts", []):
            amounts = out.get("amounts", [])
            index = next((i for i, a in enumerate(amounts) if a["kind"] == amount["kind"]), 0)
            if not amounts:
                out = merge(out, {"amounts": [amount]})
                continue
            out = variants.amount(out, index, amount["amount_dkk"])
            if amount.get("years"):
                out["amounts"][index]["years"] = amount["years"]
        rest = {k: v for k, v in new.items() if k not in {"amounts", "title", "parties"}}
        home = self.lex.data.home_party.name
        parties = [p for p in new.get("parties", []) if p["name"] != home]
        return merge(out, {**rest, "parties": parties})


def _without_preposition(text: str) -> str:
    """ "af driftsbudgettet" -> "driftsbudgettet": the answer to "what funds it?" names the
    source; the indstilling adds its own "finansieres af"."""
    words = " ".join(text.split())[:200]
    return re.sub(r"^(?:af|fra|via|from|by|through)\s+", "", words, flags=re.I).rstrip(".") or words


_REGION_NAMED = re.compile(r"\b(?:regionen|region midtjylland|the region|rm)\b", re.I)
_GOAL = re.compile(r"\b(?:mål\w*|betalingsmål\w*|goal\w*|outcome\w*)\b", re.I)
_GOAL_LEAD = re.compile(
    r"^\s*(?:(?:betalings)?målet\s+er,?\s+(?:at\s+)?|the goal is\s+(?:that\s+)?)", re.I
)
_PAYER_TAIL = re.compile(  # the whitespace run tried from its start only: linear
    r"(?<![\s,]),?\s+(?:og|and)\s+(?:det|dem|that|it)\s+(?:betaler|pays)\b.*$", re.I | re.S
)


def _goal_name(text: str) -> str:
    """The goal an answer names, without its lead and its payer ("Målet er, at flere unge
    kommer i job, og det betaler regionen for." -> "Flere unge kommer i job")."""
    name = _PAYER_TAIL.sub("", _GOAL_LEAD.sub("", " ".join(text.split()))).strip(" .")
    return (name[:1].upper() + name[1:])[:120]
