"""Hypothesis strategies: valid proposals of every kind, built from the domain's vocabulary,
and hostile raw input."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sie_rules.model import AmountKind, Instrument, PartyKind, RequestKind, Role

MUNICIPALITIES = [
    "Herning Kommune",
    "Norddjurs Kommune",
    "Viborg Kommune",
    "Odense Kommune",
    "Aarhus Kommune",  # magistratsstyre and, 2020-2026, its own investment fund
    "Københavns Kommune",
]
OTHERS = [
    ("Den Sociale Investeringsfond", "dsi"),
    ("Landsbyggefonden", "foundation"),
    ("Østifterne", "foundation"),
    ("DEFACTUM", "research"),
    ("Regionshospitalet Gødstrup", "hospital"),
    ("Foreningen X", "organisation"),
    ("Wood By Human Results", "company"),
]
FIELDS = ["naere_sundhedstilbud", "psykiatri", "socialomraadet", "hospitaler", "regional_udvikling"]
SOURCES = [None, "Puljen til øget lighed i sundhed", "puljen til lighed i sundhed", "Driftsbudget"]
THEMES = [None, "trivsel", "arbejdsmiljø", "kultur"]
TRACKS = [None, "Lighed i sundhed – patientrettet forebyggelse", "Andet spor"]
maybe_bool = st.sampled_from([None, True, False])
PROCESSES = [None, "standard", "magistrat", "investment_council", "delegated"]


@st.composite
def proposals(draw: Any) -> dict[str, Any]:
    """A proposal dict that passes validation (all cross-references hold)."""
    chosen = draw(st.lists(st.sampled_from(MUNICIPALITIES), unique=True, max_size=2))
    others = draw(st.lists(st.sampled_from(OTHERS), unique=True, max_size=4))
    roles = st.lists(st.sampled_from(list(Role)), unique=True, max_size=3)
    parties = []
    if draw(st.integers(0, 3)) or not (chosen or others):  # the region takes part 3 times in 4
        parties.append({"name": "Region Midtjylland", "kind": "region", "roles": draw(roles)})
    for name in chosen:
        parties.append(
            {
                "name": name,
                "kind": "municipality",
                "roles": draw(roles),
                "financing_found": draw(maybe_bool),
                "budget_adopted": draw(maybe_bool),
                "process": draw(st.sampled_from(PROCESSES)),
            }
        )
    for name, kind in others:
        parties.append(
            {
                "name": name,
                "kind": kind,
                "roles": draw(roles),
                "legally_excluded": draw(st.booleans()) and kind == "company",
            }
        )
    names = [p["name"] for p in parties]
    amounts = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(2024, 2030))
        years = list(range(start, start + draw(st.integers(0, 5))))
        dkk = draw(st.integers(1, 12_000_000))
        amount: dict[str, Any] = {
            "kind": draw(st.sampled_from(list(AmountKind))).value,
            "payer": draw(st.sampled_from(names)),
            "amount_dkk": dkk,
            "years": years,
        }
        ceiling = draw(st.sampled_from([None, dkk, dkk // 2, dkk * 2]))
        if ceiling is not None:
            amount["ceiling_dkk"] = ceiling
        source = draw(st.sampled_from(SOURCES))
        if source:
            amount["funding_source"] = source
        if draw(st.booleans()):
            amount["recipient"] = draw(st.sampled_from(names))
        others_paying = [n for n in names if n != amount["payer"]]
        if others_paying and draw(st.integers(0, 3)) == 0:
            joint = st.lists(st.sampled_from(others_paying), unique=True, min_size=1, max_size=2)
            amount["joint_payers"] = draw(joint)
        if draw(st.integers(0, 3)) == 0:
            amount["instrument"] = draw(st.sampled_from(list(Instrument))).value
        amounts.append(amount)
    goals = [
        {
            "name": f"Mål {i}",
            "payers": draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True)),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    raw: dict[str, Any] = {
        "title": draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        "request_kind": draw(st.sampled_from(list(RequestKind))).value,
        "date": draw(st.sampled_from(["2021-06-01", "2024-02-21", "2025-11-13"])),
        "parties": parties,
        "amounts": amounts,
        "payment_goals": goals,
        "fields": draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=2)),
    }
    if draw(st.booleans()):
        raw["effort_start"] = draw(st.integers(2024, 2030))
        raw["effort_end"] = raw["effort_start"] + draw(st.integers(0, 5))
        raw["follow_up_years"] = draw(st.integers(1, 6))
    for key in (
        "payment_model_agreed",
        "financing_found",
        "regional_municipal_overlap",
        "scaling_potential",
    ):
        value = draw(maybe_bool)
        if value is not None:
            raw[key] = value
    for key, options in (("dsi_theme", THEMES), ("cooperation_track", TRACKS)):
        value = draw(st.sampled_from(options))
        if value:
            raw[key] = value
    assert {p["kind"] for p in parties} <= {k.value for k in PartyKind}
    return raw


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=15), inner, max_size=4)
    ),
    max_leaves=25,
)
