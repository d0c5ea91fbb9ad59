"""The chat: one turn of text in, one reply out, with the proposal built up along the way.

A turn is a description (read and merged into the draft), a short answer to the question just
asked, a correction ("nej, beløbet er 4 mio."), "hvorfor?" (answered from the rules that
fired), "hvad hvis …?" (a variant assessed and compared, the draft left as it was), or a
question to the documents (answered with citations). The state is a plain pydantic model, so
the app can keep it in its session and the case store can save it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sie_rules.assessment import Assessment
from sie_rules.cases.ledger import PoolUsage
from sie_rules.errors import ProposalError
from sie_rules.explain.assess import Evaluator, evaluate
from sie_rules.explain.compare import compare
from sie_rules.explain.wording import (
    ACTIONS,
    OUTCOMES,
    escape,
    strip_heading_marks,
)
from sie_rules.intake.confirming import (
    amount_changes,
    answer_reading,
    is_confirmation,
    settled_words,
)
from sie_rules.intake.conversation import DialogueState, Fact, Reply, Turn, merge
from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.messages import candidate_lines, fact_words, msg, path_lines, taken
from sie_rules.intake.numbers import (
    find_amounts,
    parse_amount,
    years_in,
)
from sie_rules.intake.pipeline.state import TextTooComplex
from sie_rules.intake.variant_reading import VariantReading
from sie_rules.intake.why import why_rule
from sie_rules.knowledge.search import KnowledgeBase
from sie_rules.model import Proposal
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


class Intake(VariantReading):
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

    def proposal(self, draft: dict[str, Any]) -> Proposal:
        """The draft as a proposal; a request kind not yet known is a question, not an error."""
        return validate_proposal(draft)

    def assess(self, draft: dict[str, Any], case_id: str | None = None) -> Assessment:
        committed = self.pool_usage(case_id) if self.pool_usage else None
        return self.evaluator(self.book, self.proposal(draft), committed)

    def respond(self, state: DialogueState, text: str) -> Reply:
        state = state.model_copy(deep=True)
        text = text[:MAX_TURN_CHARS] if len(text) > MAX_TURN_CHARS else text
        if not state.turns:
            state.lang = "en" if len(_ENGLISH.findall(text[:2000])) >= 2 else "da"
        state.turns.append(Turn(role="user", text=text))
        try:
            reply = self._dispatch(state, text)
        except TextTooComplex:  # the draft stays as it was; the user is told what to do
            reply = Reply(msg("too_complex", state.lang), state, self._current(state), "help")
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
        if is_confirmation(state.draft, state.pending) and len(text) <= 300:
            new, _ = self.read(text)
            done, how = answer_reading(state.draft, state.pending or "", text, new, self.lex)
            if done is not None:
                labels = self.book.parameters.labels
                settled = settled_words(state.pending or "", state.draft, done, how, labels, lang)
                state.draft = done
                return self._assessed(
                    state, [Fact(field=how, value=v, words=text.strip()[:200]) for v in settled]
                )
            if how == "no":
                return Reply(msg("correct_how", lang), state, self._current(state), "help")
        if state.pending and not correcting and len(text) <= 300:
            answered = self._answer_pending(state, text)
            if answered is not None:
                state.draft = answered
                held = taken(state.pending, answered) or text.strip()
                words = text.strip()[:200]
                return self._assessed(
                    state, [Fact(field=state.pending, value=held[:200], words=words)]
                )
        if not correction and _QUESTION.search(text) and len(text) < 300 and not find_amounts(text):
            return self._documents(state, text)
        draft, evidence = self.read(rest)
        facts = self._new_facts(evidence)
        if not any(f.words for f in facts) or any(
            p["name"] == self.lex.data.home_party.name for p in state.draft.get("parties", [])
        ):  # an assumption is news only beside something read, and only the first time
            facts = [f for f in facts if f.words]
        if correcting:
            if not draft.get("amounts") and state.draft.get("amounts"):
                value = parse_amount(rest)
                if value is not None:
                    draft["amounts"] = [{**state.draft["amounts"][0], "amount_dkk": value}]
            before, state.draft = state.draft, self._correct(state.draft, draft)
            changes = amount_changes(before, state.draft, self.book.parameters.labels, lang)
            words = text.strip()[:200]
            facts = [f for f in facts if not f.field.startswith("amounts")]
            facts += [Fact(field="corrected", value=c, words=words) for c in changes]
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
            for f in facts[:40]:
                label, value = fact_words(f.field, f.value, lang)
                words = f"«{escape(f.words)}»" if f.words else msg("assumed", lang)
                lines.append(f"- {label}: {escape(value)} — {words}")
        try:
            assessment = self.assess(state.draft, state.case_id)
        except ProposalError as exc:
            state.pending = None
            lines.append(msg("invalid", lang, error=escape(str(exc))))
            return Reply("\n".join(lines), state, None, "assessment")
        unplaced = [f for f in facts if f.field == "amounts.unplaced"]
        if unplaced:
            amounts = ", ".join(f"«{escape(f.words)}»" for f in unplaced)
            lines += ["", msg("unplaced", lang, amounts=amounts)]
        lines += ["", msg("outcome", lang, outcome=OUTCOMES[lang][assessment.outcome]), ""]
        kinds = self.book.parameters.labels.request_kinds
        lines += path_lines(assessment, lang) + candidate_lines(assessment, kinds, lang)
        unmet = [c for c in assessment.conditions if c.met is False]
        if unmet:
            lines += ["", msg("unmet", lang), *(f"- {escape(c.text)}" for c in unmet)]
        lines.append("")
        if assessment.missing:
            state.pending = assessment.missing[0].field
            lines.append(
                msg("next_question", lang, question=escape(assessment.missing[0].asked(lang)))
            )
        else:
            state.pending = None
            lines.append(msg("none_missing", lang))
        return Reply("\n".join(lines), state, assessment, "assessment")

    def _why(self, state: DialogueState, text: str) -> Reply:
        lang = state.lang
        assessment = self._current(state)
        if assessment is None:
            return Reply(msg("why_nothing", lang), state, None, "why")
        topic = re.sub(r"^\s*(?:hvorfor|why)\b[\s,:?]*", "", text, flags=re.I).strip(" ?")
        rule_id = why_rule(assessment, state.pending, topic, self.lex.data)
        if rule_id is None:  # the question names nothing in this assessment
            known = [
                f"- {escape(s.body)} {ACTIONS[lang][s.action]}"
                for t in assessment.tracks
                for s in t.steps
            ]
            known += [f"- {escape(c.text)}" for c in assessment.conditions]
            return Reply("\n".join([msg("why_unknown", lang), *known]), state, assessment, "why")
        rule = self.book.rules[rule_id]
        title, explanation = rule.words(lang)
        lines = [msg("why_rule", lang, title=escape(title), explanation=escape(explanation))]
        if rule.source:
            citation = self.kb.cite(rule.source.doc, rule.source.quote)
            where = f"{citation.title}, {citation.section}" if citation else rule.source.doc
            lines.append(f"> »{escape(rule.source.quote)}« ({escape(where)})")
            gloss = self.kb.corpus.gloss(rule.source.doc, rule.source.quote) if lang == "en" else ""
            lines += [f"> *{msg('gloss', lang)}:* {escape(gloss)}"] if gloss else []
        elif rule.note:
            lines.append(f"> {escape(rule.note)}")
        lines.append(f"`{rule.id}` · {rule.basis}")
        return Reply("\n\n".join(lines), state, assessment, "why")

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
        diff = compare(base, other, lang, self.book.parameters.labels.amount_kinds)
        if not diff:
            return Reply(msg("whatif_same", lang, change=change), state, base, "whatif")
        lines = [msg("whatif_diff", lang, change=change), *(f"- {c.text}" for c in diff)]
        return Reply("\n".join(lines), state, other, "whatif")

    def _documents(self, state: DialogueState, text: str) -> Reply:
        """A question to the documents, answered with their words; a question of ours still
        waiting for its answer is asked again under it."""
        lang = state.lang
        current = self._current(state)
        answers = self.kb.search(text, k=3)
        lines = [msg("sources_say", lang)] if answers else [msg("no_answer", lang)]
        for a in answers:
            excerpt = " ".join(strip_heading_marks(a.quote).split())
            excerpt = excerpt[:400] + ("…" if len(excerpt) > 400 else "")
            lines.append(f"> {escape(excerpt)}\n>\n> — {escape(a.title)}, {escape(a.section)}")
        waiting = next(
            (m for m in (current.missing if current else []) if m.field == state.pending), None
        )
        if waiting is not None:
            lines.append(msg("still_asking", lang, question=escape(waiting.asked(lang))))
        return Reply("\n\n".join(lines), state, current, "answer")
