"""Where the rules and the knowledge corpus live: the checkout, or the installed wheel."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    checkout = _PACKAGE.parent / name
    return checkout if checkout.is_dir() else _PACKAGE / "_data" / name


class Settings(BaseSettings):
    """Settings read from `SIE_*` environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(env_prefix="SIE_", env_file=".env", extra="ignore")

    rules_dir: Path = _data_dir("rules")
    knowledge_dir: Path = _data_dir("knowledge")
    data_dir: Path = (
        _PACKAGE.parent / "data"
        if (_PACKAGE.parent / "rules").is_dir()
        else Path.home() / ".local" / "share" / "sie-rules"
    )
    database_url: str | None = None

    @property
    def database(self) -> str:
        """SIE_DATABASE_URL, else a SQLite file in the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'sie-rules.db'}"


def settings() -> Settings:
    return Settings()
