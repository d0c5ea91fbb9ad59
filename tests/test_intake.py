"""Chat intake: extraction accuracy on real and paraphrased texts, and the dialogue."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_eval import TUNED_ON, chat, evaluate, heldout_files, load_cases, tracks_of
from limits import time_limit
from threaded import differences_from_sequential

from sie_rules import assess_text
from sie_rules.errors import ProposalError
from sie_rules.intake import DialogueState, current_intake
from sie_rules.intake.numbers import find_amounts, years_in

CASES = load_cases()
INTAKE = current_intake()
HERNING = (
    "Vi vil indgå en social effektinvestering med Herning Kommune som myndighed og "
    "resultatbetaler og Den Sociale Investeringsfond; regionen betaler maksimalt 3,6 mio. "
    "kr. i resultatbetaling i "
    "2027-2031."
)


def test_the_evaluation_set_has_real_texts_and_many_paraphrases() -> None:
    real = [c for c in CASES if "source" in c]
    other = [c for c in CASES if "source" not in c]
    assert len(real) >= 4 and len(other) >= 25
    assert sum(c["name"].startswith("english") for c in CASES) >= 5


def test_field_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    """The development set (tuned on): every fact, every track, and no text refused."""
    report = evaluate(CASES)
    with capsys.disabled():
        print("\n" + report.line("development"))
        for miss in report.misses:
            print("  missed", miss)
    assert report.refused == 0
    assert report.right / report.total >= 0.98


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_tracks_follow_from_the_text(case: dict[str, object]) -> None:
    draft, _ = INTAKE.read(str(case["text"]))
    assert tracks_of(draft) == case["tracks"]


def test_every_extracted_fact_points_at_the_words_it_came_from() -> None:
    text = CASES[0]["text"]
    _, evidence = INTAKE.read(text)
    assert len(evidence) > 10
    for e in evidence:
        assert text[e.start : e.end] == e.text


def test_dialogue_asks_one_question_at_a_time_and_takes_short_answers() -> None:
    first, second, third, fourth = chat(
        HERNING,
        "puljen til øget lighed i sundhed",
        "Regionshospitalet Gødstrup",
        "færre kontakter til sundhedsvæsenet",
    )
    assert "3,6 mio. kr." in first.text and first.kind == "assessment"
    assert first.state.pending == "amounts.funding_source"
    assert first.text.count("**Spørgsmål:**") == 1
    assert second.state.draft["amounts"][0]["funding_source"] == "Puljen til øget lighed i sundhed"
    assert second.state.pending == "parties.provider"
    assert any(
        p["name"] == "Regionshospitalet Gødstrup" and "provider" in p["roles"]
        for p in third.state.draft["parties"]
    )
    assert third.state.pending == "payment_goals"
    assert fourth.state.draft["payment_goals"][0]["name"] == "Færre kontakter til sundhedsvæsenet"
    assert fourth.assessment is not None and fourth.assessment.outcome == "eligible"


@pytest.mark.parametrize(
    ("answer", "source"),
    [
        ("af puljen til øget lighed i sundhed", "Puljen til øget lighed i sundhed"),
        ("Det betales fra Puljen til Øget Lighed i Sundhed.", "Puljen til øget lighed i sundhed"),
        ("af driftsbudgettet", "driftsbudgettet"),
    ],
)
def test_an_answer_is_read_like_a_description(answer: str, source: str) -> None:
    _, answered = chat(HERNING, answer)
    assert answered.state.draft["amounts"][0]["funding_source"] == source
    lines = answered.assessment.indstilling if answered.assessment else []
    assert f"at midlerne finansieres af {source}." in lines
    assert not any("af af" in line for line in lines)


def test_the_echo_of_an_answer_shows_what_was_taken_from_it() -> None:
    _, answered = chat(HERNING, "af puljen til øget lighed i sundhed")
    assert "- finansiering: Puljen til øget lighed i sundhed — «af puljen" in answered.text


def test_a_payer_named_in_the_goals_own_clause_pays_and_nobody_else() -> None:
    text = (
        "Regionen vil indgå en social effektinvestering med Den Sociale Investeringsfond; "
        "regionen betaler maksimalt 2 mio. kr. i resultatbetaling i 2027-2030 fra puljen til "
        "øget lighed i sundhed. Regionshospitalet Gødstrup udfører indsatsen."
    )
    (first, answered) = chat(
        text, "Betalingsmålet er færre indlæggelser i Herning Kommune, og regionen betaler"
    )
    assert first.state.pending == "payment_goals"
    assert answered.state.draft["payment_goals"] == [
        {"name": "Færre indlæggelser i Herning Kommune", "payers": ["Region Midtjylland"]}
    ]
    assert answered.assessment is not None
    assert [t.id for t in answered.assessment.tracks] == ["region", "dsi"]
    assert not any(m.field.startswith("parties.Herning") for m in answered.assessment.missing)


WHY_CASE = HERNING + (
    " Regionshospitalet Gødstrup udfører indsatsen fra puljen til øget lighed i sundhed."
    " Betalingsmålet er færre kontakter til sundhedsvæsenet."
)


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        ("hvorfor skal forretningsudvalget have sagen?", "approval.region.executive_prepares"),
        ("why does the executive committee see it?", "approval.region.executive_prepares"),
        ("hvorfor regionsrådet?", "approval.region.council_decides"),
        ("hvorfor skal økonomiudvalget have sagen?", "approval.municipality.finance_committee"),
        ("hvorfor loftet?", "funding.ceiling.within"),
    ],
)
def test_a_why_about_a_named_thing_explains_that_thing(question: str, rule: str) -> None:
    _, why = chat(WHY_CASE, question)
    assert f"`{rule}`" in why.text


def test_a_why_about_something_not_in_the_case_says_so_and_lists_what_it_can_explain() -> None:
    _, why = chat(WHY_CASE, "hvorfor skal kulturudvalget have sagen?")
    assert why.text.startswith("Det kan jeg ikke finde i denne vurdering")
    assert "Forretningsudvalget afgiver erklæring" in why.text


def test_a_correction_changes_the_amount_and_the_assessment() -> None:
    *_, corrected = chat(HERNING, "nej, beløbet er 4 mio.")
    amount = corrected.state.draft["amounts"][0]
    assert amount["amount_dkk"] == 4_000_000 and amount["ceiling_dkk"] == 4_000_000
    assert corrected.text.startswith("Rettet:")
    assert corrected.assessment is not None
    assert corrected.assessment.amounts[0].amount_dkk == 4_000_000


def test_why_explains_the_pending_question_and_a_named_step() -> None:
    _, why, why_fu = chat(HERNING, "hvorfor?", "hvorfor forretningsudvalget?")
    assert "eligibility.funding.source_missing" in why.text
    assert "Enhver tillægsbevilling skal angive" in why.text
    assert "approval.region.executive_prepares" in why_fu.text
    assert why_fu.state.draft == why.state.draft  # asking why changes nothing


def test_what_if_shows_the_difference_and_keeps_the_draft() -> None:
    base, what_if = chat(HERNING, "hvad hvis kommunen ikke kan finde finansiering?")
    assert what_if.kind == "whatif"
    assert ":material/block:" in what_if.text
    assert "Herning Kommune har fundet finansiering" in what_if.text
    assert what_if.state.draft == base.state.draft
    *_, psych = chat(HERNING, "hvad hvis sagen berører psykiatrien?")
    heard = f"+ Region Midtjylland: {_psychiatry_committee_today()} høres"
    assert heard in psych.text.replace("\\", "")


def test_questions_to_the_documents_are_answered_with_sources() -> None:
    (reply,) = chat("Hvem betaler for livstilfredshed i Herning?")
    assert reply.kind == "answer"
    assert "Landsbyggefonden har tilkendegivet" in reply.text
    assert "Referat, Udvalg for lighed i sundhed, 13-11-2025" in reply.text
    (nothing,) = chat("Hvad bliver vejret i morgen?")
    assert nothing.text == "Det kan jeg ikke finde i dokumenterne."


def test_english_gets_english_replies() -> None:
    (reply,) = chat(
        "We want final approval of a social impact investment with Herning "
        "Municipality and the Social Investment Fund; the region pays at most "
        "DKK 3.6 million in result payments in 2027-2031."
    )
    assert "**Assessment:**" in reply.text and "**Question:**" in reply.text


def test_user_text_is_never_markup_in_replies() -> None:
    (reply,) = chat(
        "<b>Foreningen Mental Talk</b> søger om 50.000 kr. i støtte "
        "![x](http://example.invalid/x.png) **fed**"
    )
    assert "<b>" not in reply.text and "![x]" not in reply.text
    assert "\\<b\\>" in reply.text or "Foreningen Mental Talk" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "asdf qwer zxcv",
        "1234567890",
        "???",
        "<script>",
        "ja",
        "nej",
        "hvorfor",
        "hvad hvis?",
    ],
)
def test_nonsense_gets_a_helpful_reply(text: str) -> None:
    (reply,) = chat(text)
    assert reply.text.strip()
    assert reply.kind in {"help", "answer", "why", "whatif", "assessment"}


def test_a_megabyte_of_text_is_answered() -> None:
    with time_limit(30, "a 1 MB message"):  # a hang guard; the speed is bench_chat's
        (reply,) = chat(HERNING + " bla" * 250_000)
    assert reply.text


def test_100_kb_of_real_minutes_are_read() -> None:
    text = (CASES[0]["text"] * 20)[:100_000]
    with time_limit(30, "reading 100 KB"):  # a hang guard; the speed is bench_chat's
        draft, evidence = INTAKE.read(text)
    assert draft["amounts"] and evidence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_random_text_never_crashes_the_dialogue(turns: list[str]) -> None:
    state = DialogueState()
    for turn in turns:
        reply = INTAKE.respond(state, turn)
        assert isinstance(reply.text, str) and reply.text
        state = reply.state


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789 ,.-mio kr årene til og i 20", max_size=120))
def test_number_soup_never_crashes_extraction(text: str) -> None:
    _, evidence = INTAKE.read(text)
    assert all(text[e.start : e.end] == e.text for e in evidence)


def test_assess_text_and_the_cli() -> None:
    assessment = assess_text(HERNING + " Det skal godkendes.")
    assert [t.id for t in assessment.tracks][:2] == ["region", "municipality:Herning"]
    with pytest.raises(ProposalError, match="nothing in the text describes a case"):
        assess_text("hej")
    unclear = assess_text("Et projekt med Samsø Kommune og DSI om rehabilitering.")
    # the kind is asked, and so is the region's part, only inferred from "med Samsø Kommune"
    fields = [m.field for m in unclear.missing]
    assert unclear.outcome == "incomplete" and "request_kind" in fields
    assert "parties.Region Midtjylland" in fields
    assert {r.request_kind.value for r in unclear.candidate_routes} == {
        "orientation",
        "mandate",
        "final_approval",
        "grant",
        "network_partner",
        "development_partnership",
    }
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess-text", "-", "--json"],
        input=HERNING.encode(),
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0
    assert json.loads(run.stdout)["amounts"][0]["amount_dkk"] == 3_600_000
    bad = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess-text", "-"],
        input=b"blabla",
        capture_output=True,
        timeout=120,
    )
    assert (
        bad.returncode == 2
        and b"nothing in the text" in bad.stderr
        and b"Traceback" not in bad.stderr
    )


def test_held_out_accuracy_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """Texts the extractor was never tuned on: the honest estimate for new wording. The misses
    of a file still unseen are not printed (reading them is tuning on them)."""
    reports = {path.name: evaluate(load_cases(path)) for path in heldout_files()}
    with capsys.disabled():
        for name, report in reports.items():
            seen = name in TUNED_ON
            print("\n" + report.line(f"held-out {name}" + (" (tuned on)" if seen else "")))
            for miss in report.misses if seen else []:
                print("  held-out miss", miss)
    assert all(report.refused == 0 for report in reports.values())
    right = sum(report.right for report in reports.values())
    assert right / sum(report.total for report in reports.values()) >= 0.95


def test_assess_text_from_many_threads_equals_the_sequential_results() -> None:
    texts = [c["text"] for c in CASES[:12]]
    assert (
        differences_from_sequential(
            texts, lambda t: assess_text(t).model_dump(mode="json"), rounds=2
        )
        == []
    )


@pytest.mark.parametrize(
    "words",
    ["unge pårørende til psykisk syge", "mennesker med psykiske lidelser", "mental health"],
)
def test_a_grant_in_everyday_psychiatric_words_is_heard_in_the_psychiatry_committee(
    words: str,
) -> None:
    text = f"Ansøgning om støtte fra Foreningen Sind Ungdom: 80.000 kr. i 2026 til {words}."
    assessment = assess_text(text)
    assert "psykiatri" in (assessment.proposal.fields or [])
    region = next(t for t in assessment.tracks if t.id == "region")
    assert (_psychiatry_committee_today(), "heard") in [(s.body, s.action) for s in region.steps]


def _psychiatry_committee_today() -> str:
    """The body covering psychiatry on today's date (a text without a date is decided today:
    after 2025 the sources name no committee, and the role is described instead)."""
    bodies = INTAKE.book.parameters.bodies_at(dt.date.today())
    return next(b.name for b in bodies if "psykiatri" in b.fields)


@pytest.mark.parametrize(
    "text",
    [
        "Udvalget orienteres om, at et samarbejde med Wood By Human Results ikke er muligt"
        " af juridiske grunde.",
        "Til orientering: Wood By Human Results er juridisk udelukket fra samarbejdet.",
    ],
)
def test_a_partner_excluded_for_legal_reasons_is_read_as_such(text: str) -> None:
    a = assess_text(text)
    excluded = [p.name for p in a.proposal.parties if p.legally_excluded]
    assert excluded == ["Wood By Human Results"]
    assert a.outcome == "not_eligible"


def test_a_grant_whose_amount_was_not_understood_asks_for_it_and_takes_the_answer() -> None:
    """Issue #11: a grant request without an amount came back eligible with nothing missing."""
    first, answered = chat(
        "Foreningen Livsglæde søger støtte fra regionen til et kursus.", "60.000 kr. i 2026"
    )
    assert first.assessment is not None and first.assessment.outcome == "incomplete"
    assert first.state.pending == "amounts.grant"
    assert answered.state.draft["amounts"] == [
        {
            "kind": "grant",
            "payer": "Region Midtjylland",
            "amount_dkk": 60_000,
            "recipient": "Foreningen Livsglæde",
            "years": [2026],
        }
    ]


def test_a_region_taken_to_take_part_is_shown_as_assumed() -> None:
    reply = INTAKE.respond(
        DialogueState(),
        "Bemyndigelse til at forhandle med Skive Kommune og DSI; reserver op til 1 mio. kr.",
    )
    assert "Region Midtjylland — antaget, står ikke i teksten" in reply.text


@pytest.mark.parametrize(
    ("text", "tracks"),
    [  # issue #11's failure classes, each in words of its own
        (
            "Final approval is sought for the framework with Odder Municipality and DSI.",
            {"region", "municipality:Odder", "dsi"},
        ),
        (
            "Vejen Kommune optager et lån hos DSI; kommunen betaler tilbage efter resultater.",
            {"municipality:Vejen", "dsi"},
        ),
        ("The Patient Club asks the region for a grant of DKK 30,000 in 2026.", {"region"}),
        ("For information only: status on the cooperation.", {"region"}),
        (
            "rammen for investering med norddjurs kommune og dsi godkendes",
            {"region", "municipality:Norddjurs", "dsi"},
        ),
    ],
)
def test_each_failure_class_of_the_issue_is_read(text: str, tracks: set[str]) -> None:
    a = assess_text(text)
    assert {t.id for t in a.tracks} == tracks


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=2))
@settings(max_examples=200, deadline=None)
def test_money_in_every_written_form_is_read_to_the_same_kroner(base: int, scale: int) -> None:
    dkk = base * (1_000 if scale == 1 else 1_000_000 if scale == 2 else 100)
    danish = f"{dkk:,}".replace(",", ".")
    english = f"{dkk:,}"
    forms = [f"{danish} kr.", f"kr. {danish}", f"DKK {english}", f"{danish} kroner"]
    if dkk % 100_000 == 0 and dkk >= 1_000_000:
        millions = f"{dkk / 1_000_000:g}"
        forms += [f"{millions.replace('.', ',')} mio. kr.", f"{millions} million kroner"]
    for form in forms:
        # "to" is a number word too: it must not take the currency of the amount after it
        for lead in ("Regionen betaler", "The region pays up to"):
            found = find_amounts(f"{lead} {form} i resultatbetaling.")
            assert [m.dkk for m in found] == [dkk], f"{lead} {form}"


@pytest.mark.parametrize(
    ("text", "dkk"),
    [
        ("femoghalvfjerds tusinde kroner", [75_000]),
        ("fem og tyve tusind kr.", [25_000]),
        ("halvfjerdstusinde kroner", [70_000]),
        ("seventy-five thousand kroner", [75_000]),
        ("twenty five million kroner", [25_000_000]),
        ("tres tusind kroner", [60_000]),
        ("DKK 1.2m", [1_200_000]),
        ("2m kr.", [2_000_000]),
        ("en afstand på 200 m til hospitalet", []),  # a bare "m" is money only with a currency
    ],
)
def test_numbers_in_words_with_tens_and_a_bare_m(text: str, dkk: list[int]) -> None:
    assert [m.dkk for m in find_amounts(text)] == dkk


def test_years_said_once_for_several_amounts_go_to_each() -> None:
    draft, _ = INTAKE.read(
        "Til godkendelse: regionen afsætter 1,0 mio. kr. til DEFACTUM til arbejdspakke 1 og "
        "0,3 mio. kr. til arbejdspakke 2, begge i 2026, i investeringen med Norddjurs Kommune."
    )
    assert [(a["amount_dkk"], a["years"]) for a in draft["amounts"]] == [
        (1_000_000, [2026]),
        (300_000, [2026]),
    ]


def test_a_hurried_text_with_short_forms_is_read() -> None:
    draft, _ = INTAKE.read("godkend rammen pls - struer komm + dsi, reg. betaler max 1 mio 2028-31")
    assert "Struer Kommune" in {p["name"] for p in draft["parties"]}
    assert [(a["amount_dkk"], a["years"]) for a in draft["amounts"]] == [
        (1_000_000, [2028, 2029, 2030, 2031])
    ]


def test_a_listed_value_is_read_as_a_whole_word_only() -> None:
    assert INTAKE.read("DSI-tema: trivsel blandt unge.")[0].get("dsi_theme") == "trivsel"
    assert "dsi_theme" not in INTAKE.read("DSI-tema: mistrivsel blandt unge.")[0]


def test_a_date_is_not_a_range_of_years() -> None:
    assert years_in("mødet 2025-06-26") == [2025]


def test_the_pool_named_in_english_is_the_pool() -> None:
    draft, _ = INTAKE.read(
        "The region pays at most DKK 1.8 million in result payments in 2028-2032, funded by "
        "the pool for greater equality in health."
    )
    assert draft["amounts"][0]["funding_source"] == "Puljen til øget lighed i sundhed"


def test_a_long_ordinary_word_is_not_taken_for_a_fund() -> None:
    draft, _ = INTAKE.read("Investeringsoplægget og investeringen drøftes til orientering.")
    assert [p["name"] for p in draft["parties"]] == ["Region Midtjylland"]


def test_an_effort_period_given_as_two_dates_is_read() -> None:
    draft, _ = INTAKE.read(
        "Indsatsen løber fra 1. januar 2026 til 31. december 2029 med Hedensted Kommune og DSI."
    )
    assert (draft.get("effort_start"), draft.get("effort_end")) == (2026, 2029)


def test_a_municipality_that_delivers_the_effort_keeps_its_own_track() -> None:
    a = assess_text(
        "rammen godkendes - herning kommune og dsi, regionshospitalet gødstrup leverer "
        "indsatsen, regionen betaler højst 3 mio. kr. i resultatbetaling 2027-2031"
    )
    assert "municipality:Herning" in {t.id for t in a.tracks}


def test_a_goal_in_its_own_og_clause_is_paid_by_the_party_named_there() -> None:
    draft, _ = INTAKE.read(
        "regionen reserverer op til 1,2 mio. kr. til resultatbetaling, og trygfonden betaler "
        "for målet om livstilfredshed."
    )
    goals = {g["name"]: g["payers"] for g in draft["payment_goals"]}
    assert goals == {"Øget livstilfredshed/trivsel": ["TrygFonden"]}


def test_a_denied_request_word_does_not_count() -> None:
    draft, _ = INTAKE.read(
        "Det er ikke længere en bemyndigelse - nu søges endelig godkendelse af investeringen "
        "med Horsens Kommune og DSI."
    )
    assert draft["request_kind"] == "final_approval"


@pytest.mark.parametrize(
    ("text", "party", "facts"),
    [  # failure classes found on new development texts, 2026-12-02
        ("endelig godkendelse med viborg kommmune og dsi", "Viborg Kommune", {}),
        ("foreningen trappen ansøger om 20.000 kr. i 2026", "Foreningen Trappen", {}),
        (
            "Grant request from Foreningen Åben Dør for DKK 80,000 in 2026.",
            "Foreningen Åben Dør",
            {},
        ),
        (
            "DSI. A.P. Møller Fonden er medfinansierende fond.",
            "A.P. Møller Fonden",
            {"roles": ["investor"]},
        ),
        ("Bikubenfonden donerer 800.000 kr. til frivillige.", "Bikubenfonden", {}),
        ("godkendelse med den sociale investeringsfon", "Den Sociale Investeringsfond", {}),
        ("Skive municipalty og DSI", "Skive Kommune", {}),
        (
            "Mandate to negotiate with Lemvig Municipality. Lemvig has not yet found financing.",
            "Lemvig Kommune",
            {"financing_found": False},
        ),
    ],
)
def test_a_party_is_read_whatever_its_spelling(
    text: str, party: str, facts: dict[str, object]
) -> None:
    draft, _ = INTAKE.read(text)
    found = {p["name"]: p for p in draft["parties"]}
    assert party in found, list(found)
    assert {k: found[party].get(k) for k in facts} == facts


def test_an_amount_whose_purpose_was_not_read_is_asked_about_never_dropped() -> None:
    text = "Et projekt med Samsø Kommune og DSI; beløbet er 500.000 kr."
    reply = INTAKE.respond(DialogueState(), text)
    assert (
        "Jeg kunne ikke se, hvad dette beløb er til" in reply.text and "500.000 kr." in reply.text
    )
    run = subprocess.run(
        [sys.executable, "-m", "sie_rules.cli", "assess-text", "-", "--json"],
        input=text.encode(),
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 0 and "500.000 kr." in run.stderr.decode()
    assert json.loads(run.stdout)["outcome"] == "incomplete"


def test_a_question_names_the_amount_it_is_about_and_the_answer_goes_to_that_amount() -> None:
    first, answered = chat(
        "Foreningen Livsglæde søger 60.000 kr. fra regionen til et kursus, finansieret af "
        "puljen til øget lighed i sundhed.",
        "2026",
    )
    question = next(m for m in first.assessment.missing if m.field == "amounts.0.years")
    assert (
        question.question == "I hvilke år skal Region Midtjyllands støtte på 60.000 kr. udbetales?"
    )
    assert answered.state.draft["amounts"][0]["years"] == [2026]


def test_candidate_routes_in_english_name_each_kind_in_words_not_by_code() -> None:
    reply = INTAKE.respond(DialogueState(), "A project with Samsø Municipality and the DSI fund.")
    assert "if it is final approval" in reply.text and "final_approval" not in reply.text


def _amounts(text: str) -> list[tuple[str, str, int, list[int]]]:
    draft, _ = INTAKE.read(text)
    return [(a["kind"], a["payer"], a["amount_dkk"], a["years"]) for a in draft["amounts"]]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hvis vi siger ja til bemyndigelsen i dag, hvad binder vi så?", "mandate"),
        ("need approval for the mandate - the region reserves DKK 1m", "mandate"),
        ("Rammegodkendelse af investeringen med Syddjurs Kommune og DSI.", "final_approval"),
    ],
)
def test_a_request_word_is_read_in_its_inflected_forms(text: str, kind: str) -> None:
    assert INTAKE.read(text)[0]["request_kind"] == kind


def test_amounts_on_lines_labelled_by_year_and_their_total_are_one_amount() -> None:
    text = (
        "Endelig godkendelse af rammen for investeringen med Syddjurs Kommune og DSI.\n"
        "Regionens resultatbetaling:\n2027: 200.000 kr.\n2028: 300.000 kr.\n"
        "2029: 300.000 kr.\nI alt højst 800.000 kr."
    )
    draft, _ = INTAKE.read(text)
    assert _amounts(text) == [("result_payment", "Region Midtjylland", 800_000, [2027, 2028, 2029])]
    assert draft["amounts"][0]["by_year"] == {2027: 200_000, 2028: 300_000, 2029: 300_000}


def test_an_application_form_is_read_field_by_field() -> None:
    text = "Ansøger: Foreningen Livsglæde\nBeløb: 45.000 kr.\nÅr: 2026\nFormål: ture for ældre"
    draft, _ = INTAKE.read(text)
    assert "Foreningen Livsglæde" in {p["name"] for p in draft["parties"]}  # not "… Beløb"
    assert _amounts(text) == [("grant", "Region Midtjylland", 45_000, [2026])]


@pytest.mark.parametrize(
    ("text", "name"),
    [  # a genitive loses its s; a town at the end of the name keeps it
        (
            "Regionen bliver netværkspartner i Foreningen Nabohjælps projekt.",
            "Foreningen Nabohjælp",
        ),
        (
            "Foreningen Headspace Aarhus applies for a grant of DKK 75,000.",
            "Foreningen Headspace Aarhus",
        ),
    ],
)
def test_an_associations_final_s_is_read_as_the_grammar_says(text: str, name: str) -> None:
    draft, _ = INTAKE.read(text)
    assert name in {p["name"] for p in draft["parties"]}


def test_the_fund_written_as_separate_words_with_slips_is_the_fund() -> None:
    text = (
        "vi ønsker bemyndigelse til at forhandle med Randers Kommune og Den Social "
        "Investerings Fond"
    )
    draft, _ = INTAKE.read(text)
    assert {p["name"] for p in draft["parties"]} >= {"Den Sociale Investeringsfond"}
    assert "Den Social Investerings Fond" not in {p["name"] for p in draft["parties"]}


def test_a_municipality_in_the_amounts_clause_pays_only_when_the_clause_says_it_pays() -> None:
    talks = (
        "Vi søger bemyndigelse til at forhandle med Randers Kommune om resultatbetaling på op "
        "til 900.000 kr."
    )
    pays = (
        "Vi søger bemyndigelse, og Randers Kommune betaler op til 900.000 kr. i resultatbetaling."
    )
    assert _amounts(talks)[0][1] == "Region Midtjylland"
    assert _amounts(pays)[0][1] == "Randers Kommune"


def test_a_foundation_named_as_result_payer_pays_the_amount_of_its_sentence() -> None:
    text = (
        "TrygFonden joins the investment with Randers Municipality and DSI as result payer for "
        "the well-being goal, up to DKK 1 million. The region pays up to DKK 2 million in "
        "result payments in 2027-2030."
    )
    assert [(payer, dkk) for _, payer, dkk, _ in _amounts(text)] == [
        ("TrygFonden", 1_000_000),
        ("Region Midtjylland", 2_000_000),
    ]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("regionen betaler højst 1 mio. kr. fra 2027 til og med 2030", [2027, 2028, 2029, 2030]),
        ("regionen betaler højst 1 mio. kr. i 2027 t.o.m. 2029", [2027, 2028, 2029]),
    ],
)
def test_til_og_med_is_a_range_of_years(text: str, years: list[int]) -> None:
    assert _amounts(f"Endelig godkendelse: {text} i investeringen med DSI.")[0][3] == years


def test_no_more_than_makes_a_ceiling() -> None:
    draft, _ = INTAKE.read(
        "Approve the framework with Holstebro Municipality and DSI, with regional result "
        "payments of no more than DKK 2.4 million in 2028-2032."
    )
    assert draft["amounts"][0]["ceiling_dkk"] == 2_400_000


@pytest.mark.parametrize(
    ("text", "dkk"),
    [
        ("resultatbetaling på max 600.000", [600_000]),
        ("regionen betaler op til 1.200.000, og kommunen resten", [1_200_000]),
        ("et tilbud på 1.000 pladser", []),
        ("målgruppen er 1.000 borgere i 2026", []),
    ],
)
def test_a_sum_in_thousands_after_max_or_op_til_is_kroner_without_a_currency(
    text: str, dkk: list[int]
) -> None:
    assert [m.dkk for m in find_amounts(text, INTAKE.lex.ceiling)] == dkk


@pytest.mark.parametrize(
    "text",
    [
        "Aarhus Municipality enters a social impact investment with DSI in which the "
        "municipality pays for results; the region is not involved.",
        "Aarhus Kommune og DSI indgår en social investering; regionen er ikke part i den.",
    ],
)
def test_a_region_said_to_take_no_part_is_no_party_and_has_no_track(text: str) -> None:
    a = assess_text(text)
    assert "Region Midtjylland" not in {p.name for p in a.proposal.parties}
    assert "region" not in {t.id for t in a.tracks}


def test_a_grant_asked_for_with_the_infinitive_soge_is_a_grant() -> None:
    draft, _ = INTAKE.read(
        "Vi er en lille forening, Foreningen Fælles Fodslag, og vi vil gerne søge 35.000 kr. "
        "til gåture i 2026."
    )
    assert draft["request_kind"] == "grant"
    assert [(a["kind"], a["amount_dkk"]) for a in draft["amounts"]] == [("grant", 35_000)]


def test_each_fund_pays_the_donation_in_its_own_part_of_the_sentence() -> None:
    text = (
        "Endelig godkendelse af investeringen med Vejle Kommune, DSI, TrygFonden og "
        "Bikubenfonden. TrygFonden donerer 500.000 kr., Bikubenfonden donerer 300.000 kr."
    )
    assert [(payer, dkk) for _, payer, dkk, _ in _amounts(text)] == [
        ("TrygFonden", 500_000),
        ("Bikubenfonden", 300_000),  # found by its form, named twice: both places count
    ]


def test_a_municipalitys_conditional_grant_from_the_fund_is_its_own_case() -> None:
    a = assess_text(
        "Skive Kommune får et betinget tilskud på 2,5 mio. kr. fra DSI og betaler det "
        "tilbage, hvis målene nås."
    )
    assert {t.id for t in a.tracks} == {"municipality:Skive", "dsi"}


def test_to_support_an_association_with_an_amount_is_a_grant() -> None:
    draft, _ = INTAKE.read("Regionen overvejer at støtte Foreningen Sind Ung med ca. 70.000 kr.")
    assert draft["request_kind"] == "grant"


def test_a_foundation_asked_to_pay_for_a_goal_gets_its_own_track() -> None:
    a = assess_text(
        "The region and Norddjurs Municipality ask Østifterne to pay for the well-being goal "
        "in the investment with DSI; the region asks for a mandate."
    )
    assert "foundation:Østifterne" in {t.id for t in a.tracks}


def test_money_granted_with_bevilge_is_a_grant_and_opstartsmidler_are_development() -> None:
    granted, _ = INTAKE.read("Der bevilges 55.000 kr. til Foreningen Bedre Psykiatri i 2027.")
    assert granted["request_kind"] == "grant"
    started = _amounts(
        "Bemyndigelse søges. Regionen afsætter 100.000 kr. i opstartsmidler i 2026 og "
        "reserverer op til 900.000 kr. til resultatbetaling."
    )
    assert [(kind, dkk) for kind, _, dkk, _ in started] == [
        ("development", 100_000),
        ("result_payment", 900_000),
    ]


def test_an_amount_the_region_caps_in_its_own_clause_is_a_result_payment() -> None:
    text = (
        "Kommunen betaler for målet om færre indlæggelser, og vi håber, at regionen vil være "
        "med på samme vilkår med op til 1,5 mio. kr. Kan I få en bemyndigelse med Horsens "
        "Kommune og DSI?"
    )
    assert _amounts(text) == [("result_payment", "Region Midtjylland", 1_500_000, [])]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kan I give os lov til at gå i dialog med Holstebro Kommune og DSI?", "mandate"),
        ("We would like to start talks with Viborg Municipality and the DSI.", "mandate"),
        ("need sign-off on the final deal w/ skive municipality and dsi", "final_approval"),
    ],
)
def test_leave_to_talk_is_a_mandate_and_a_sign_off_a_final_approval(text: str, kind: str) -> None:
    assert INTAKE.read(text)[0]["request_kind"] == kind


def test_outcome_payments_capped_are_result_payments_with_a_ceiling() -> None:
    draft, _ = INTAKE.read(
        "Final approval with Skive Municipality and DSI; the region caps its outcome payments "
        "at DKK 1.1m for 2027-2030."
    )
    assert [(a["kind"], a.get("ceiling_dkk")) for a in draft["amounts"]] == [
        ("result_payment", 1_100_000)
    ]


def test_a_municipality_joined_by_og_pays_its_own_amount_under_the_shared_verb() -> None:
    shared = (
        "Endelig godkendelse med Aarhus Kommune og DSI: regionen betaler højst 1 mio. kr. og "
        "Aarhus Kommune højst 1,5 mio. kr. i resultatbetaling."
    )
    assert [(payer, dkk) for _, payer, dkk, _ in _amounts(shared)] == [
        ("Region Midtjylland", 1_000_000),
        ("Aarhus Kommune", 1_500_000),
    ]
    # without "og" the second amount is not the municipality's own clause
    talks = (
        "Endelig godkendelse: regionen betaler højst 1 mio. kr. i resultatbetaling, med Aarhus "
        "Kommune som partner, og højst 500.000 kr. i udviklingsmidler."
    )
    assert {payer for _, payer, _, _ in _amounts(talks)} == {"Region Midtjylland"}


@pytest.mark.parametrize("when", ["før", "indtil", "når", "efter"])
def test_a_budget_adopted_only_later_is_not_adopted(when: str) -> None:
    draft, _ = INTAKE.read(
        f"Bemyndigelse med Samsø Kommune og DSI. Samsø Kommune kan ikke finde finansiering, "
        f"{when} budgettet er vedtaget."
    )
    samso = next(p for p in draft["parties"] if p["name"] == "Samsø Kommune")
    assert samso.get("budget_adopted") is False


@pytest.mark.parametrize(
    "text",
    [
        "Regionsrådet bedes tiltræde aftalen med Randers Kommune og DSI.",
        "Udvalget godkender, at regionen bidrager med op til 1 mio. kr. til resultatbetaling i "
        "investeringen med Viborg Kommune og DSI.",
    ],
)
def test_to_accede_to_the_agreement_or_a_committee_that_approves_is_final_approval(
    text: str,
) -> None:
    assert INTAKE.read(text)[0]["request_kind"] == "final_approval"


def test_a_committee_named_as_the_municipalitys_is_its_committee() -> None:
    draft, _ = INTAKE.read(
        "Social- og Sundhedsudvalget i Syddjurs Kommune bedes godkende den endelige aftale med "
        "DSI og regionen."
    )
    syddjurs = next(p for p in draft["parties"] if p["name"] == "Syddjurs Kommune")
    assert syddjurs.get("committee") == "Social- og Sundhedsudvalget"
    # a committee of another body is not the municipality's
    draft, _ = INTAKE.read(
        "Social- og Sundhedsudvalget i Region Nordjylland har drøftet investeringen med "
        "Syddjurs Kommune og DSI."
    )
    syddjurs = next(p for p in draft["parties"] if p["name"] == "Syddjurs Kommune")
    assert "committee" not in syddjurs


def test_a_municipality_that_will_borrow_while_the_region_has_no_role_is_its_own_case() -> None:
    draft, _ = INTAKE.read(
        "Favrskov Municipality will borrow DKK 2 million from the fund (DSI) to run a programme "
        "for young people; the region has no role in the deal."
    )
    assert "Region Midtjylland" not in {p["name"] for p in draft["parties"]}
    assert [(a["kind"], a["payer"]) for a in draft["amounts"]] == [
        ("risk_capital", "Den Sociale Investeringsfond")
    ]


def test_asking_the_region_to_support_with_an_amount_is_a_grant() -> None:
    draft, _ = INTAKE.read(
        "Our association, Foreningen Hjerterum, asks the region to support a course for young "
        "carers with DKK 35,000 in 2026."
    )
    assert draft["request_kind"] == "grant"


def test_a_whole_number_and_a_half_is_read() -> None:
    assert _amounts("Endelig godkendelse: regionen betaler højst 2½ mio. kr. til DSI.") == [
        ("result_payment", "Region Midtjylland", 2_500_000, [])
    ]


def test_an_announcement_is_for_information() -> None:
    draft, _ = INTAKE.read(
        "Meddelelse: Administrationen orienterer om, at DSI har åbnet for nye ansøgninger."
    )
    assert draft["request_kind"] == "orientation"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Det Obelske Familiefond donerer 400.000 kr. til indsatsen.", "Det Obelske Familiefond"),
        # an association's final s before a preposition is its name's, not a genitive
        (
            "Could the region grant 25.000 kr. to Foreningen Åbent Hus for a festival?",
            "Foreningen Åbent Hus",
        ),
    ],
)
def test_names_of_a_family_foundation_and_of_an_association_before_a_preposition(
    text: str, name: str
) -> None:
    assert name in {p["name"] for p in INTAKE.read(text)[0]["parties"]}


def test_to_endorse_the_final_agreement_is_final_approval() -> None:
    text = "The committee is asked to endorse the final partnership agreement with DSI."
    assert INTAKE.read(text)[0]["request_kind"] == "final_approval"


def test_an_association_that_beder_om_an_amount_asks_for_a_grant() -> None:
    draft, _ = INTAKE.read("Foreningen Sorgens Venner beder om 15 tusind kroner i 2026.")
    assert draft["request_kind"] == "grant"
    assert [(a["kind"], a["amount_dkk"]) for a in draft["amounts"]] == [("grant", 15_000)]
    # beside a mandate word it is the mandate that is asked for
    draft, _ = INTAKE.read("Vi beder om bemyndigelse til at forhandle med Viborg Kommune og DSI.")
    assert draft["request_kind"] == "mandate"


@pytest.mark.parametrize(
    ("text", "fund"),
    [
        (
            "Final approval with Viborg Municipality and the DSI. "
            "TrygFonden contributes DKK 1 million.",
            "TrygFonden",
        ),
        (
            "Endelig godkendelse med Aarhus Kommune og DSI. "
            "Velux Fonden giver 2 mio. kr. til indsatsen.",
            "Velux Fonden",
        ),
    ],
)
def test_a_foundations_amount_with_no_word_for_its_purpose_is_its_donation(
    text: str, fund: str
) -> None:
    draft, _ = INTAKE.read(text)
    donations = [(a["payer"], a["kind"]) for a in draft["amounts"] if a["payer"] == fund]
    assert donations == [(fund, "donation")]
    assert "donor" in next(p["roles"] for p in draft["parties"] if p["name"] == fund)


def test_an_update_for_the_committees_information_is_an_orientation() -> None:
    text = (
        "The administration updates the committee on the status of the investment with Herning "
        "Municipality. The item is for the committee's information."
    )
    assert INTAKE.read(text)[0]["request_kind"] == "orientation"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # names no list knows and no word of which tells their kind
        ("Dansk Folkehjælp søger regionen om 1 mio. kr. i 2027.", "Dansk Folkehjælp"),
        ("Hej. Gadejuristen Midt ansøger om 200.000 kr. til rådgivning.", "Gadejuristen Midt"),
    ],
)
def test_capitalised_words_that_begin_a_sentence_and_apply_name_the_applicant(
    text: str, name: str
) -> None:
    draft, _ = INTAKE.read(text)
    assert {"name": name, "kind": "organisation", "roles": ["applicant"]} in draft["parties"]


def test_words_that_apply_name_no_applicant_when_they_name_a_known_party() -> None:
    draft, _ = INTAKE.read("Aarhus Kommune søger om et lån på 2 mio. kr. hos DSI.")
    assert [p["kind"] for p in draft["parties"] if p["name"].startswith("Aarhus")] == [
        "municipality"
    ]
    assert not [p for p in draft["parties"] if p["kind"] == "organisation"]


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        (
            "Bemyndigelse til at forhandle med Ringkøbing Skjern Kommune og DSI.",
            "Ringkøbing-Skjern Kommune",
        ),
        ("bemyndigelse til at forhandle med ikast brande kommune og dsi", "Ikast-Brande Kommune"),
        ("need final ok for the Struer deal w/ DSI", "Struer Kommune"),
        ("Herning-aftalen skal endeligt godkendes.", "Herning Kommune"),
    ],
)
def test_a_municipality_written_without_its_hyphen_or_named_by_its_deal(
    text: str, municipality: str
) -> None:
    assert municipality in {p["name"] for p in INTAKE.read(text)[0]["parties"]}


def test_a_bare_town_name_is_no_party_and_a_final_ok_is_final_approval() -> None:
    draft, _ = INTAKE.read("need final ok, the region pays for a summer camp in Struer")
    assert draft["request_kind"] == "final_approval"
    assert "Struer Kommune" not in {p["name"] for p in draft["parties"]}


def test_an_item_that_asks_no_decision_is_for_information_whatever_it_reports() -> None:
    text = "Note: the DSI board approved the Herning investment last week. No decision is required."
    assert INTAKE.read(text)[0]["request_kind"] == "orientation"


@pytest.mark.parametrize(
    "text",
    [
        "Udvalget anbefaler regionsrådet at godkende investeringen med Favrskov Kommune og DSI.",
        "The committee recommends that the regional council approves the deal with Skive "
        "Municipality.",
    ],
)
def test_recommending_the_regional_council_to_approve_is_final_approval(text: str) -> None:
    assert INTAKE.read(text)[0]["request_kind"] == "final_approval"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("i perioden 1. januar 2027 til 31. december 2030", [2027, 2028, 2029, 2030]),
        ("from 2028 to June 2030", [2028, 2029, 2030]),
        ("i 2027 til gavn for 50 borgere i 2030", [2027, 2030]),  # no range: words between
    ],
)
def test_a_range_that_ends_in_a_date_gives_every_year(text: str, years: list[int]) -> None:
    assert years_in(text) == years


def test_for_information_outweighs_a_word_that_only_names_the_investment() -> None:
    text = (
        "This is an update for the committee on the investment with Skive Municipality. "
        "For information."
    )
    assert INTAKE.read(text)[0]["request_kind"] == "orientation"


def test_the_funds_money_with_no_word_for_it_is_risk_capital_not_a_neighbours_kind() -> None:
    """The kind of an amount is read in its own clause: the result payment after the
    semicolon belongs to the region's amount only."""
    assert _amounts(
        "Final approval with Silkeborg Municipality. The DSI co-funds the effort with DKK 4 "
        "million; the region pays up to DKK 1 million in outcome payments in 2028-2031."
    ) == [
        ("risk_capital", "Den Sociale Investeringsfond", 4_000_000, []),
        ("result_payment", "Region Midtjylland", 1_000_000, [2028, 2029, 2030, 2031]),
    ]


@pytest.mark.parametrize(
    "written", ["kr. 1.250.000,00", "1.250.000,00 kr.", "1.250.000,- kr.", "DKK 1,250,000.00"]
)
def test_an_amount_written_with_its_ore_is_read(written: str) -> None:
    assert [m.dkk for m in find_amounts(f"højst {written} i 2027")] == [1_250_000]


def test_what_the_regions_payment_udgor_is_its_amount() -> None:
    assert _amounts(
        "Endelig godkendelse med Horsens Kommune og DSI. Regionens resultatbetaling udgør "
        "maksimalt 1,2 mio. kr. i 2027-2028."
    ) == [("result_payment", "Region Midtjylland", 1_200_000, [2027, 2028])]


def test_the_same_sum_for_other_years_is_another_amount_and_vil_lane_a_loan() -> None:
    assert _amounts(
        "Endelig godkendelse med Favrskov Kommune og DSI. Regionen betaler højst 500.000 kr. "
        "i 2028 og højst 500.000 kr. i 2029 i resultatbetaling."
    ) == [
        ("result_payment", "Region Midtjylland", 500_000, [2028]),
        ("result_payment", "Region Midtjylland", 500_000, [2029]),
    ]
    draft, _ = INTAKE.read("hedensted kommune vil låne 2 mio. kr. hos dsi. regionen er ikke med.")
    assert draft["request_kind"] == "final_approval"


@pytest.mark.parametrize(
    "text",
    [
        "Esbjerg Municipality takes a loan of DKK 5 million from the DSI; Region Midtjylland has "
        "no part in it.",
        "Odder Kommune låner 2 mio. kr. af DSI. Region Midtjylland deltager ikke.",
    ],
)
def test_the_region_named_in_full_as_taking_no_part_is_no_party(text: str) -> None:
    draft, _ = INTAKE.read(text)
    assert "Region Midtjylland" not in {p["name"] for p in draft["parties"]}
    assert "region" not in tracks_of(draft)


def test_for_the_committees_orientation_is_for_information() -> None:
    text = "For the committee's orientation, the annual report on the investments is attached."
    assert INTAKE.read(text)[0]["request_kind"] == "orientation"


def test_an_invitation_to_take_part_asks_first_for_leave_to_negotiate() -> None:
    text = (
        "Vi skriver fra Syddjurs Kommune. Vi er i gang med en social investering med DSI og "
        "vil gerne spørge, om regionen vil være med og betale op til 500.000 kr."
    )
    assert INTAKE.read(text)[0]["request_kind"] == "mandate"
