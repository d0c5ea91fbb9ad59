"""Recording decisions follows the route (issue #31, item 4): only the steps that may decide
now are in order; another step needs a reason and is marked out of order; the ledger effect is
known before the save; a decision is withdrawn with a reason, never deleted, and the money
goes back. Every entry in the decision log and the audit trail names its author."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from golden import CASES, load_case

from sie_rules.access import Actor
from sie_rules.assessment import Track
from sie_rules.cases import decisions
from sie_rules.cases.database import MIGRATIONS
from sie_rules.cases.ledger import PoolBook
from sie_rules.cases.store import CaseRecord, CaseStore
from sie_rules.cli import main
from sie_rules.errors import OutOfOrder, ProposalError, StoreError
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.model import Proposal

OpenStore = Callable[[str], CaseStore]
ANNE = Actor("oidc|anne", "Anne Sagsbehandler", ("sagsbehandler",))
BO = Actor("oidc|bo", "Bo Sagsbehandler", ("sagsbehandler",))
BOOK = current_rulebook()
COMMITTEE, EXECUTIVE, COUNCIL = "Udvalg for lighed i sundhed", "Forretningsudvalget", "Regionsrådet"
DAY = dt.date(2025, 12, 4)  # after the date the proposal has (2025-11-13)


def _proposal(name: str) -> dict:
    return load_case(next(p for p in CASES if p.stem == name))["proposal"]


def _route(case: CaseRecord) -> list[Track]:
    return evaluate(BOOK, Proposal.model_validate(case.proposal)).tracks


def _herning(store: CaseStore) -> CaseRecord:
    return store.save_case("Herning", _proposal("herning"), actor=ANNE)


def _decide(store: CaseStore, case_id: str, body: str, reason: str | None = None) -> CaseRecord:
    case = store.get(case_id)
    return store.record_decision(case_id, body, DAY, route=_route(case), reason=reason, actor=ANNE)


def _preview(store: CaseStore, case_id: str, body: str) -> list[decisions.Movement]:
    """What recording `body`'s decision on the case as it is now would move in the ledger."""
    case = store.get(case_id)
    entry = decisions.decision(case, _route(case), body, DAY, None, BOOK.parameters, ANNE)
    return decisions.effect(case, store.decisions(case_id), entry, BOOK.parameters)


def test_only_the_first_open_step_of_each_track_may_decide_now() -> None:
    route = evaluate(BOOK, Proposal.model_validate(_proposal("herning"))).tracks
    assert [s.body for _, s in decisions.steps_now(route)] == [
        COMMITTEE,
        "Fagudvalget (Herning Kommune)",
        "Bestyrelsen i Den Sociale Investeringsfond",
        "Landsbyggefonden",
    ]
    decided = Proposal.model_validate({**_proposal("herning"), "decided_by": [COMMITTEE]})
    after = evaluate(BOOK, decided).tracks
    assert EXECUTIVE in [s.body for _, s in decisions.steps_now(after)]
    assert COUNCIL not in [s.body for _, s in decisions.steps_now(after)]


def test_the_council_before_the_committee_is_refused_without_a_reason_and_marked_with_one(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = _herning(store)
    with pytest.raises(OutOfOrder, match=f"the steps that may: {COMMITTEE}"):
        _decide(store, case.id, COUNCIL)
    assert store.decisions(case.id) == [] and store.get(case.id).version == case.version
    assert [e.action for e in store.audit_trail(case.id)] == ["create"]  # nothing recorded
    assert PoolBook(store, BOOK.parameters).rows() == []
    decided = _decide(store, case.id, COUNCIL, reason="  Rådet tog sagen   på sit møde ")
    (entry,) = store.decisions(case.id)
    assert (entry.body, entry.out_of_order, entry.reason) == (
        COUNCIL,
        True,
        "Rådet tog sagen på sit møde",
    )
    assert (entry.actor_subject, entry.actor_name) == ("oidc|anne", "Anne Sagsbehandler")
    assert decided.status == "decided" and decided.proposal["decided_by"] == [COUNCIL]
    audit = store.audit_trail(case.id)[-1]
    assert (audit.action, audit.actor_name) == ("decide", "Anne Sagsbehandler")
    assert audit.detail and audit.detail["out_of_order"] is True
    assert audit.detail["reason"] == "Rådet tog sagen på sit møde"


def test_in_order_only_the_step_that_takes_the_regions_decision_moves_money(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = _herning(store)
    book = PoolBook(store, BOOK.parameters)
    for body in (COMMITTEE, EXECUTIVE):  # a recommendation and a statement: nothing moves
        assert _preview(store, case.id, body) == []
        assert _decide(store, case.id, body).status == "open"
    assert book.rows() == []
    preview = _preview(store, case.id, COUNCIL)
    assert _decide(store, case.id, COUNCIL).status == "decided"  # in order now: no reason
    granted = {(r.year, r.granted_dkk) for r in book.rows()}
    assert {(m.year, m.granted_dkk) for m in preview} == granted  # the preview was the save
    assert all(
        m.reserved_dkk == 0 and m.pool == "Puljen til øget lighed i sundhed" for m in preview
    )
    assert (2025, 1_200_000) in granted
    assert [e.out_of_order for e in store.decisions(case.id)] == [False, False, False]


def test_withdrawing_a_decision_restores_the_ledger_and_keeps_both_entries(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = _herning(store)
    book = PoolBook(store, BOOK.parameters)
    other = store.save_case("Norddjurs", _proposal("norddjurs-region"), actor=ANNE)
    _decide(store, other.id, COMMITTEE)  # the mandate: another case's money stays put
    before = book.rows()
    decided = _decide(store, case.id, COUNCIL, reason="rådet først")
    assert book.rows() != before
    (entry,) = decisions.standing(store.decisions(case.id))
    with pytest.raises(ProposalError, match="why"):
        store.withdraw_decision(case.id, entry.id, "  ", actor=BO)
    now = store.get(case.id)
    going = decisions.withdrawal(now, store.decisions(case.id), entry.id, None, BO)
    preview = decisions.effect(now, store.decisions(case.id), going, BOOK.parameters)
    assert preview and all(m.granted_dkk < 0 for m in preview)
    withdrawn = store.withdraw_decision(
        case.id,
        entry.id,
        "registreret på den forkerte sag",
        actor=BO,
        expected_version=decided.version,
    )
    assert book.rows() == before  # the money is back
    assert withdrawn.status == "open" and "decided_by" not in withdrawn.proposal
    assert withdrawn.proposal["date"] == case.proposal["date"]  # the route counts as before
    log = store.decisions(case.id)
    assert [(e.body, e.withdraws, e.actor_name) for e in log] == [
        (COUNCIL, None, "Anne Sagsbehandler"),
        (COUNCIL, entry.id, "Bo Sagsbehandler"),
    ]
    assert decisions.standing(log) == []
    audit = store.audit_trail(case.id)[-1]
    assert (audit.action, audit.actor_name) == ("withdraw", "Bo Sagsbehandler")
    assert audit.detail and audit.detail["withdraws"] == entry.id
    assert audit.detail["reason"] == "registreret på den forkerte sag"
    with pytest.raises(ProposalError, match="no standing decision"):
        store.withdraw_decision(case.id, entry.id, "igen", actor=BO)
    again = _decide(store, case.id, COUNCIL, reason="nu rigtigt")  # its step is open again
    assert again.status == "decided" and book.rows() != before


def test_an_edit_in_the_chat_keeps_the_status_and_the_money_its_decisions_gave_the_case(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = _herning(store)
    decided = _decide(store, case.id, COUNCIL, reason="rådet først")
    ledger = PoolBook(store, BOOK.parameters).rows()
    edited = {**decided.proposal, "title": "Herning, rettet i chatten"}
    saved = store.save_case("Herning", edited, {"turns": []}, case_id=case.id, actor=BO)
    assert saved.status == "decided" and PoolBook(store, BOOK.parameters).rows() == ledger
    forgetful = {k: v for k, v in edited.items() if k != "decided_by"}  # a draft from before
    again = store.save_case("Herning", forgetful, case_id=case.id, actor=BO)
    assert again.proposal["decided_by"] == [COUNCIL]  # only a withdrawal undoes a decision
    assert store.save_case("Ny", _proposal("herning"), actor=BO).status == "open"


def test_an_archived_case_takes_no_decision_and_restoring_keeps_what_the_log_says(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = _herning(store)
    _decide(store, case.id, COMMITTEE)
    store.archive(case.id, actor=ANNE)
    with pytest.raises(StoreError, match="archived"):
        _decide(store, case.id, EXECUTIVE)
    assert store.restore(case.id, actor=ANNE).status == "open"  # a recommendation decides nothing


def test_the_decision_log_is_append_only_in_the_database(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    _decide(store, _herning(store).id, COMMITTEE)
    store.close()
    engine = sa.create_engine(store_url)
    for statement in ("UPDATE decisions SET reason = 'x'", "DELETE FROM decisions"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as c:
            c.exec_driver_sql(statement)
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM decisions").scalar() == 1
    engine.dispose()


def test_decisions_recorded_before_the_log_are_copied_into_it(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = _herning(store)
    decided = _decide(store, case.id, COUNCIL, reason="rådet først")
    ledger = PoolBook(store, BOOK.parameters).rows()
    store.close()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")  # the schema before the log, its audit rows kept
    engine.dispose()
    reopened = open_store(store_url)
    (copied,) = reopened.decisions(case.id)
    assert (copied.body, copied.decided_on, copied.actor_name) == (
        COUNCIL,
        DAY,
        "Anne Sagsbehandler",
    )
    assert copied.commits and copied.out_of_order is None  # never checked against the route
    assert reopened.get(case.id).status == decided.status
    assert PoolBook(reopened, BOOK.parameters).rows() == ledger
    assert reopened.restore(case.id, actor=ANNE).status == "decided"


def test_the_decision_log_travels_with_an_export(
    open_store: OpenStore, store_url: str, tmp_path: Path
) -> None:
    source = open_store(store_url)
    case = _herning(source)
    _decide(source, case.id, COUNCIL, reason="rådet først")
    (entry,) = source.decisions(case.id)
    source.withdraw_decision(case.id, entry.id, "fejl", actor=BO)
    _decide(source, case.id, COMMITTEE)
    exported = json.loads(json.dumps(source.export(actor=ANNE)))
    target = open_store(f"sqlite:///{tmp_path / 'copy.db'}")
    target.import_(exported, actor=BO, origin_file="sager.json")
    copied = target.decisions(case.id)
    strip = lambda log: [(e.body, e.reason, e.out_of_order, e.actor_name) for e in log]  # noqa: E731
    assert strip(copied) == strip(source.decisions(case.id))
    assert copied[1].withdraws == copied[0].id
    assert [e.body for e in decisions.standing(copied)] == [COMMITTEE]


def test_the_command_line_withdraws_a_decision_with_its_reason(
    open_store: OpenStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIE_DATABASE_URL", url)
    store = open_store(url)
    case = _herning(store)
    assert main(["cases", "decide", case.id, "--body", COMMITTEE, "--date", "2025-11-13"]) == 0
    (entry,) = store.decisions(case.id)
    withdraw = ["cases", "withdraw", case.id, "--decision", str(entry.id)]
    assert main(withdraw) == 2
    assert "why" in capsys.readouterr().err
    assert main([*withdraw, "--reason", "forkert dato"]) == 0
    assert decisions.standing(store.decisions(case.id)) == []
    assert main([*withdraw, "--reason", "igen"]) == 2
