"""Scoring of the intake evaluation set (tests/intake/cases.yaml): field accuracy and tracks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sie_rules.intake import DialogueState, Reply, current_intake
from sie_rules.money import format_years

CASES_FILE = Path(__file__).resolve().parent / "intake" / "cases.yaml"
HELDOUT_DIR = CASES_FILE.with_name("heldout")  # frozen: see tests/test_intake_heldout.py


def chat(*turns: str) -> list[Reply]:
    """The chat's replies to `turns`, one after another from an empty dialogue."""
    state, replies = DialogueState(), []
    for turn in turns:
        reply = current_intake().respond(state, turn)
        state = reply.state
        replies.append(reply)
    return replies


def load_cases(path: Path = CASES_FILE) -> list[dict[str, Any]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    corpus = current_intake().kb.corpus
    for case in cases:
        if "source" in case:
            s = case["source"]
            text = corpus.documents[s["doc"]].text
            start = text.index(s["from"])
            case["text"] = text[start : text.index(s["to"], start)]
    return cases


# Held-out files whose misses were looked at and tuned on (on 2026-12-02, once v3 was frozen):
# their figure is reported but says nothing about new wording, and only their misses are shown.
TUNED_ON = frozenset({"v1.yaml", "v2.yaml"})


def heldout_files() -> list[Path]:
    return sorted(HELDOUT_DIR.glob("v*.yaml"))


def load_heldout() -> list[dict[str, Any]]:
    """Every frozen held-out file, in version order."""
    return [case for path in heldout_files() for case in load_cases(path)]


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, label: str, ok: bool) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(label)


def _amount_matches(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    for key, value in expected.items():
        have = got.get(key)
        if key == "years":
            have = format_years(have or [])
        if str(have) != str(value):
            return False
    return True


def score_fields(case: dict[str, Any], draft: dict[str, Any]) -> Score:
    """One point per expected fact: scalar, party, amount, goal, field, party flag."""
    score = Score()
    expected = case["expected"]
    parties = {p["name"]: p for p in draft.get("parties", [])}
    for key, value in expected.items():
        if key == "parties":
            for name in value:
                score.check(f"party {name}", name in parties)
        elif key == "amounts":
            got = list(draft.get("amounts", []))
            if not value:
                score.check("no amounts", not got)
            for amount in value:
                match = next((g for g in got if _amount_matches(amount, g)), None)
                score.check(f"amount {amount}", match is not None)
                if match is not None:
                    got.remove(match)
        elif key == "payment_goals":
            goals = {g["name"]: set(g["payers"]) for g in draft.get("payment_goals", [])}
            for name, payers in value.items():
                score.check(f"goal {name} {payers}", goals.get(name) == set(payers))
        elif key == "fields":
            for name in value:
                score.check(f"field {name}", name in draft.get("fields", []))
        elif key == "legally_excluded":
            for name in value:
                score.check(f"excluded {name}", bool(parties.get(name, {}).get("legally_excluded")))
        elif key in {"financing_found", "budget_adopted", "committee"}:
            for name, flag in value.items():
                score.check(f"{key} {name}", parties.get(name, {}).get(key) == flag)
        elif key == "target_group":
            for sub, flag in value.items():
                score.check(f"target_group.{sub}", draft.get("target_group", {}).get(sub) == flag)
        else:
            score.check(f"{key}={value}", draft.get(key) == value)
    return score


TERM_DATE = "2025-06-26"


def tracks_of(draft: dict[str, Any]) -> dict[str, list[str]]:
    """The bodies of each track. The region's route on from a mandate to the later final
    approval, and the administration's agreement after the council's decision, follow from
    the rules, not from the text, so they are left out here: the evaluation sets were written
    when a region track ended at the mandate or the council."""
    tracks = {}
    dated = {"date": TERM_DATE, **draft}  # the texts describe cases of the term 2022-2025
    for track in current_intake().assess(dated).tracks:
        steps = track.steps
        mandate = next((i for i, s in enumerate(steps) if s.action == "mandate"), None)
        if track.id == "region" and mandate is not None:
            steps = steps[: mandate + 1]
        steps = [s for s in steps if not (track.id == "region" and s.action == "commits")]
        tracks[track.id] = [s.body for s in steps]
    return tracks


@dataclass
class Report:
    """An evaluation set's figures: facts right, texts fully right, texts refused."""

    right: int = 0
    total: int = 0
    texts: int = 0
    fully_right: int = 0
    tracks_right: int = 0
    refused: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        return (
            f"{label}: field accuracy {self.right}/{self.total} = {self.right / self.total:.3f}; "
            f"texts fully right {self.fully_right}/{self.texts} = "
            f"{self.fully_right / self.texts:.3f}; tracks right {self.tracks_right}/{self.texts}; "
            f"refused {self.refused}/{self.texts}"
        )


def evaluate(cases: list[dict[str, Any]]) -> Report:
    """Read every text; a text is fully right when every expected fact and every track (with
    its bodies in order) is right; refused when reading or assessing it raised an error."""
    from sie_rules.errors import ProposalError

    report = Report()
    for case in cases:
        report.texts += 1
        try:
            draft, _ = current_intake().read(case["text"])
            tracks = tracks_of(draft)
        except ProposalError as exc:
            report.refused += 1
            report.misses.append(f"{case['name']}: refused ({exc})")
            continue
        score = score_fields(case, draft)
        report.right, report.total = report.right + score.right, report.total + score.total
        tracks_ok = tracks == case["tracks"]
        report.tracks_right += tracks_ok
        report.fully_right += tracks_ok and not score.misses
        report.misses += [f"{case['name']}: {m}" for m in score.misses]
        if not tracks_ok:
            report.misses.append(f"{case['name']}: tracks {tracks}")
    return report
