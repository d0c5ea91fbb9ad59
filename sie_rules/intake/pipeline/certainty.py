"""Step 9, certainty: the readings that change the route or the money and were only inferred
(a sum's kind or payer from a default or a neighbour, a municipality's part in an investment,
the kind of request from hints) become questions that name the object and the reading: "Jeg
læste 3.000.000 kr. som Region Midtjyllands resultatbetaling 2028-2032 – er det rigtigt?".
A text whose facts are all stated plainly gets none."""

from __future__ import annotations

from sie_rules.explain.wording import in_words
from sie_rules.intake.pipeline.state import AmountRead, Confirmation, PartyRead, Reading
from sie_rules.model import Role
from sie_rules.money import format_dkk, format_years

_KEY_ROLES = (Role.result_payer, Role.investor, Role.authority)


def confirmations(
    r: Reading, amounts: list[AmountRead], parties: list[PartyRead]
) -> list[Confirmation]:
    """The questions for the draft's `amounts` (in its order) and `parties`."""
    out = []
    if r.request is not None and r.request_how == "inferred":
        label = r.params.labels.request_kinds[r.request]
        out.append(
            Confirmation(
                "request_kind",
                f"Jeg læste sagen som {label} – er det rigtigt?",
                f"I read the case as {in_words(label, r.request.value, 'en')} – is that right?",
                r.request.value,
            )
        )
    for i, a in enumerate(amounts):
        if a.kind_how == "inferred" or a.payer_how == "inferred":
            da, en = _amount_words(r, a)
            out.append(
                Confirmation(
                    f"amounts.{i}.{'payer' if a.payer_how == 'inferred' else 'kind'}",
                    f"Jeg læste {da} – er det rigtigt?",
                    f"I read {en} – is that right?",
                )
            )
    for p in parties:
        pays = any(a.payer == p.name for a in amounts)  # then its sum's reading is asked
        if p.part_how == "inferred" and not pays:
            out.append(
                Confirmation(
                    f"parties.{p.name}",
                    f"Jeg læste {p.name} som part i sagen – er det rigtigt?",
                    f"I read {p.name} as a party to the case – is that right?",
                )
            )
        inferred = [role for role in _KEY_ROLES if p.roles.get(role) == "inferred"]
        if inferred:
            da = " og ".join(r.params.labels.roles[role].split(" (")[0] for role in inferred)
            en = " and ".join(role.value.replace("_", " ") for role in inferred)
            out.append(
                Confirmation(
                    f"parties.{p.name}.roles",
                    f"Jeg læste {p.name} som {da} – er det rigtigt?",
                    f"I read {p.name} as {en} – is that right?",
                )
            )
    return out


def _amount_words(r: Reading, a: AmountRead) -> tuple[str, str]:
    """ "3,6 mio. kr. som Region Midtjyllands resultatbetaling 2028-2032" and its English."""
    assert a.kind is not None and a.payer is not None
    kind = r.params.labels.amount_kinds[a.kind]
    years = f" {format_years(a.years)}" if a.years else ""
    money = format_dkk(a.money.dkk)
    return (
        f"{money} som {_genitive(a.payer)} {kind}{years}",
        f"{money} as {a.payer}'s {in_words(kind, a.kind.value, 'en')}{years}",
    )


def _genitive(name: str) -> str:
    """Danish genitive: "Aarhus Kommunes", "Region Midtjyllands", "DSI's"."""
    if name[-1:] in "sxzSXZ":
        return name + "'"
    return name + ("'s" if name.isupper() else "s")
