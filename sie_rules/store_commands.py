"""The `sie-rules cases` and `sie-rules ledger` commands: the case store from the command line.

Imported by the CLI only when one of them runs (the store pulls SQLAlchemy and Alembic)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from sie_rules.errors import ProposalError
from sie_rules.explain.assess import current_rulebook
from sie_rules.paths import settings
from sie_rules.proposal_files import decode

if TYPE_CHECKING:
    from sie_rules.cases.store import CaseStore


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _store() -> CaseStore:
    from sie_rules.cases.store import shared_store

    return shared_store(settings().database)


def cmd_cases(args: argparse.Namespace) -> int:
    store = _store()
    if args.action == "list":
        for case in store.list_cases(args.search, include_archived=args.all):
            print(
                f"{case.id}  {case.status:<8}  {case.updated_at:%Y-%m-%d %H:%M}  "
                f"{case.request_kind or '-':<16}  {case.label}"
            )
    elif args.action == "show":
        if not args.ids:
            raise ProposalError("give the id of the case to show", "id")
        print_json(
            store.export(args.ids)[0]
            | {
                "history": [
                    {
                        "at": h.record.created_at.isoformat(),
                        "rules_version": h.record.rules_version,
                        "outcome": h.record.outcome,
                        "why": h.why,
                    }
                    for h in store.history(args.ids[0])
                ]
            }
        )
    elif args.action in ("decide", "restore"):
        if not args.ids:
            raise ProposalError(f"give the id of the case to {args.action}", "id")
        if args.action == "restore":
            case = store.restore(args.ids[0])
        else:
            if not args.body or not args.date:
                raise ProposalError("say which body decided (--body) and when (--date)", "body")
            try:
                on = dt.date.fromisoformat(args.date)
            except ValueError as exc:
                raise ProposalError(f"not a date (YYYY-MM-DD): {args.date!r}", "date") from exc
            case = store.record_decision(args.ids[0], args.body, on)
        print(f"{case.id}  {case.status}  {case.label}")
    elif args.action == "export":
        data = json.dumps(store.export(args.ids or None), ensure_ascii=False, indent=2)
        if args.output:
            Path(args.output).write_text(data, encoding="utf-8")
        else:
            print(data)
    else:
        if not args.ids:
            raise ProposalError("give the file to import", "file")
        try:
            data = json.loads(decode(Path(args.ids[0]).read_bytes(), args.ids[0]))
        except (OSError, ValueError, RecursionError) as exc:  # huge numbers, deep nesting
            raise ProposalError(f"cannot read {args.ids[0]}: {exc}") from exc
        cases, assessments = store.import_(data)
        print(f"imported {cases} new cases and {assessments} assessments")
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from sie_rules.cases.ledger import ledger
    from sie_rules.money import format_dkk

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
