"""Read a proposal from a file or bytes, with limits and errors a user can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sie_rules import strict_yaml
from sie_rules.errors import ProposalError
from sie_rules.model import Proposal

MAX_BYTES = 1_000_000


def decode(data: bytes, label: str) -> str:
    if len(data) > MAX_BYTES:
        raise ProposalError(
            f"{label} is {len(data) / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProposalError(f"{label} is not UTF-8 text (byte {exc.start})") from exc


def parse_proposal(text: str, label: str = "proposal") -> Proposal:
    """Parse YAML or JSON text into a validated Proposal."""
    try:
        raw = strict_yaml.load(text, aliases=False)
    except yaml.YAMLError as exc:
        raise ProposalError(f"{label} is not valid YAML/JSON: {strict_yaml.describe(exc)}") from exc
    if not isinstance(raw, dict):
        raise ProposalError(f"{label} must be a mapping of fields (title, request_kind, ...)")
    return validate_proposal(raw)


def validate_proposal(raw: dict[str, Any]) -> Proposal:
    try:
        return Proposal.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = ".".join(str(x) for x in err["loc"]) or None
        message = err["msg"].removeprefix("Value error, ")
        if exc.error_count() > 1:
            message += f" (and {exc.error_count() - 1} more problems)"
        raise ProposalError(message, field) from exc


def read_proposal(path: Path) -> Proposal:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProposalError(f"cannot read {path}: {exc.strerror}") from exc
    return parse_proposal(decode(data, str(path)), str(path))
