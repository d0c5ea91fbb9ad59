"""Where the rules and the knowledge corpus live: the checkout, or the installed wheel."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

_PACKAGE = Path(__file__).resolve().parent
_PREFIX = "SIE_"


def _data_dir(name: str) -> Path:
    checkout = _PACKAGE.parent / name
    return checkout if checkout.is_dir() else _PACKAGE / "_data" / name


class Settings(BaseModel):
    """Settings read from `SIE_*` environment variables (or a `.env` file in the working
    folder), names in any case; the environment wins over the file."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    rules_dir: Path = _data_dir("rules")
    knowledge_dir: Path = _data_dir("knowledge")
    data_dir: Path = (
        _PACKAGE.parent / "data"
        if (_PACKAGE.parent / "rules").is_dir()
        else Path.home() / ".local" / "share" / "sie-rules"
    )
    database_url: str | None = None
    # sign-in (sie_rules.access): the ID-token claim that carries the user's groups, which
    # group gives which role, and the role of the local user when no provider is configured
    role_claim: str = "groups"
    role_map: dict[str, str] = {
        "sie-sagsbehandler": "sagsbehandler",
        "sie-laeser": "laeser",
        "sie-underviser": "underviser",
    }
    local_role: str = "sagsbehandler"

    @field_validator("role_map", mode="before")
    @classmethod
    def _json_text(cls, value: Any) -> Any:
        """SIE_ROLE_MAP is written as JSON."""
        return json.loads(value) if isinstance(value, str) else value

    @property
    def database(self) -> str:
        """SIE_DATABASE_URL, else a SQLite file in the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'sie-rules.db'}"


def settings() -> Settings:
    """The settings in force: read again only when a `SIE_*` variable, the working folder or
    its `.env` file changes (reading them costs more than a whole assessment)."""
    env = tuple(
        sorted((k.upper(), v) for k, v in os.environ.items() if k.upper().startswith(_PREFIX))
    )
    cwd = os.getcwd()
    return _settings(env, cwd, _stat(Path(cwd) / ".env"))


@lru_cache(maxsize=8)
def _settings(
    env: tuple[tuple[str, str], ...], cwd: str, dotenv: tuple[int, int] | None
) -> Settings:
    """Read when one of the arguments changes; `dotenv` is the file's size and time."""
    found = _dotenv(Path(cwd) / ".env") if dotenv is not None else {}
    found.update(env)
    prefix = len(_PREFIX)
    return Settings.model_validate(
        {name[prefix:].lower(): value for name, value in found.items() if value is not None}
    )


def _dotenv(path: Path) -> dict[str, str | None]:
    # python-dotenv is imported only when there is a file to read (it costs 30 ms to import)
    from dotenv import dotenv_values

    return {k.upper(): v for k, v in dotenv_values(path).items() if k.upper().startswith(_PREFIX)}


def files_signature(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of every file under `folders`: changes when a file
    is edited, added or removed, without reading any of them."""
    found = []
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                stat = _stat(Path(path))
                if stat is not None:
                    found.append((path, *stat))
    return tuple(sorted(found))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        result = path.stat()
    except OSError:
        return None
    return result.st_size, result.st_mtime_ns
