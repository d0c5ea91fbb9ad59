"""The `sie-rules cases` and `sie-rules ledger` commands: the case store from the command line.

Imported by the CLI only when one of them runs (the store pulls SQLAlchemy and Alembic)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sie_rules.access import Actor, local_actor
from sie_rules.errors import ProposalError, StoreError
from sie_rules.explain.assess import current_rulebook
from sie_rules.paths import settings
from sie_rules.proposal_files import decode

if TYPE_CHECKING:
    from sie_rules.cases.store import CaseRecord, CaseStore


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _store() -> CaseStore:
    from sie_rules.cases.store import shared_store

    return shared_store(settings().database)


def command_line_user() -> Actor:
    """Who runs the command: the local user, with the role SIE_LOCAL_ROLE (default
    sagsbehandler); a shared server sets a narrower one for its shell users."""
    return local_actor(settings().local_role)


def cmd_cases(args: argparse.Namespace) -> int:
    actor = command_line_user()
    actor.require("read_cases")
    store = _store()
    if args.action == "list":
        for case in store.list_cases(args.search, include_archived=args.all):
            print(
                f"{case.id}  {case.status:<8}  {case.updated_at:%Y-%m-%d %H:%M}  "
                f"{case.request_kind or '-':<16}  {case.label}"
            )
    elif args.action == "show":
        from sie_rules.cases.transfer import as_exported

        if not args.ids:
            raise ProposalError("give the id of the case to show", "id")
        print_json(
            as_exported(store, [store.get(args.ids[0])])[0]
            | {
                "history": [
                    {
                        "at": h.record.created_at.isoformat(),
                        "rules_version": h.record.rules_version,
                        "outcome": h.record.outcome,
                        "why": h.why,
                        "by": h.by,
                    }
                    for h in store.history(args.ids[0])
                ],
                "audit": [
                    {
                        "at": e.at.isoformat(),
                        "action": e.action,
                        "by": e.actor_name,
                        "subject": e.actor_subject,
                        "detail": e.detail,
                    }
                    for e in store.audit_trail(args.ids[0])
                ],
            }
        )
    elif args.action in ("decide", "withdraw", "restore", "archive"):
        if not args.ids:
            raise ProposalError(f"give the id of the case to {args.action}", "id")
        if args.action == "restore":
            case = store.restore(args.ids[0], actor=actor)
        elif args.action == "archive":
            case = store.archive(args.ids[0], actor=actor)
        elif args.action == "withdraw":
            if args.decision is None:
                raise ProposalError("say which decision (--decision, its id in show)", "decision")
            case = store.withdraw_decision(args.ids[0], args.decision, args.reason, actor=actor)
        else:
            case = _decide(store, actor, args)
        print(f"{case.id}  {case.status}  {case.label}")
    elif args.action == "export":
        data = json.dumps(store.export(args.ids or None, actor=actor), ensure_ascii=False, indent=2)
        if args.output:
            Path(args.output).write_text(data, encoding="utf-8")
        else:
            print(data)
    else:
        _import(store, actor, args.ids)
    return 0


def _decide(store: CaseStore, actor: Actor, args: argparse.Namespace) -> CaseRecord:
    """Record `--body`'s decision on `--date`, on the route the case's proposal gives now."""
    from sie_rules.cases.ledger import PoolBook
    from sie_rules.explain.assess import evaluate
    from sie_rules.proposal_files import validate_proposal

    if not args.body or not args.date:
        raise ProposalError("say which body decided (--body) and when (--date)", "body")
    try:
        on = dt.date.fromisoformat(args.date)
    except ValueError as exc:
        raise ProposalError(f"not a date (YYYY-MM-DD): {args.date!r}", "date") from exc
    case, book = store.get(args.ids[0]), current_rulebook()
    committed = PoolBook(store, book.parameters).usage(case.id)
    route = evaluate(book, validate_proposal(case.proposal), committed).tracks
    return store.record_decision(
        case.id,
        args.body,
        on,
        route=route,
        reason=args.reason,
        actor=actor,
        expected_version=case.version,
    )


def _import(store: CaseStore, actor: Actor, files: list[str]) -> None:
    """Import an export file and report how each imported assessment compares with a
    re-assessment: the ones these rules do not give are flagged, never hidden."""
    from sie_rules.cases.transfer import MAX_IMPORT_BYTES

    if not files:
        raise ProposalError("give the file to import", "file")
    path = Path(files[0])
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise StoreError(
                f"{path.name} is {size / 1e6:.1f} MB; an import is at most "
                f"{MAX_IMPORT_BYTES / 1e6:.0f} MB (export fewer cases at a time)"
            )
        data = json.loads(decode(path.read_bytes(), files[0]))
    except (OSError, ValueError, RecursionError) as exc:  # huge numbers, deep nesting
        raise ProposalError(f"cannot read {files[0]}: {exc}") from exc
    report = store.import_(data, actor=actor, origin_file=path.name)
    print(f"imported {report.cases} new cases and {report.assessments} assessments")
    for check in report.checks:
        if check.verification == "matches":
            continue
        what = (
            "FLAGGED: not what these rules give for its proposal"
            if check.verification == "differs"
            else f"made under rules {check.rules_version}; re-assessed under the rules in force"
        )
        print(
            f"  {check.case_id}  {check.created_at:%Y-%m-%d %H:%M}  {check.label}: {what}"
            f" - differs in: {'; '.join(check.differences) or 'nothing'}"
        )
    counts = {
        v: sum(c.verification == v for c in report.checks)
        for v in ("matches", "other_rules", "differs")
    }
    print(
        f"checked: {counts['matches']} match, {counts['other_rules']} under other rules, "
        f"{counts['differs']} flagged"
    )


def cmd_ledger(args: argparse.Namespace) -> int:
    from sie_rules.cases.ledger import ledger
    from sie_rules.money import format_dkk

    command_line_user().require("read_cases")
    rows = ledger(_store(), current_rulebook().parameters)
    if args.json:
        print_json(
            [
                {
                    "pool": r.pool,
                    "year": r.year,
                    "reserved_dkk": r.reserved_dkk,
                    "granted_dkk": r.granted_dkk,
                    "budget_dkk": r.budget_dkk,
                    "room_dkk": r.room_dkk,
                }
                for r in rows
            ]
        )
        return 0
    print(
        f"{'pulje':<36} {'år':>5} {'reserveret':>14} {'bevilget':>14} {'budget':>14} {'plads':>14}"
    )
    for r in rows:
        cells = [r.reserved_dkk, r.granted_dkk, r.budget_dkk, r.room_dkk]
        print(
            f"{r.pool:<36} {r.year or '-':>5} "
            + " ".join(f"{format_dkk(c) if c is not None else '-':>14}" for c in cells)
        )
    return 0
