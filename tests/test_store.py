"""The case store on SQLite and PostgreSQL: cases, the audit trail, the ledger, reliability."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from alembic import command
from alembic.config import Config
from golden import CASES, load_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sie_rules import Assessment, Proposal
from sie_rules.access import local_actor
from sie_rules.assessment import Track
from sie_rules.cases import decisions
from sie_rules.cases.database import MIGRATIONS, check_integrity
from sie_rules.cases.entries import case_entries
from sie_rules.cases.ledger import LedgerRow, PoolBook, ledger
from sie_rules.cases.store import CaseRecord, CaseStore, StoreError, UnknownCase
from sie_rules.cli import main
from sie_rules.explain.assess import current_rulebook, evaluate

ME = local_actor()  # the user every change here is recorded for

BOOK = current_rulebook()
OpenStore = Callable[[str], CaseStore]
WRITER = Path(__file__).resolve().parent / "store_writer.py"


def _proposal(name: str) -> dict:
    return load_case(next(p for p in CASES if p.stem == name))["proposal"]


def _route(raw: dict) -> list[Track]:
    return evaluate(BOOK, Proposal.model_validate(raw)).tracks


def _council(store: CaseStore, case: CaseRecord) -> CaseRecord:
    """The regional council's decision recorded on `case` on its own (the steps before it are
    not recorded here, so it is out of order, with its reason)."""
    return store.record_decision(
        case.id,
        "Regionsrådet",
        dt.date(2025, 11, 13),
        route=_route(case.proposal),
        reason="only the council's decision is recorded in this test",
        actor=ME,
    )


def _decided(store: CaseStore, label: str, name: str) -> CaseRecord:
    """A case saved, then decided by the regional council (only decisions enter the ledger)."""
    return _council(store, store.save_case(label, _proposal(name), actor=ME))


def _assess(raw: dict, store: CaseStore | None = None, exclude: str | None = None) -> Assessment:
    committed = PoolBook(store, BOOK.parameters).usage(exclude) if store else None
    return evaluate(BOOK, Proposal.model_validate(raw), committed)


def test_cases_are_saved_listed_searched_and_archived(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    herning = store.save_case("Herning boligsocial", _proposal("herning"), {"turns": []}, actor=ME)
    store.save_case("Mental Talk 2025", _proposal("mental-talk"), actor=ME)
    assert store.get(herning.id).proposal["title"].startswith("Boligsocial")
    assert store.get(herning.id).conversation == {"turns": []}
    assert [c.label for c in store.list_cases(search="herning")] == ["Herning boligsocial"]
    store.archive(herning.id, actor=ME)
    assert [c.label for c in store.list_cases()] == ["Mental Talk 2025"]
    assert len(store.list_cases(include_archived=True)) == 2
    assert store.get(herning.id).status == "archived"  # archived, never deleted
    with pytest.raises(UnknownCase):
        store.get("no-such-case")


def test_a_conversation_round_trips_as_json_stores_it(
    open_store: OpenStore, store_url: str
) -> None:
    """Dates as ISO text, numbers as keys as text, letters as they are, and an integer beyond
    64 bits (a user may type one) kept whole."""
    store = open_store(store_url)
    conversation = {
        "on": dt.date(2025, 11, 13),
        "at": dt.datetime(2025, 11, 13, 9, 30, tzinfo=dt.UTC),
        "per_year": {2026: 1_000_000},
        "text": "Æbleø – «citat»",
        "typed": 10**30,
    }
    case = store.save_case("Sag", _proposal("herning"), conversation, actor=ME)
    assert store.get(case.id).conversation == json.loads(json.dumps(conversation, default=str))


def test_every_assessment_is_kept_and_history_says_what_changed(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    raw = _proposal("herning")
    case = store.save_case("Herning", raw, actor=ME)
    first = _assess(raw)
    store.record_assessment(case.id, first, actor=ME)
    changed = {**raw, "payment_model_agreed": True}
    store.save_case("Herning", changed, case_id=case.id, actor=ME)
    store.record_assessment(case.id, _assess(changed), actor=ME)
    store.record_assessment(case.id, first.model_copy(update={"rules_version": "0" * 12}), actor=ME)
    history = store.history(case.id)
    assert [h.why for h in history] == ["first", "facts changed", "rules and facts changed"]
    assert history[0].record.result == first.model_dump(mode="json")
    assert history[0].record.rules_version == BOOK.version
    store.save_case(
        "Herning renamed", raw, case_id=case.id, actor=ME
    )  # a case edit leaves its trail alone
    assert [a.result for a in store.assessments(case.id)] == [h.record.result for h in history]
    with pytest.raises(UnknownCase):
        store.record_assessment("no-such-case", first, actor=ME)


def test_export_and_import_round_trip(
    open_store: OpenStore, store_url: str, tmp_path: Path
) -> None:
    source = open_store(store_url)
    case = source.save_case("Norddjurs", _proposal("norddjurs-region"), actor=ME)
    source.record_assessment(case.id, _assess(_proposal("norddjurs-region")), actor=ME)
    exported = json.loads(json.dumps(source.export(actor=ME)))
    target = open_store(f"sqlite:///{tmp_path / 'copy.db'}")
    first = target.import_(exported, actor=ME, origin_file="norddjurs.json")
    assert (first.cases, first.assessments) == (1, 1)
    assert [c.verification for c in first.checks] == ["matches"] and not first.flagged
    again = target.import_(exported, actor=ME)
    assert (again.cases, again.assessments) == (0, 0)
    assert (
        target.export(actor=ME)[0]["assessments"][0]["result"]
        == exported[0]["assessments"][0]["result"]
    )
    with pytest.raises(StoreError, match="case 0"):
        target.import_([{"label": "no id"}], actor=ME)
    with pytest.raises(StoreError, match="list"):
        target.import_({"not": "a list"}, actor=ME)


def test_ledger_sums_reserved_and_granted_and_feeds_the_pool_condition(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    _decided(store, "Herning", "herning")
    _decided(store, "Norddjurs", "norddjurs-region")
    rows = {(r.year): r for r in ledger(store, BOOK.parameters)}
    assert rows[2025].granted_dkk == 1_200_000 and rows[2025].reserved_dkk == 1_500_000
    assert rows[2025].room_dkk == 8_000_000 - 2_700_000
    assert rows[None].reserved_dkk == 5_000_000  # the reservation has no years yet
    big = {
        **_proposal("mental-talk"),
        "amounts": [
            {
                "kind": "grant",
                "payer": "Region Midtjylland",
                "recipient": "Foreningen Mental Talk",
                "amount_dkk": 6_000_000,
                "years": [2025],
                "funding_source": "Puljen til øget lighed i sundhed",
            }
        ],
    }
    alone = _assess(big)
    together = _assess(big, store)
    assert [c.met for c in alone.conditions if c.rule.startswith("funding.pool")] == [True]
    pool = [c for c in together.conditions if c.rule.startswith("funding.pool")]
    assert [c.met for c in pool] == [False]
    assert (
        "andre besluttede sagers 2,7 mio. kr. er i alt 8,7 mio. kr. af 8 mio. kr." in pool[0].text
    )


def downgrade(url: str, revision: str) -> None:
    """Alembic's own downgrade, as an operator would run it (the data kept)."""
    engine = sa.create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_migrations_bring_a_database_to_the_newest_schema_once(
    open_store: OpenStore, store_url: str
) -> None:
    open_store(store_url)
    open_store(store_url)  # opening again is a no-op
    engine = sa.create_engine(store_url)
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [
            "0005"
        ]
    engine.dispose()


def test_two_processes_writing_500_cases_each_lose_nothing(
    open_store: OpenStore, store_url: str
) -> None:
    open_store(store_url)
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), store_url, "500", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outputs]
    ids = [line for out, _ in outputs for line in out.split()]
    assert len(ids) == len(set(ids)) == 1000
    store = open_store(store_url)
    assert {c.id for c in store.list_cases()} == set(ids)
    assert PoolBook(store, BOOK.parameters).usage() == {("lighed_i_sundhed", 2027): 1_000_000}


def test_a_killed_writer_leaves_a_sound_database_with_every_commit(
    open_store: OpenStore, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    open_store(url)
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), url, "100000", "K"], stdout=subprocess.PIPE, text=True
    )
    committed = []
    assert proc.stdout is not None
    while len(committed) < 300:
        committed.append(proc.stdout.readline().strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert check_integrity(url) == "ok"
    stored = {c.id for c in open_store(url).list_cases()}
    assert set(committed) <= stored


def test_a_bad_database_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot use database URL"):
        CaseStore("nosuchdb://x")


def test_cases_and_ledger_commands(
    open_store: OpenStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("SIE_DATABASE_URL", url)
    store = open_store(url)
    case = store.save_case("Herning", _proposal("herning"), actor=ME)
    store.record_assessment(case.id, _assess(_proposal("herning")), actor=ME)
    assert main(["ledger", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # a saved case is not a decision
    decide = ["cases", "decide", case.id, "--body", "Regionsrådet", "--date", "2025-11-13"]
    assert main(decide) == 2  # before the committee: refused, naming the steps that may
    assert "the steps that may: Udvalg for lighed i sundhed" in capsys.readouterr().err
    assert main([*decide, "--reason", "rådet behandlede sagen uden om udvalget"]) == 0
    assert "decided" in capsys.readouterr().out
    assert main(["cases", "list"]) == 0
    assert case.id in capsys.readouterr().out
    assert main(["cases", "show", case.id]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["history"][0]["why"] == "first" and shown["label"] == "Herning"
    assert [(d["body"], d["out_of_order"]) for d in shown["decisions"]] == [("Regionsrådet", True)]
    out = tmp_path / "export.json"
    assert main(["cases", "export", "-o", str(out)]) == 0
    monkeypatch.setenv("SIE_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert main(["cases", "import", str(out)]) == 0
    assert "imported 1 new cases and 1 assessments" in capsys.readouterr().out
    assert main(["ledger", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["year"] for r in rows} >= {2025, 2031}
    assert main(["cases", "show", "nope"]) == 2
    assert main(["cases", "decide", case.id, "--body", "Regionsrådet", "--date", "13/11"]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text(yaml.safe_dump({"x": 1}))
    assert main(["cases", "import", str(bad)]) == 2


def _ledger_from_the_cases(store: CaseStore) -> list[LedgerRow]:
    """The ledger summed afresh from every saved case (the store keeps running totals)."""
    sums: dict[tuple[str, int | None], list[int]] = {}
    for case in store.list_cases(include_archived=True):
        for e in case_entries(case.status, case.proposal, BOOK.parameters):
            sums.setdefault((e.pool, e.year), [0, 0])[int(e.grant)] += e.dkk
    pools = {p.id: p for p in BOOK.parameters.pools.pools}
    rows = []
    for (pool_id, year), (reserved, granted) in sums.items():
        budget = BOOK.parameters.budget_in(pools[pool_id], year) if year is not None else None
        rows.append(
            LedgerRow(pools[pool_id].name, year, reserved, granted, budget and budget.budget_dkk)
        )
    return sorted(rows, key=lambda r: (r.pool, r.year is None, r.year or 0))


def test_pool_book_follows_the_store_incrementally(open_store: OpenStore, store_url: str) -> None:
    store = open_store(store_url)
    book = PoolBook(store, BOOK.parameters)
    assert book.usage() == {} and book.rows() == []
    herning = _decided(store, "Herning", "herning")
    assert book.usage()[("lighed_i_sundhed", 2025)] == 1_200_000
    norddjurs = _decided(store, "Norddjurs", "norddjurs-region")
    assert book.usage()[("lighed_i_sundhed", 2025)] == 2_700_000
    assert book.usage(exclude=norddjurs.id)[("lighed_i_sundhed", 2025)] == 1_200_000
    store.archive(herning.id, actor=ME)
    assert book.usage()[("lighed_i_sundhed", 2025)] == 1_500_000
    assert book.rows() == _ledger_from_the_cases(store)


def test_cases_saved_before_the_ledger_table_get_their_entries_on_first_open(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    _decided(store, "Herning", "herning")
    _decided(store, "Norddjurs", "norddjurs-region")
    expected = PoolBook(store, BOOK.parameters).rows()
    assert expected
    store.close()
    downgrade(store_url, "0001")  # back to the schema of 0001, the cases kept
    reopened = open_store(store_url)
    assert (
        PoolBook(reopened, BOOK.parameters).rows() == expected == _ledger_from_the_cases(reopened)
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["new", "edit", "decide", "withdraw", "archive", "restore"]),
            st.integers(0, 6),
        ),
        max_size=12,
    )
)
def test_the_ledger_totals_always_equal_the_sum_of_the_cases_entries(
    open_store: OpenStore, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]
) -> None:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'l.db'}")
    names = sorted(p.stem for p in CASES)
    ids: list[str] = []
    for action, n in steps:
        draft = _proposal(names[n % len(names)])
        if action == "new" or not ids:
            ids.append(store.save_case("sag", draft, actor=ME).id)
        elif action == "edit":
            store.save_case("sag", draft, case_id=ids[n % len(ids)], actor=ME)
        elif action == "decide":
            case = store.get(ids[n % len(ids)])
            open_bodies = {s.body for _, s in decisions.open_steps(_route(case.proposal))}
            if case.status != "archived" and "Regionsrådet" in open_bodies:
                _council(store, case)
        elif action == "withdraw":
            standing = decisions.standing(store.decisions(ids[n % len(ids)]))
            if standing:
                store.withdraw_decision(ids[n % len(ids)], standing[0].id, "a mistake", actor=ME)
        elif action == "archive":
            store.archive(ids[n % len(ids)], actor=ME)
        else:
            store.restore(ids[n % len(ids)], actor=ME)
    assert PoolBook(store, BOOK.parameters).rows() == _ledger_from_the_cases(store)


def test_a_trial_chat_takes_nothing_from_the_pool_and_a_recorded_decision_does(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    book = PoolBook(store, BOOK.parameters)
    trial = store.save_case(
        "Prøve", _proposal("herning"), actor=ME
    )  # what every assessed chat saves
    mandate = store.save_case("Norddjurs", _proposal("norddjurs-region"), actor=ME)
    assert book.usage() == {} and book.rows() == [] and store.cases_in_ledger() == 0
    committee = "Udvalg for lighed i sundhed"  # the step that gives the mandate: in order
    route = _route(mandate.proposal)
    store.record_decision(mandate.id, committee, dt.date(2025, 6, 26), route=route, actor=ME)
    rows = {r.year: r for r in book.rows()}
    assert rows[2025].reserved_dkk == 1_500_000 and rows[2025].granted_dkk == 0
    decided = _council(store, trial)
    assert decided.status == "decided" and decided.proposal["decided_by"] == ["Regionsrådet"]
    rows = {r.year: r for r in book.rows()}
    assert rows[2025].granted_dkk == 1_200_000 and store.cases_in_ledger() == 2
    store.archive(trial.id, actor=ME)
    assert {r.year: r for r in book.rows()}[2025].granted_dkk == 0
    assert store.restore(trial.id, actor=ME).status == "decided"
    assert {r.year: r for r in book.rows()}[2025].granted_dkk == 1_200_000


def test_the_document_a_case_was_read_from_is_kept_with_it(
    open_store: OpenStore, store_url: str
) -> None:
    store = open_store(store_url)
    case = store.save_case("Herning", _proposal("herning"), actor=ME)
    content = b"%PDF-1.4 the caseworker's own file"
    first = store.attach_document(case.id, "indstilling.pdf", content, actor=ME)
    again = store.attach_document(
        case.id, "kopi.pdf", content, actor=ME
    )  # the same content: kept once
    assert first.id == again.id and first.size == len(content)
    assert [d.name for d in store.documents(case.id)] == ["indstilling.pdf"]
    assert store.document_content(first.id) == content
    with pytest.raises(StoreError):
        store.attach_document("no-such-case", "x.pdf", content, actor=ME)
