"""The Streamlit app renders every example case without an exception."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_app_shows_each_example_case() -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    for option in at.selectbox[0].options:
        at.selectbox[0].select(option).run()
        assert not at.exception
        assert "Godkendelsesvej" in at.markdown[0].value
