"""The dialogue knows what it asked (issue #31): an answer is taken only if it answers the
pending question, a question of the user's own is answered from the documents with the pending
question asked again, a correction says what changed from what to what, and answers in the
user's own phrasing are read by the same reader as descriptions."""

from __future__ import annotations

from intake_eval import chat

CASE = (
    "Endelig godkendelse af investeringen med Viborg Kommune som myndighed og resultatbetaler "
    "og DSI; regionen betaler maksimalt 2,4 mio. kr. i resultatbetaling i 2027-2030."
)


def test_a_question_while_an_answer_is_awaited_is_answered_and_the_question_asked_again() -> None:
    first, asked = chat(CASE, "Hvem skal godkende en social effektinvestering?")
    assert first.state.pending == "amounts.funding_source"
    assert asked.kind == "answer" and asked.state.pending == "amounts.funding_source"
    assert "funding_source" not in asked.state.draft["amounts"][0]
    assert "Mit spørgsmål står stadig:" in asked.text and "Hvordan finansieres" in asked.text


def test_a_correction_says_which_amount_changed_from_what_to_what() -> None:
    *_, corrected = chat(CASE, "nej, beløbet er 2 mio.")
    assert corrected.state.draft["amounts"][0]["amount_dkk"] == 2_000_000
    assert "resultatbetaling\\: 2,4 mio. kr. → 2 mio. kr." in corrected.text
    assert "Jeg kunne ikke se, hvad dette beløb er til" not in corrected.text


def test_a_goal_answered_in_a_sentence_of_ones_own_is_taken_with_its_payer() -> None:
    *_, answered = chat(
        CASE,
        "af puljen til øget lighed i sundhed",
        "Regionshospitalet Viborg",
        "Målet er, at færre ældre genindlægges, og det betaler regionen for.",
    )
    assert answered.state.draft["payment_goals"] == [
        {"name": "Færre ældre genindlægges", "payers": ["Region Midtjylland"]}
    ]
    provider = [p for p in answered.state.draft["parties"] if "provider" in p["roles"]]
    assert [p["name"] for p in provider] == ["Regionshospitalet Viborg"]  # not the region


def test_a_start_and_a_follow_up_in_one_answer_are_both_taken() -> None:
    *_, answered = chat(
        CASE,
        "af puljen til øget lighed i sundhed",
        "Regionshospitalet Viborg",
        "Målet er færre genindlæggelser, og det betaler regionen for.",
        "Indsatsen starter i 2027 med 5 års opfølgning",
    )
    draft = answered.state.draft
    assert (draft["effort_start"], draft["follow_up_years"]) == (2027, 5)
    assert answered.state.pending not in ("effort_start", "follow_up_years")


def test_a_new_sum_in_the_answer_to_a_reading_corrects_the_amount_asked_about() -> None:
    two = (
        "Vi vil indgå en social effektinvestering med Skive Kommune som udfører og DSI som "
        "investor. Regionen betaler 2,8 mio. kr. i resultatbetaling i 2027-2031 og 400.000 kr. "
        "i 2027."
    )
    first, corrected = chat(two, "nej, beløbet er 1,2 mio.")
    assert first.state.pending.startswith("amounts.1.")  # the reading asked: 400.000 kr.
    sums = [a["amount_dkk"] for a in corrected.state.draft["amounts"]]
    assert sums == [2_800_000, 1_200_000]
    assert "400.000 kr. → 1,2 mio. kr. (2027)" in corrected.text


def test_the_echo_says_yes_no_years_and_whose_fact_in_words() -> None:
    (reply,) = chat(
        "Vi vil indgå en social effektinvestering med Lemvig Kommune og DSI. Lemvig Kommune har "
        "fundet finansieringen. Betalingsmodellen er endnu ikke aftalt. Indsatsen starter i "
        "august 2027, og effekten følges i seks år."
    )
    assert "betalingsmodel aftalt: nej" in reply.text
    assert "finansiering fundet (Lemvig Kommune): ja" in reply.text
    assert "effektopfølgning: 6 år" in reply.text and "indsatsperiode: 2027" in reply.text
    assert not any(code in reply.text for code in ("True", "False", "amounts.", "parties."))


def test_an_answered_amount_field_is_echoed_formatted_and_for_that_amount_only() -> None:
    replies = chat(
        "Vi vil indgå en social effektinvestering med Struer Kommune som myndighed og "
        "resultatbetaler og DSI. Regionen betaler 1,5 mio. kr. i resultatbetaling fra puljen til "
        "øget lighed i sundhed. Kommunen betaler 900.000 kr. i resultatbetaling i 2028-2030.",
        "2027-2031",
    )
    asked, answered = replies
    assert asked.state.pending == "amounts.0.years"
    assert "- år: 2027-2031 —" in answered.text  # not "[2027, …]", nor the other amount's
