"""The `sie-rules` command: assess a proposal, check the rules.

Exit codes: 0 success, 1 broken rules or knowledge files, 2 invalid input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import search
from .assess import current_rulebook, evaluate
from .errors import KnowledgeError, ProposalError, RulesFileError, SieRulesError
from .intake import assess_text
from .lint import lint
from .loading import decode, read_proposal
from .report import render_markdown


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _cmd_assess(args: argparse.Namespace) -> int:
    book = current_rulebook()
    assessment = evaluate(book, read_proposal(Path(args.file)))
    if args.json:
        _print_json(assessment.model_dump(mode="json"))
    else:
        print(render_markdown(assessment, book), end="")
    return 0


def _cmd_assess_text(args: argparse.Namespace) -> int:
    if args.file == "-":
        text = decode(sys.stdin.buffer.read(), "standard input")
    else:
        try:
            text = decode(Path(args.file).read_bytes(), args.file)
        except OSError as exc:
            raise ProposalError(f"cannot read {args.file}: {exc.strerror}") from exc
    book = current_rulebook()
    assessment = assess_text(text)
    if args.json:
        _print_json(assessment.model_dump(mode="json"))
    else:
        print(render_markdown(assessment, book), end="")
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    answers = search(args.question, k=args.k)
    if args.json:
        _print_json(
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


def _cmd_lint(args: argparse.Namespace) -> int:
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
    return 0


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
    p = sub.add_parser("lint", help="check rules/ and report rules no golden case fires")
    default_cases = Path(__file__).resolve().parent.parent / "tests" / "cases"
    p.add_argument("--cases", default=str(default_cases) if default_cases.is_dir() else None)
    p.set_defaults(run=_cmd_lint)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ProposalError as exc:
        print(f"sie-rules: invalid input: {exc}", file=sys.stderr)
        return 2
    except (RulesFileError, KnowledgeError) as exc:
        print(f"sie-rules: {exc}", file=sys.stderr)
        return 1
    except SieRulesError as exc:
        print(f"sie-rules: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
