"""The `sie-rules` command: assess a proposal, check the rules.

Exit codes: 0 success, 1 broken rules or knowledge files (or the store failed), 2 invalid
input, 3 not allowed for the user's role (SIE_LOCAL_ROLE), 4 the case changed since it was read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sie_rules.assessment import Assessment
from sie_rules.errors import (
    AccessDenied,
    EditConflict,
    KnowledgeError,
    ProposalError,
    RulesFileError,
    SieRulesError,
    StoreError,
    UnknownCase,
)
from sie_rules.explain.assess import current_rulebook, evaluate
from sie_rules.proposal_files import decode, read_proposal
from sie_rules.store_commands import cmd_cases, cmd_ledger, print_json

# Each command imports what only it needs (the store, the intake, search, the memo) in its
# own body: `sie-rules assess FILE --json` then starts in a fraction of the time.


def _print_assessment(assessment: Assessment, as_json: bool) -> int:
    if as_json:
        print_json(assessment.model_dump(mode="json"))
    else:
        from sie_rules.explain.memo_files import render_markdown

        print(render_markdown(assessment, current_rulebook()), end="")
    return 0


def _cmd_assess(args: argparse.Namespace) -> int:
    return _print_assessment(
        evaluate(current_rulebook(), read_proposal(Path(args.file))), args.json
    )


def _cmd_assess_text(args: argparse.Namespace) -> int:
    from sie_rules.intake import read_and_assess

    if args.file == "-":
        text = decode(sys.stdin.buffer.read(), "standard input")
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise ProposalError(f"cannot read {args.file}: {exc.strerror}") from exc
        if data.startswith((b"%PDF", b"PK")):  # a Word or PDF document: its text
            from sie_rules.intake.documents import read_document

            document = read_document(Path(args.file).name, data)
            text, unread = document.text, document.rest_unread("da")
            if unread:  # said, never dropped silently
                print(f"sie-rules: {unread}", file=sys.stderr)
        else:
            text = decode(data, args.file)
    assessment, evidence = read_and_assess(text)
    for e in evidence:  # a sum whose purpose was not read is a question, never dropped silently
        if e.field == "amounts.unplaced":
            print(f"sie-rules: hvad er beløbet «{e.text}» til? (ikke placeret)", file=sys.stderr)
    return _print_assessment(assessment, args.json)


def _cmd_ask(args: argparse.Namespace) -> int:
    from sie_rules import search

    answers = search(args.question, k=args.k)
    if args.json:
        print_json(
            {
                "question": args.question,
                "answers": [
                    {
                        "doc": a.doc,
                        "title": a.title,
                        "section": a.section,
                        "quote": a.quote,
                        "start": a.start,
                        "score": a.score,
                    }
                    for a in answers
                ],
            }
        )
    elif not answers:
        print("Intet svar fundet i dokumenterne.")
    for i, a in enumerate([] if args.json else answers, 1):
        print(f"{i}. {a.title} — {a.section} (score {a.score:.2f})")
        print("   " + " ".join(a.quote.split()) + "\n")
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from sie_rules.explain.sweep import sweep

    base = read_proposal(Path(args.file)).model_dump(mode="json", exclude_none=True)
    with tqdm(total=args.n, unit="variant", file=sys.stderr, disable=args.quiet) as bar:
        result = sweep(base, args.n, workers=args.workers, seed=args.seed, progress=bar.update)
    if args.json:
        print_json(result.as_dict())
        return 0
    print(
        f"{result.variants} variants in {result.seconds:.1f} s "
        f"({result.variants / result.seconds:,.0f}/s), {result.invalid} invalid"
    )
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in result.outcomes.most_common()))
    print("most common paths:")
    for path, count in result.paths.most_common(args.top):
        print(f"  {count:6}  {path}")
    print("unmet conditions:")
    for rule, count in result.unmet.most_common(args.top):
        print(f"  {count:6}  {rule}")
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from sie_rules.lint import lint

    book = current_rulebook()
    report = lint(book, Path(args.cases) if args.cases else None)
    print(
        f"ok: {report.rules} rules, {report.quotes_checked} source quotes found verbatim "
        f"in knowledge/, rules version {book.version}"
    )
    if report.cases:
        print(
            f"{report.cases} golden cases fire {report.rules - len(report.never_fired)} "
            f"of {report.rules} rules"
        )
        for rule in report.never_fired:
            print(f"  not yet covered by a golden case: {rule}")
    for body in report.expired:
        print(
            f"expired: body {body} in rules/parameters/bodies.yaml ended before today and "
            "nothing replaces it; add its successor (or an entry that describes the role)"
        )
    for where in report.untranslated:
        print(f"sie-rules: {where} - missing: every rule has an English text too", file=sys.stderr)
    return 1 if report.untranslated else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sie-rules", description="Regler for sociale effektinvesteringer i Region Midtjylland"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("assess", help="vurdér et forslag (YAML eller JSON)")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the assessment as JSON")
    p.set_defaults(run=_cmd_assess)
    p = sub.add_parser("assess-text", help="læs en beskrivelse i fri tekst og vurdér den")
    p.add_argument("file", help="a text file, or - for standard input")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_assess_text)
    p = sub.add_parser("ask", help="søg i kildedokumenterne")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_ask)
    p = sub.add_parser(
        "cases",
        help="gemte sager: list, show, decide, withdraw, archive, restore, export, import",
    )
    p.add_argument(
        "action",
        choices=["list", "show", "decide", "withdraw", "archive", "restore", "export", "import"],
    )
    p.add_argument("ids", nargs="*", help="case ids (show, export) or the file (import)")
    p.add_argument("--search", help="list: only cases whose label contains this")
    p.add_argument("--all", action="store_true", help="list: include archived cases")
    p.add_argument("-o", "--output", help="export: write to this file")
    p.add_argument("--body", help="decide: the body that decided (e.g. Regionsrådet)")
    p.add_argument("--date", help="decide: the date of the decision, YYYY-MM-DD")
    p.add_argument(
        "--reason",
        help="decide: why a step that may not decide yet is recorded; withdraw: why (required)",
    )
    p.add_argument("--decision", type=int, help="withdraw: the id of the decision (see show)")
    p.set_defaults(run=cmd_cases)
    p = sub.add_parser("ledger", help="puljeregnskab: reserveret og bevilget pr. år")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_ledger)
    p = sub.add_parser("sweep", help="vurdér tusindvis af varianter af et forslag")
    p.add_argument("file")
    p.add_argument("-n", type=int, default=10_000, help="number of variants")
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_cmd_sweep)
    p = sub.add_parser("lint", help="check rules/ and report rules no golden case fires")
    default_cases = Path(__file__).resolve().parent.parent / "tests" / "cases"
    p.add_argument("--cases", default=str(default_cases) if default_cases.is_dir() else None)
    p.set_defaults(run=_cmd_lint)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except AccessDenied as exc:
        print(f"sie-rules: not allowed: {exc}", file=sys.stderr)
        return 3
    except EditConflict as exc:
        print(f"sie-rules: {exc}", file=sys.stderr)
        return 4
    except (ProposalError, UnknownCase) as exc:
        print(f"sie-rules: invalid input: {exc}", file=sys.stderr)
        return 2
    except (RulesFileError, KnowledgeError, StoreError) as exc:
        print(f"sie-rules: {exc}", file=sys.stderr)
        return 1
    except SieRulesError as exc:
        print(f"sie-rules: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
