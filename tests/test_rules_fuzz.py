"""Random mutations of the rules files: every one loads, or fails with a RulesFileError that
names the file (and the rule and field where it can) – never a traceback of another kind."""

from __future__ import annotations

import contextlib
import copy
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from golden import CASES, load_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from limits import time_limit
from strategies import json_values

from sie_rules import Proposal
from sie_rules.errors import EngineError, RulesFileError
from sie_rules.explain.assess import evaluate
from sie_rules.rules.rulebook import forget_loaded_rules, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
CASE_SECONDS = 10  # per mutation: loading and evaluating take well under a second
FILES = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml"))
ORIGINAL = {
    name: yaml.safe_load((ROOT / "rules" / name).read_text(encoding="utf-8")) for name in FILES
}
HERNING = Proposal.model_validate(
    load_case(next(p for p in CASES if p.stem == "herning"))["proposal"]
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


def _mutate(doc: Any, path: tuple[Any, ...], kind: str, value: Any) -> Any:
    doc = copy.deepcopy(doc)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if kind == "delete":
        del parent[last]
    elif kind == "replace":
        parent[last] = value
    elif kind == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    elif kind == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return doc


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_mutated_rules_file_loads_or_names_the_problem(
    workdir: Path, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(FILES))
    path = data.draw(st.sampled_from(_paths(ORIGINAL[name])))
    kind = data.draw(st.sampled_from(["delete", "replace", "rename", "duplicate"]))
    value = data.draw(json_values)
    rules = workdir / uuid.uuid4().hex / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / name).write_text(
        yaml.safe_dump(
            _mutate(ORIGINAL[name], path, kind, value), allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    forget_loaded_rules()
    try:
        with time_limit(CASE_SECONDS, "loading a mutated rules file"):
            book = load_rulebook(rules, ROOT / "knowledge")
    except RulesFileError as exc:
        # a file that names another's entries by id says so when the other loses one: the
        # meeting plan names bodies, governance names the processes of labels.yaml
        refers = {
            "parameters/bodies.yaml": ("rules/parameters/meetings.yaml", "no body has the id"),
            "parameters/labels.yaml": ("rules/parameters/governance.yaml", "unknown process"),
        }.get(name)
        if refers and exc.file == refers[0] and refers[1] in str(exc):
            return
        assert exc.file == f"rules/{name}"
        # a mutation inside a rule (not of the whole rule, nor of its id) must name the rule
        in_rule = len(path) > 2 and path[0] in {"rules", "bodies", "lists", "pools"}
        original_id = (
            ORIGINAL[name][path[0]][path[1]].get("id")
            if in_rule and isinstance(ORIGINAL[name][path[0]][path[1]], dict)
            else None
        )
        if in_rule and original_id and kind != "duplicate" and path[2:] != ("id",):
            assert exc.rule == original_id, (path, kind, str(exc))
        return
    finally:
        shutil.rmtree(rules.parent, ignore_errors=True)
    # what loads must also compile and evaluate; a rulebook that leaves an amount without a
    # ceiling status is reported as an EngineError, not run
    with contextlib.suppress(EngineError), time_limit(CASE_SECONDS, "evaluating"):
        evaluate(book, HERNING)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_garbled_bytes_in_a_rules_file_are_named(workdir: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    raw = (ROOT / "rules" / name).read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=20))
    rules = workdir / uuid.uuid4().hex / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / name).write_bytes(raw[:cut] + junk + raw[cut + len(junk) :])
    forget_loaded_rules()
    try:
        with time_limit(CASE_SECONDS, "loading a garbled rules file"):
            load_rulebook(rules, ROOT / "knowledge")
    except RulesFileError as exc:
        # a file that names another's entries by id says so when the other loses one: the
        # meeting plan names bodies, governance names the processes of labels.yaml
        refers = {
            "parameters/bodies.yaml": ("rules/parameters/meetings.yaml", "no body has the id"),
            "parameters/labels.yaml": ("rules/parameters/governance.yaml", "unknown process"),
        }.get(name)
        if refers and exc.file == refers[0] and refers[1] in str(exc):
            return
        assert exc.file == f"rules/{name}"
    finally:
        shutil.rmtree(rules.parent, ignore_errors=True)
        forget_loaded_rules()
