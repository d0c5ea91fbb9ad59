"""The held-out evaluation texts are frozen: written before tuning, never edited afterwards.

Each file in tests/intake/heldout/ must have its SHA-256 in FROZEN.sha256. Editing a file
breaks this test; a new set of texts goes in a new file (v3.yaml) with its own line.
"""

from __future__ import annotations

import hashlib

from intake_eval import HELDOUT_DIR, load_heldout


def test_every_held_out_file_is_unchanged_since_it_was_frozen() -> None:
    frozen = dict(
        reversed(line.split()) for line in (HELDOUT_DIR / "FROZEN.sha256").read_text().splitlines()
    )
    files = {p.name: p for p in HELDOUT_DIR.glob("v*.yaml")}
    assert set(files) == set(frozen), "every held-out file needs its line in FROZEN.sha256"
    for name, path in files.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == frozen[name], f"{name} changed after it was frozen: use a new version"


OUTSIDE_DIR = HELDOUT_DIR.parent / "outside"


def test_every_outside_text_is_unchanged_since_it_was_frozen() -> None:
    """The outside authors' held-out set (tests/intake/outside/, README there) is never tuned
    on, so never edited: each text and facts file keeps the hash it was frozen with."""
    lines = (OUTSIDE_DIR / "FROZEN.sha256").read_text().splitlines()
    frozen = {name.removeprefix("./"): digest for digest, name in (x.split() for x in lines)}
    files = {
        str(p.relative_to(OUTSIDE_DIR)): p
        for p in OUTSIDE_DIR.rglob("*")
        if p.is_file() and p.name not in ("FROZEN.sha256", "README.md")
    }
    assert len(files) >= 48 and set(files) == set(frozen)
    for name, path in files.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == frozen[name], f"{name} changed after it was frozen"


def test_the_held_out_set_has_at_least_forty_texts_with_unique_names() -> None:
    cases = load_heldout()
    names = [c["name"] for c in cases]
    assert len(cases) >= 40 and len(set(names)) == len(names)
