"""The chat: one turn of text in, one reply out, with the proposal built up along the way.

A turn is a description (read and merged into the draft), a short answer to the question just
asked, a correction ("nej, beløbet er 4 mio."), "hvorfor?" (answered from the rules that
fired), "hvad hvis …?" (a variant assessed and compared, the draft left as it was), or a
question to the documents (answered with citations). The state is a plain pydantic model, so
the app can keep it in its session and the case store can save it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sie_rules.cases.ledger import PoolUsage
from sie_rules.errors import ProposalError
from sie_rules.explain import variants
from sie_rules.explain.assess import Evaluator, evaluate
from sie_rules.explain.wording import ACTIONS, OUTCOMES, Lang, escape
from sie_rules.intake.extract import Evidence, extract
from sie_rules.intake.lexicon import Lexicon, words_pattern
from sie_rules.intake.messages import field_label, msg
from sie_rules.intake.numbers import (
    find_amounts,
    follow_up_years,
    parse_amount,
    year_range,
    years_in,
)
from sie_rules.knowledge.search import KnowledgeBase
from sie_rules.model import Assessment, PartyKind, Proposal, RequestKind
from sie_rules.proposal_files import validate_proposal
from sie_rules.rules.rulebook import Rulebook

MAX_TURN_CHARS = 100_000
_WHY = re.compile(r"^\s*(?:hvorfor|why)\b", re.I)
_WHAT_IF = re.compile(r"^\s*(?:hvad\s+(?:hvis|nu\s+hvis)|what\s+if|og\s+hvis|men\s+hvis)\b", re.I)
_CORRECTION = re.compile(r"^\s*(?:nej|no|ret|rettelse|correction|forkert)\b[,:!.]?\s*", re.I)
_QUESTION = re.compile(
    r"\?\s*$|^\s*(?:hvad|hvem|hvordan|hvornår|hvor|hvilke|hvilken|må|kan|skal|what|who|how|"
    r"when|which|can|must|may)\b",
    re.I,
)
_ENGLISH = re.compile(
    r"\b(?:the|and|of|is|what|who|why|with|will|pays|municipality|region's)\b", re.I
)


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    text: str


class Fact(BaseModel):
    """A fact the chat understood, with the words it came from (shown on the card)."""

    model_config = ConfigDict(extra="forbid")

    field: str
    value: str
    words: str


class DialogueState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    draft: dict[str, Any] = Field(default_factory=dict)
    pending: str | None = None
    lang: Lang = "da"
    case_id: str | None = Field(default=None, description="The saved case this chat belongs to")
    turns: list[Turn] = Field(default_factory=list)


@dataclass(frozen=True)
class Reply:
    text: str
    state: DialogueState
    assessment: Assessment | None
    kind: Literal["assessment", "answer", "why", "whatif", "help"]


def merge(base: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The draft `base` with what `new` adds; scalars in `new` win, lists are joined."""
    out = copy.deepcopy(base)
    for key, value in new.items():
        if key == "parties":
            known = {p["name"]: p for p in out.setdefault("parties", [])}
            for party in value:
                if party["name"] in known:
                    old = known[party["name"]]
                    roles = sorted(set(old.get("roles", [])) | set(party.get("roles", [])))
                    old.update({**party, "roles": roles})
                else:
                    out["parties"].append(copy.deepcopy(party))
        elif key == "amounts":
            have = {(a["kind"], a["payer"], a["amount_dkk"]) for a in out.get("amounts", [])}
            out.setdefault("amounts", []).extend(
                copy.deepcopy(a)
                for a in value
                if (a["kind"], a["payer"], a["amount_dkk"]) not in have
            )
        elif key == "payment_goals":
            goals = {g["name"]: g for g in out.setdefault("payment_goals", [])}
            for goal in value:
                goals.setdefault(goal["name"], copy.deepcopy(goal))
            out["payment_goals"] = list(goals.values())
        elif key == "fields":
            out["fields"] = list(dict.fromkeys([*out.get("fields", []), *value]))
        elif key == "title" and "title" in out:
            continue
        else:
            out[key] = copy.deepcopy(value)
    return out


class Intake:
    """Reads text and runs the dialogue against one rulebook, lexicon and knowledge base."""

    def __init__(
        self,
        book: Rulebook,
        lexicon: Lexicon,
        knowledge: KnowledgeBase,
        pool_usage: Callable[[str | None], PoolUsage] | None = None,
        evaluator: Evaluator = evaluate,
    ):
        """`pool_usage(case_id)` gives what saved cases other than `case_id` use of each pool
        per year (see ledger.py); without it, a proposal's pool room counts only itself.
        `evaluator` is assess.evaluate, or a supervised worker's (worker.py) in a server."""
        self.book, self.lex, self.kb, self.pool_usage = book, lexicon, knowledge, pool_usage
        self.evaluator = evaluator

    # --- reading and assessing ----------------------------------------------------------
    def read(self, text: str) -> tuple[dict[str, Any], list[Evidence]]:
        found = extract(text, self.lex, self.book.parameters)
        return found.draft, found.evidence

    def proposal(self, draft: dict[str, Any]) -> Proposal:
        if "request_kind" not in draft:
            raise ProposalError(
                "could not tell what the case asks for (say e.g. bemyndigelse, godkendelse, "
                "ansøgning om støtte, netværkspartner or orientering)",
                "request_kind",
            )
        return validate_proposal(draft)

    def assess(self, draft: dict[str, Any], case_id: str | None = None) -> Assessment:
        committed = self.pool_usage(case_id) if self.pool_usage else None
        return self.evaluator(self.book, self.proposal(draft), committed)

    # --- the dialogue ----------------------------------------------------------------------
    def respond(self, state: DialogueState, text: str) -> Reply:
        state = state.model_copy(deep=True)
        text = text[:MAX_TURN_CHARS] if len(text) > MAX_TURN_CHARS else text
        if not state.turns:
            state.lang = "en" if len(_ENGLISH.findall(text[:2000])) >= 2 else "da"
        state.turns.append(Turn(role="user", text=text))
        reply = self._dispatch(state, text)
        note = (
            msg("truncated", state.lang, n=MAX_TURN_CHARS) + "\n\n"
            if len(text) >= MAX_TURN_CHARS
            else ""
        )
        reply = Reply(note + reply.text, reply.state, reply.assessment, reply.kind)
        reply.state.turns.append(Turn(role="assistant", text=reply.text))
        return reply

    def _dispatch(self, state: DialogueState, text: str) -> Reply:
        lang = state.lang
        if not text.strip():
            return Reply(msg("help", lang), state, self._current(state), "help")
        if _WHY.match(text):
            return self._why(state, text)
        if _WHAT_IF.match(text):
            return self._what_if(state, _WHAT_IF.sub("", text, count=1))
        correction = _CORRECTION.match(text)
        rest = text[correction.end() :] if correction else text
        correcting = bool(
            correction
            and state.draft
            and (find_amounts(rest) or years_in(rest) or len(rest.split()) > 2)
        )
        if state.pending and not correcting and len(text) <= 300:
            answered = self._answer_pending(state, text)
            if answered is not None:
                state.draft = answered
                return self._assessed(
                    state,
                    [Fact(field=state.pending, value=text.strip()[:200], words=text.strip()[:200])],
                )
        if not correction and _QUESTION.search(text) and len(text) < 300 and not find_amounts(text):
            return self._documents(state, text)
        draft, evidence = self.read(rest)
        facts = self._new_facts(evidence)
        if correcting:
            if not draft.get("amounts") and state.draft.get("amounts"):
                value = parse_amount(rest)
                if value is not None:
                    first = state.draft["amounts"][0]
                    draft["amounts"] = [{**first, "amount_dkk": value}]
                    facts.append(Fact(field="amounts", value=str(value), words=text.strip()[:200]))
            state.draft = self._correct(state.draft, draft)
            return self._assessed(state, facts, msg("corrected", lang))
        if facts:
            state.draft = merge(state.draft, draft)
            return self._assessed(state, facts)
        if _QUESTION.search(text):
            return self._documents(state, text)
        return Reply(
            msg("not_understood", lang) + " " + msg("help", lang),
            state,
            self._current(state),
            "help",
        )

    def _new_facts(self, evidence: list[Evidence]) -> list[Fact]:
        home = self.lex.data.home_party.name
        return [
            Fact(field=e.field, value=e.value, words=e.text[:200])
            for e in evidence
            if not (e.field == "parties" and e.value == home)
        ]

    def _current(self, state: DialogueState) -> Assessment | None:
        try:
            return self.assess(state.draft, state.case_id) if state.draft else None
        except ProposalError:
            return None

    def _assessed(self, state: DialogueState, facts: list[Fact], header: str = "") -> Reply:
        lang = state.lang
        lines = [header] if header else []
        if facts:
            lines.append(msg("understood", lang))
            lines += [
                f"- {field_label(f.field, lang)}: {escape(f.value)} — «{escape(f.words)}»"
                for f in facts[:40]
            ]
        try:
            assessment = self.assess(state.draft, state.case_id)
        except ProposalError as exc:
            if exc.field == "request_kind":
                state.pending = "request_kind"
                lines += ["", msg("next_question", lang, question=msg("ask_request_kind", lang))]
            else:
                state.pending = None
                lines.append(msg("invalid", lang, error=escape(str(exc))))
            return Reply("\n".join(lines), state, None, "assessment")
        lines += ["", msg("outcome", lang, outcome=OUTCOMES[lang][assessment.outcome]), ""]
        lines += self._path_lines(assessment, lang)
        unmet = [c for c in assessment.conditions if c.met is False]
        if unmet:
            lines += ["", msg("unmet", lang), *(f"- {escape(c.text)}" for c in unmet)]
        lines.append("")
        if assessment.missing:
            state.pending = assessment.missing[0].field
            lines.append(
                msg("next_question", lang, question=escape(assessment.missing[0].question))
            )
        else:
            state.pending = None
            lines.append(msg("none_missing", lang))
        return Reply("\n".join(lines), state, assessment, "assessment")

    def _path_lines(self, assessment: Assessment, lang: Lang) -> list[str]:
        lines = [msg("path", lang)] if assessment.tracks else []
        for track in assessment.tracks:
            steps = " → ".join(
                f"{escape(s.body)} {ACTIONS[lang][s.action]}"
                + (f" {_BLOCKED}" if s.blocked_by else "")
                for s in track.steps
            )
            lines.append(f"- {escape(track.actor)}: {steps}")
        return lines

    # --- short answers to the pending question ------------------------------------------
    def _answer_pending(self, state: DialogueState, text: str) -> dict[str, Any] | None:
        """The draft with `text` read as the answer to the pending question, or None when the
        text is not such an answer (it is then read as a description or a correction)."""
        field, draft = state.pending or "", copy.deepcopy(state.draft)
        new, evidence = self.read(text)
        found = {e.field.split(".")[0] for e in self._new_facts(evidence)} - {"request_kind"}
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
            if (
                (found and "payment_goals" not in found)
                or found - {"payment_goals", "parties"}
                or (not found and words > 12)
            ):
                return None
            authorities = [
                p["name"]
                for p in draft.get("parties", [])
                if p["kind"] in ("region", "municipality")
            ]
            goals = new.get("payment_goals") or [
                {"name": " ".join(text.split())[:120], "payers": authorities}
            ]
            home = self.lex.data.home_party.name
            parties = [p for p in new.get("parties", []) if p["name"] != home]
            return merge(draft, {"parties": parties, "payment_goals": goals})
        if field == "amounts.funding_source":
            pool = self.book.parameters.pool_for(text)
            if pool is None and (found - {"amounts"} or words > 10):
                return None
            source = pool.name if pool else " ".join(text.split())[:200]
            return self._set_region_amounts(draft, "funding_source", source)
        if field == "amounts.years":
            years = years_in(text)
            return self._set_region_amounts(draft, "years", years) if years and not found else None
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

    def _request_kind(self, text: str) -> RequestKind | None:
        options = list(RequestKind)
        number = re.fullmatch(r"\s*([1-5])\s*", text)
        if number:
            return options[int(number.group(1)) - 1]
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
            if p["name"] != home or re.search(r"region", text, re.I)
        ]
        if not named:
            name = " ".join(text.strip().split())[:120]
            if not name or self.lex.no.fullmatch(name.casefold()):
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
            bare = re.search(r"(\d+)\s*(?:år|years?)\b", text)
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

    # --- corrections ----------------------------------------------------------------------
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

    # --- why, what if, documents ----------------------------------------------------------
    def _why(self, state: DialogueState, text: str) -> Reply:
        lang = state.lang
        assessment = self._current(state)
        if assessment is None:
            return Reply(msg("why_nothing", lang), state, None, "why")
        topic = re.sub(r"^\s*(?:hvorfor|why)\b[\s,:?]*", "", text, flags=re.I).strip(" ?")
        rule_id = self._why_rule(assessment, state.pending, topic)
        rule = self.book.rules[rule_id]
        lines = [
            msg("why_rule", lang, title=escape(rule.title), explanation=escape(rule.explanation))
        ]
        if rule.source:
            citation = self.kb.cite(rule.source.doc, rule.source.quote)
            where = f"{citation.title}, {citation.section}" if citation else rule.source.doc
            lines.append(f"> »{escape(rule.source.quote)}« ({escape(where)})")
        elif rule.note:
            lines.append(f"> {escape(rule.note)}")
        lines.append(f"`{rule.id}` · {rule.basis}")
        return Reply("\n\n".join(lines), state, assessment, "why")

    def _why_rule(self, assessment: Assessment, pending: str | None, topic: str) -> str:
        items: list[tuple[str, str]] = [
            (s.body + " " + s.action, s.rule) for t in assessment.tracks for s in t.steps
        ]
        items += [(c.text, c.rule) for c in assessment.conditions]
        items += [(f.text, f.rule) for f in assessment.findings]
        items += [(f"{a.kind.value} {a.payer} loft ceiling", a.rule) for a in assessment.amounts]
        items += [(m.question, m.rule) for m in assessment.missing]
        words = set(re.findall(r"\w{3,}", topic.casefold()))
        if words:
            scored = [
                (len(words & set(re.findall(r"\w{3,}", label.casefold()))), i)
                for i, (label, _) in enumerate(items)
            ]
            best, index = max(scored, default=(0, 0))
            if best:
                return items[index][1]
        asked = next((m.rule for m in assessment.missing if m.field == pending), None)
        gate = next((f.rule for f in assessment.findings if f.gate and f.status != "met"), None)
        return asked or gate or (items[0][1] if items else assessment.fired[0])

    def _what_if(self, state: DialogueState, text: str) -> Reply:
        lang = state.lang
        base = self._current(state)
        if base is None:
            return Reply(msg("whatif_needs_case", lang), state, None, "whatif")
        variant = self._variant(state.draft, text)
        if variant is None:
            return Reply(msg("whatif_none", lang), state, base, "whatif")
        try:
            other = self.assess(variant, state.case_id)
        except ProposalError as exc:
            return Reply(msg("invalid", lang, error=escape(str(exc))), state, base, "whatif")
        change = escape(" ".join(text.split()).rstrip("?")[:200])
        diff = compare(base, other, lang)
        if not diff:
            return Reply(msg("whatif_same", lang, change=change), state, base, "whatif")
        lines = [msg("whatif_diff", lang, change=change), *(f"- {c.text}" for c in diff)]
        return Reply("\n".join(lines), state, other, "whatif")

    def _variant(self, draft: dict[str, Any], text: str) -> dict[str, Any] | None:
        """The draft changed as `text` ("kommunen ikke kan finde finansiering") says, or None."""
        low = text.casefold()
        out = draft
        not_ = re.search(r"\b(?:ikke|not|can't|cannot|doesn't|won't)\b", low)
        if re.search(r"kommun|municipal", low) and re.search(
            r"finansier|penge|money|fund|betal|pay", low
        ):
            out = variants.municipal_financing(out, not not_)
        elif re.search(r"region", low) and re.search(r"betal|pay", low) and not_:
            out = variants.without_result_payments_from(out, self.lex.data.home_party.name)
        elif re.search(r"betalingsmodel|payment model", low):
            out = variants.payment_model(out, not not_)
        new, _ = self.read(text)
        if new.get("fields"):
            out = variants.with_fields(out, new["fields"])
        if new.get("amounts") and out.get("amounts"):
            out = self._correct(out, {"amounts": new["amounts"]})
        if out is draft:
            kind = self._request_kind(text)
            if kind and kind.value != draft.get("request_kind"):
                out = variants.request_kind(draft, kind.value)
        return None if out is draft else out

    def _documents(self, state: DialogueState, text: str) -> Reply:
        lang = state.lang
        answers = self.kb.search(text, k=3)
        if not answers:
            return Reply(msg("no_answer", lang), state, self._current(state), "answer")
        lines = [msg("sources_say", lang)]
        for a in answers:
            excerpt = " ".join(re.sub(r"(?m)^#+\s*", "", a.quote).split())
            excerpt = excerpt[:400] + ("…" if len(excerpt) > 400 else "")
            lines.append(f"> {escape(excerpt)}\n>\n> — {escape(a.title)}, {escape(a.section)}")
        return Reply("\n\n".join(lines), state, self._current(state), "answer")


_ICON = {True: ":material/check_circle:", False: ":material/cancel:", None: ":material/help:"}
_BLOCKED = ":material/block:"


@dataclass(frozen=True)
class Change:
    """One difference between two assessments, as Markdown (user text escaped)."""

    text: str
    worse: bool  # something is blocked, fails or disappears


def compare(base: Assessment, other: Assessment, lang: Lang) -> list[Change]:
    """What differs between two assessments: outcome, steps, amounts' status, conditions."""
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
            icon = _BLOCKED if after[step] else _ICON[True]
            changes.append(Change(f"{icon} {escape(step)}", after[step]))
    statuses = {(a.kind, a.payer): a.status for a in base.amounts}
    for a in other.amounts:
        was = statuses.get((a.kind, a.payer))
        if was not in (None, a.status):
            changes.append(
                Change(f"{escape(a.payer)} {a.kind.value}: {was} → {a.status}", a.status == "over")
            )
    old = {c.text: c.met for c in base.conditions}
    new = {c.text: c.met for c in other.conditions}
    for text in new.keys() - old.keys():
        changes.append(Change(f"{_ICON[new[text]]} {escape(text)}", new[text] is False))
    for text in old.keys() & new.keys():
        if old[text] != new[text]:
            changes.append(
                Change(
                    f"{_ICON[old[text]]} → {_ICON[new[text]]} {escape(text)}", new[text] is False
                )
            )
    changes += [Change(f"− {escape(text)}", False) for text in old.keys() - new.keys()]
    return changes
