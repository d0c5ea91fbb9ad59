"""Who did what (issue #15): roles on every change, an audit trail with authors that the
database itself keeps append-only, no lost updates, imports checked against the rules."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from golden import CASES, load_case

from sie_rules.access import Actor, actor_from_claims, local_actor
from sie_rules.cases.store import CaseStore
from sie_rules.cli import main
from sie_rules.errors import AccessDenied, EditConflict, StoreError
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.model import Proposal

OpenStore = Callable[[str], CaseStore]
ANNE = Actor("oidc|anne", "Anne Sagsbehandler", ("sagsbehandler",))
BO = Actor("oidc|bo", "Bo Sagsbehandler", ("sagsbehandler",))
POLITICIAN = Actor("oidc|pia", "Pia Politiker", ("laeser",))
TRAINER = Actor("oidc|tue", "Tue Underviser", ("underviser",))
BOOK = current_rulebook()


def _proposal(name: str) -> dict:
    return load_case(next(p for p in CASES if p.stem == name))["proposal"]


def _every_kind_of_change(store: CaseStore) -> str:
    case = store.save_case("Herning", _proposal("herning"), actor=ANNE)
    store.save_case("Herning", {**case.proposal, "title": "Herning 2"}, case_id=case.id, actor=BO)
    assessment = evaluate(BOOK, Proposal.model_validate(_proposal("herning")))
    store.record_assessment(case.id, assessment, actor=ANNE)
    store.attach_document(case.id, "indstilling.pdf", b"%PDF-1.4 x", actor=BO)
    store.archive(case.id, actor=ANNE)
    store.restore(case.id, actor=BO)
    route = evaluate(BOOK, Proposal.model_validate(_proposal("herning"))).tracks
    council = "Regionsrådet"  # recorded before the steps before it: so with its reason
    store.record_decision(
        case.id, council, dt.date(2025, 11, 13), route=route, reason="rådet først", actor=ANNE
    )
    store.export([case.id], actor=BO)
    return case.id


def test_every_change_is_in_the_audit_trail_with_its_author(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case_id = _every_kind_of_change(store)
    trail = store.audit_trail(case_id)
    assert [(e.action, e.actor_name) for e in trail] == [
        ("create", "Anne Sagsbehandler"),
        ("save", "Bo Sagsbehandler"),
        ("assess", "Anne Sagsbehandler"),
        ("document", "Bo Sagsbehandler"),
        ("archive", "Anne Sagsbehandler"),
        ("restore", "Bo Sagsbehandler"),
        ("decide", "Anne Sagsbehandler"),
        ("export", "Bo Sagsbehandler"),
    ]
    assert trail[1].detail == {"version": 2, "changed": ["title"]}
    assert trail[6].detail and trail[6].detail["body"] == "Regionsrådet"
    assert [h.by for h in store.history(case_id)] == ["Anne Sagsbehandler"]
    engine = sa.create_engine(store_url)
    with engine.connect() as c:  # no row without an author, whoever wrote it
        rows = c.exec_driver_sql("SELECT actor_subject, actor_name FROM audit_events").all()
    engine.dispose()
    assert rows and all(subject and name for subject, name in rows)


@pytest.mark.parametrize("table", ["audit_events", "assessments"])
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET case_id = case_id", "DELETE FROM {table}"],
    ids=["update", "delete"],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(
    open_store: OpenStore, store_url: str, table: str, statement: str
) -> None:
    store = open_store(store_url)
    _every_kind_of_change(store)
    store.close()
    engine = sa.create_engine(store_url)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as c:
        c.exec_driver_sql(statement.format(table=table))
    with engine.connect() as c:  # nothing changed
        assert c.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() > 0
        if store_url.startswith("postgresql"):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"):
                c.exec_driver_sql(f"TRUNCATE {table} CASCADE")
    engine.dispose()


def test_a_save_on_a_version_someone_else_changed_is_refused_and_says_what_changed(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    opened = store.save_case("Herning", _proposal("herning"), actor=ANNE)
    theirs = {**opened.proposal, "title": "Bos titel"}
    store.save_case("Herning", theirs, case_id=opened.id, actor=BO, expected_version=1)
    mine = {**opened.proposal, "date": "2026-01-05"}
    with pytest.raises(EditConflict) as caught:
        store.save_case("Herning", mine, case_id=opened.id, actor=ANNE, expected_version=1)
    assert caught.value.by == "Bo Sagsbehandler" and caught.value.changed == ["title"]
    assert "nothing was saved" in str(caught.value) and "date" in str(caught.value)
    now = store.get(opened.id)
    assert (now.version, now.proposal["title"]) == (2, "Bos titel")  # Bo's save is intact
    # seen Bo's version, Anne saves on top of it deliberately
    store.save_case("Herning", mine, case_id=opened.id, actor=ANNE, expected_version=2)
    assert store.get(opened.id).version == 3
    with pytest.raises(EditConflict):  # archiving what one saw is checked the same way
        store.archive(opened.id, actor=BO, expected_version=2)


def test_of_eight_simultaneous_saves_of_one_version_exactly_one_wins(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = store.save_case("Herning", _proposal("herning"), actor=ANNE)
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def save(n: int) -> None:
        start.wait()
        try:
            store.save_case(
                "Herning",
                {**case.proposal, "title": f"titel {n}"},
                case_id=case.id,
                actor=Actor(f"u{n}", f"bruger {n}", ("sagsbehandler",)),
                expected_version=1,
            )
            outcomes.append(f"saved {n}")
        except EditConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o.startswith("saved")]
    assert len(winners) == 1 and outcomes.count("conflict") == 7
    stored = store.get(case.id)
    assert stored.version == 2 and stored.proposal["title"] == f"titel {winners[0].split()[1]}"
    assert [e.action for e in store.audit_trail(case.id)] == ["create", "save"]


def test_each_role_may_change_exactly_what_it_is_granted(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = store.save_case("Herning", _proposal("herning"), actor=ANNE)
    for who in (POLITICIAN, TRAINER):
        with pytest.raises(AccessDenied, match="sagsbehandler"):
            store.save_case("x", _proposal("herning"), case_id=case.id, actor=who)
        with pytest.raises(AccessDenied):
            store.archive(case.id, actor=who)
        with pytest.raises(AccessDenied):
            store.export(actor=who)
        with pytest.raises(AccessDenied):
            store.import_([], actor=who)
    assert [e.action for e in store.audit_trail(case.id)] == ["create"]  # nothing else happened
    assert POLITICIAN.may("read_cases") and POLITICIAN.may("memo") and POLITICIAN.may("explore")
    assert not TRAINER.may("read_cases") and TRAINER.may("learn") and TRAINER.may("explore")


def test_roles_come_from_the_group_claim_as_the_settings_map_them() -> None:
    role_map = {"g-sag": "sagsbehandler", "g-pol": "laeser", "g-und": "underviser"}
    claims = {"sub": "abc", "name": "Pia", "groups": ["g-pol", "g-und", "other"]}
    pia = actor_from_claims(claims, "groups", role_map)
    assert pia == Actor("abc", "Pia", ("laeser", "underviser"))
    assert actor_from_claims({"sub": "x", "groups": "g-sag"}, "groups", role_map).roles == (
        "sagsbehandler",
    )
    assert actor_from_claims({"sub": "x"}, "groups", role_map).roles == ()
    with pytest.raises(AccessDenied, match="subject"):
        actor_from_claims({"name": "nobody"}, "groups", role_map)
    with pytest.raises(AccessDenied, match="unknown role"):
        actor_from_claims({"sub": "x", "groups": ["g"]}, "groups", {"g": "admin"})
    assert local_actor().subject == "local"


def _exported(store_url: str, open_store: OpenStore) -> list[dict]:
    source = open_store(store_url)
    case = source.save_case("Norddjurs", _proposal("norddjurs-region"), actor=ANNE)
    assessment = evaluate(BOOK, Proposal.model_validate(_proposal("norddjurs-region")))
    source.record_assessment(case.id, assessment, actor=ANNE)
    data: list[dict] = json.loads(json.dumps(source.export(actor=ANNE)))
    return data


def test_a_forged_assessment_in_an_import_is_flagged_and_kept_beside_the_real_one(
    open_store: OpenStore, store_url: str, tmp_path: Path
) -> None:
    data = _exported(store_url, open_store)
    forged = data[0]["assessments"][0]
    real = forged["result"]["outcome"]
    fake = "not_eligible" if real == "eligible" else "eligible"
    forged["result"]["outcome"] = forged["outcome"] = fake
    target = open_store(f"sqlite:///{tmp_path / 'target.db'}")
    report = target.import_(data, actor=BO, origin_file="forged.json")
    assert [c.verification for c in report.flagged] == ["differs"]
    assert report.flagged[0].differences == [f"outcome: '{fake}' -> '{real}'"]
    stored = target.assessments(data[0]["id"])
    assert [(a.origin, a.verification, a.outcome) for a in stored] == [
        ("imported", "differs", fake),  # kept as imported, marked
        ("reassessed", None, real),  # beside it, what the rules give
    ]
    assert stored[0].origin_file == "forged.json"
    trail = target.audit_trail(data[0]["id"])
    assert {(e.action, e.actor_name) for e in trail} == {
        ("import", "Bo Sagsbehandler"),
        ("assess", "Bo Sagsbehandler"),
    }


def test_an_assessment_made_under_other_rules_is_reassessed_and_the_difference_reported(
    open_store: OpenStore, store_url: str, tmp_path: Path
) -> None:
    data = _exported(store_url, open_store)
    old = data[0]["assessments"][0]
    old["rules_version"] = old["result"]["rules_version"] = "0" * 12
    target = open_store(f"sqlite:///{tmp_path / 'target.db'}")
    report = target.import_(data, actor=BO, origin_file="old.json")
    assert [c.verification for c in report.checks] == ["other_rules"] and not report.flagged
    assert report.checks[0].differences == [f"rules_version: '{'0' * 12}' -> '{BOOK.version}'"]
    origins = [a.origin for a in target.assessments(data[0]["id"])]
    assert origins == ["imported", "reassessed"]


def test_an_import_over_the_limits_is_refused_with_one_line(
    open_store: OpenStore, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(store_url)
    with pytest.raises(StoreError, match="at most 10,000 cases"):
        store.import_([{}] * 10_001, actor=ANNE)
    too_many = [{"id": "x", "label": "x", "status": "open", "proposal": {}}]
    too_many[0]["assessments"] = [{}] * 1_001
    with pytest.raises(StoreError, match="at most 1,000 assessments"):
        store.import_(too_many, actor=ANNE)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(50_000_001)
    assert main(["cases", "import", str(huge)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "an import is at most 50 MB" in err


@pytest.mark.parametrize(
    ("role", "command", "code"),
    [
        ("underviser", ["cases", "list"], 3),
        ("underviser", ["ledger"], 3),
        ("laeser", ["cases", "list"], 0),
        ("laeser", ["ledger"], 0),
        ("laeser", ["cases", "export"], 3),
        ("laeser", ["cases", "archive", "{id}"], 3),
        ("sagsbehandler", ["cases", "archive", "{id}"], 0),
    ],
)
def test_every_store_command_checks_the_role(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    role: str,
    command: list[str],
    code: int,
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.setenv("SIE_DATABASE_URL", url)
    store = CaseStore(url)
    case = store.save_case("Herning", _proposal("herning"), actor=ANNE)
    store.close()
    monkeypatch.setenv("SIE_LOCAL_ROLE", role)
    assert main([part.format(id=case.id) for part in command]) == code
    err = capsys.readouterr().err
    if code == 3:
        assert err.startswith("sie-rules: not allowed: local (") and err.count("\n") == 1
    monkeypatch.setenv("SIE_LOCAL_ROLE", "sagsbehandler")
    assert main(["cases", "show", case.id]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["audit"][0]["by"] == "Anne Sagsbehandler"
