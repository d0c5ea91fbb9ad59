"""The real cases from the documents (knowledge/cases/), in date order, as ready proposals."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from sie_rules import strict_yaml
from sie_rules.errors import KnowledgeError
from sie_rules.model import Proposal
from sie_rules.proposal_files import read_proposal


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    date: dt.date
    doc: str
    item: str
    summary: str


class RealCase(_Entry):
    proposal: Proposal


@cache
def load_cases(knowledge_dir: Path) -> tuple[RealCase, ...]:
    folder = knowledge_dir / "cases"
    try:
        raw = strict_yaml.load_own((folder / "index.yaml").read_text(encoding="utf-8"))
        entries = [_Entry.model_validate(e) for e in raw["cases"]]
    except (OSError, KeyError, TypeError, yaml.YAMLError, ValidationError) as exc:
        raise KnowledgeError(f"{folder / 'index.yaml'}: {exc}") from exc
    cases = [
        RealCase(**e.model_dump(), proposal=read_proposal(folder / f"{e.id}.yaml")) for e in entries
    ]
    return tuple(sorted(cases, key=lambda c: c.date))
