"""Settings come from SIE_* variables and a .env file in the working folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from sie_rules.paths import settings


def test_the_environment_wins_over_the_dotenv_file_and_json_maps_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(
        "SIE_LOCAL_ROLE=underviser\nSIE_DATA_DIR=/srv/sie\nUNRELATED=1\n"
        f"sie_role_map={json.dumps({'grp-a': 'laeser'})}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SIE_DATABASE_URL", raising=False)
    monkeypatch.setenv("SIE_LOCAL_ROLE", "laeser")
    found = settings()
    assert found.local_role == "laeser"  # the environment
    assert found.data_dir == Path("/srv/sie")  # the file
    assert found.role_map == {"grp-a": "laeser"}  # a lower-case name, JSON text
    assert found.database == "sqlite:////srv/sie/sie-rules.db"


def test_without_variables_the_checkout_folders_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SIE_RULES_DIR", "SIE_KNOWLEDGE_DIR", "SIE_LOCAL_ROLE"):
        monkeypatch.delenv(name, raising=False)
    found = settings()
    assert (found.rules_dir / "eligibility.yaml").is_file()
    assert found.local_role == "sagsbehandler"


def test_a_malformed_role_map_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SIE_ROLE_MAP", '["not", "a", "map"]')
    with pytest.raises(ValidationError, match="role_map"):
        settings()
