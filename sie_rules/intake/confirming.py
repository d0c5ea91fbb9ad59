"""Answering the reader's own questions: a reading only inferred (`to_confirm` in the draft)
is confirmed ("ja"), all at once ("ja til alle"), or corrected in the user's own words, read
by the same reader as a description ("nej, det er Herning Kommune der betaler", "Aarhus
Kommune er ikke resultatbetaler", "det er følgeforskning", "en bemyndigelse")."""

from __future__ import annotations

import copy
import re
from typing import Any

from sie_rules.explain.wording import Lang, in_words
from sie_rules.intake.lexicon import Lexicon
from sie_rules.intake.numbers import parse_amount
from sie_rules.model import AmountKind, RequestKind, Role
from sie_rules.money import format_dkk, format_years
from sie_rules.rules.files import LabelsFile

_ALL = re.compile(r"\b(?:alle|all|begge|both|everything|det hele)\b", re.I)
_NOT = re.compile(r"\b(?:ikke|not|no longer|isn't|is not|aren't|er ikke)\b", re.I)
_NOT_BEFORE = re.compile(
    r"\b(?:ikke|not|no longer|isn't|aren't)\b(?:\s{1,5}(?:en|et|a|an|the|som|as)\b)?\s{0,5}$", re.I
)
_KEY_ROLES = (Role.result_payer, Role.investor, Role.authority)


def is_confirmation(draft: dict[str, Any], field: str | None) -> bool:
    """Whether `field` is a reading the reader asks to have confirmed."""
    return bool(field) and any(c["field"] == field for c in draft.get("to_confirm", []))


def confirmed(draft: dict[str, Any], field: str, text: str, lex: Lexicon) -> dict[str, Any] | None:
    """The draft with the reading `field` (or every reading, for "ja til alle") confirmed by
    a yes in `text`, or None when `text` says no more than yes or no."""
    yes, no = lex.yes.search(text), lex.no.search(text)
    if not yes or no or len(text.split()) > 6:
        return None
    readings = draft.get("to_confirm", [])
    chosen = readings if _ALL.search(text) else [c for c in readings if c["field"] == field]
    return _without(draft, chosen)


def corrected(
    draft: dict[str, Any], field: str, text: str, new: dict[str, Any], lex: Lexicon
) -> dict[str, Any] | None:
    """The draft with the reading `field` set right by `text` (`new`: the text as the reader
    read it), or None when the text does not say what the reading is about."""
    out = copy.deepcopy(draft)
    reading = next(c for c in draft.get("to_confirm", []) if c["field"] == field)
    head, _, rest = field.partition(".")
    if field == "request_kind":
        kind = new.get("request_kind") or requested_kind(text, lex)
        if not kind:
            return None
        out["request_kind"] = str(kind)
    elif head == "amounts":
        index = int(rest.split(".")[0])
        if not _correct_amount(out, index, new, text, lex):
            return None
    elif head == "parties" and rest.endswith(".roles"):
        if not _correct_roles(out, rest.removesuffix(".roles"), text, lex):
            return None
    elif head == "parties":  # "… som part i sagen – er det rigtigt?" "nej"
        if not (lex.no.search(text) or _NOT.search(text)):
            return None
        out["parties"] = [p for p in out.get("parties", []) if p["name"] != rest]
    else:
        return None
    return _without(out, [reading])


def _without(draft: dict[str, Any], readings: list[dict[str, Any]]) -> dict[str, Any]:
    out = copy.deepcopy(draft)
    fields = {c["field"] for c in readings}
    for c in readings:
        if c["field"] == "request_kind" and c.get("value"):
            out["request_kind"] = c["value"]
    out["to_confirm"] = [c for c in out.get("to_confirm", []) if c["field"] not in fields]
    if not out["to_confirm"]:
        del out["to_confirm"]
    return out


def _correct_amount(
    draft: dict[str, Any], index: int, new: dict[str, Any], text: str, lex: Lexicon
) -> bool:
    """The amount's sum, years, kind and payer as the correction names them."""
    amounts = draft.get("amounts", [])
    if index >= len(amounts):
        return False
    amount = amounts[index]
    changed = False
    said = new.get("amounts") or []
    value = said[0]["amount_dkk"] if said else parse_amount(text)
    if value is not None and value != amount["amount_dkk"]:  # "nej, beløbet er 3,5 mio."
        amount["amount_dkk"], changed = value, True
    if said and said[0].get("years") and said[0]["years"] != amount.get("years"):
        amount["years"], changed = said[0]["years"], True
    for kind, pattern in lex.amount_patterns:
        if pattern.search(text):
            amount["kind"], changed = kind.value, True
            break
    names = {p["name"] for p in draft.get("parties", [])}
    payers = [p for p in new.get("parties", []) if p["name"] != amount["payer"]]
    if payers:
        payer = payers[0]
        if payer["name"] not in names:
            draft["parties"].append({k: payer[k] for k in ("name", "kind", "roles")})
        amount["payer"], changed = payer["name"], True
    return changed


def _correct_roles(draft: dict[str, Any], name: str, text: str, lex: Lexicon) -> bool:
    """The party's key roles as the correction says: "… er ikke resultatbetaler" takes a
    role away, "… er investor" gives it; a bare "nej" takes away every inferred one."""
    party = next((p for p in draft.get("parties", []) if p["name"] == name), None)
    if party is None:
        return False
    roles = set(party.get("roles", []))
    said = [
        (role, m)
        for role, pattern in lex.role_patterns.items()
        if role in _KEY_ROLES
        for m in pattern.finditer(text)
    ]
    if not said:
        return False
    for role, m in said:  # "kun myndighed, ikke resultatbetaler": each word its own negation
        if _NOT_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            roles.discard(role.value)
        else:
            roles.add(role.value)
    party["roles"] = sorted(roles)
    return True


def answer_reading(
    draft: dict[str, Any], field: str, text: str, new: dict[str, Any], lex: Lexicon
) -> tuple[dict[str, Any] | None, str]:
    """The draft once `text` answers the reading `field`, and how: "confirmed", "corrected",
    "no" (a bare no: ask for the right reading) or "" (no answer to it: None)."""
    done = confirmed(draft, field, text, lex)
    if done is not None:
        return done, "confirmed"
    done = corrected(draft, field, text, new, lex)
    if done is not None:
        return done, "corrected"
    bare_no = lex.no.search(text) and len(text.split()) <= 3
    return None, "no" if bare_no else ""


def reading_words(before: dict[str, Any], after: dict[str, Any], lang: str) -> list[str]:
    """The readings settled between two drafts, in words ("Herning Kommune som myndighed og
    resultatbetaler"), for the echo of the answer."""
    left = {c["field"] for c in after.get("to_confirm", [])}
    key = "question_en" if lang == "en" else "question"
    return [_reading_of(c[key]) for c in before.get("to_confirm", []) if c["field"] not in left]


def settled_words(
    field: str,
    before: dict[str, Any],
    after: dict[str, Any],
    how: str,
    labels: LabelsFile,
    lang: Lang,
) -> list[str]:
    """The readings an answer settled, for its echo: those confirmed as they were read, the
    one corrected as the correction left it."""
    if how == "corrected":
        return [_corrected_words(field, before, after, labels, lang)]
    return reading_words(before, after, lang)


def _corrected_words(
    field: str, before: dict[str, Any], after: dict[str, Any], labels: LabelsFile, lang: Lang
) -> str:
    """The reading `field` as the correction left it, in words: "Herning Kommune: myndighed",
    "3,6 mio. kr.: Herning Kommune – resultatbetaling", "500.000 kr. → 3,5 mio. kr. (2027):
    Region Midtjylland – resultatbetaling", "Region Midtjylland: ikke part"."""
    head, _, rest = field.partition(".")
    if field == "request_kind":
        request = RequestKind(after["request_kind"])
        return in_words(labels.request_kinds[request], request.value, lang)
    if head == "amounts":
        index = int(rest.split(".")[0])
        a, was = after["amounts"][index], before["amounts"][index]
        kind = in_words(labels.amount_kinds[AmountKind(a["kind"])], a["kind"], lang)
        value = format_dkk(a["amount_dkk"])
        if (was["amount_dkk"], was.get("years")) != (a["amount_dkk"], a.get("years")):
            years = f" ({format_years(a['years'])})" if a.get("years") else ""
            value = f"{format_dkk(was['amount_dkk'])} → {value}{years}"
        return f"{value}: {a['payer']} – {kind}"
    name = rest.removesuffix(".roles")
    party = next((p for p in after.get("parties", []) if p["name"] == name), None)
    if party is None:
        return f"{name}: {'ikke part' if lang == 'da' else 'not a party'}"
    roles = [in_words(labels.roles[Role(x)].split(" (")[0], x, lang) for x in party["roles"]]
    return f"{name}: {', '.join(roles) or '–'}"


def amount_changes(
    before: dict[str, Any], after: dict[str, Any], labels: LabelsFile, lang: Lang
) -> list[str]:
    """What a correction changed in the amounts, from what to what ("resultatbetaling: 3,6
    mio. kr. → 3 mio. kr.")."""
    out = []
    old = before.get("amounts", [])
    for i, new in enumerate(after.get("amounts", [])):
        kind = in_words(labels.amount_kinds[AmountKind(new["kind"])], new["kind"], lang)
        if i >= len(old):
            out.append(f"{kind}: {format_dkk(new['amount_dkk'])}")
            continue
        was = old[i]
        if (was["amount_dkk"], was.get("years")) != (new["amount_dkk"], new.get("years")):
            years = f" ({format_years(new['years'])})" if new.get("years") else ""
            out.append(
                f"{kind}: {format_dkk(was['amount_dkk'])} → {format_dkk(new['amount_dkk'])}{years}"
            )
    return out


def _reading_of(question: str) -> str:
    """ "Jeg læste X – er det rigtigt?" -> "X"."""
    for prefix in ("Jeg læste ", "I read "):
        question = question.removeprefix(prefix)
    for suffix in (" – er det rigtigt?", " – is that right?"):
        question = question.removesuffix(suffix)
    return question


def quick_answers(draft: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The buttons under a reading to confirm: yes, yes to all (when there are several), and
    no, which asks for the right reading in words."""
    many = len(draft.get("to_confirm", [])) > 1
    if lang == "en":
        out = [("Yes, that is right", "yes")]
        out += [("Yes to all the readings", "yes to all")] if many else []
        return [*out, ("No – I will correct it", "no")]
    out = [("Ja, det er rigtigt", "ja")]
    out += [("Ja til alle læsningerne", "ja til alle")] if many else []
    return [*out, ("Nej – jeg retter det", "nej")]


def requested_kind(text: str, lex: Lexicon) -> RequestKind | None:
    """A request kind named in a short correction ("det er en bemyndigelse")."""
    for kind, (strong, weak) in lex.request_patterns.items():
        if strong.search(text) or (weak and weak.search(text)):
            return kind
    return None
