"""The dialogue knows what it asked (issue #31): an answer is taken only if it answers the
pending question, a question of the user's own is answered from the documents with the pending
question asked again, a correction says what changed from what to what, and answers in the
user's own phrasing are read by the same reader as descriptions."""

from __future__ import annotations

from sie_rules.intake import DialogueState, Reply, current_intake

INTAKE = current_intake()
CASE = (
    "Endelig godkendelse af investeringen med Viborg Kommune som myndighed og resultatbetaler "
    "og DSI; regionen betaler maksimalt 2,4 mio. kr. i resultatbetaling i 2027-2030."
)


def _chat(*turns: str) -> list[Reply]:
    state, replies = DialogueState(), []
    for turn in turns:
        reply = INTAKE.respond(state, turn)
        state = reply.state
        replies.append(reply)
    return replies


def test_a_question_while_an_answer_is_awaited_is_answered_and_the_question_asked_again() -> None:
    first, asked = _chat(CASE, "Hvem skal godkende en social effektinvestering?")
    assert first.state.pending == "amounts.funding_source"
    assert asked.kind == "answer" and asked.state.pending == "amounts.funding_source"
    assert "funding_source" not in asked.state.draft["amounts"][0]
    assert "Mit spørgsmål står stadig:" in asked.text and "Hvordan finansieres" in asked.text


def test_a_correction_says_which_amount_changed_from_what_to_what() -> None:
    *_, corrected = _chat(CASE, "nej, beløbet er 2 mio.")
    assert corrected.state.draft["amounts"][0]["amount_dkk"] == 2_000_000
    assert "resultatbetaling\\: 2,4 mio. kr. → 2 mio. kr." in corrected.text
    assert "Jeg kunne ikke se, hvad dette beløb er til" not in corrected.text


def test_a_goal_answered_in_a_sentence_of_ones_own_is_taken_with_its_payer() -> None:
    *_, answered = _chat(
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
    *_, answered = _chat(
        CASE,
        "af puljen til øget lighed i sundhed",
        "Regionshospitalet Viborg",
        "Målet er færre genindlæggelser, og det betaler regionen for.",
        "Indsatsen starter i 2027 med 5 års opfølgning",
    )
    draft = answered.state.draft
    assert (draft["effort_start"], draft["follow_up_years"]) == (2027, 5)
    assert answered.state.pending not in ("effort_start", "follow_up_years")
