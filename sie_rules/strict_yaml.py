"""YAML (and so JSON) as sie-rules reads it: no key given twice, nesting no deeper than a
small limit, optionally no aliases, and every value that cannot be built (an impossible date,
an integer of thousands of digits) reported as a YAML error with its line and column, never
as a Python traceback. `load` reads user input (proposals, case imports) with the depth and
alias checks; `load_own` reads the project's own files (rules/, knowledge/) faster, without
them."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

MAX_DEPTH = 40


class _ReportingConstructor(SafeConstructor):
    """Every value that cannot be built is a YAML error with its position."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:  # 2025-02-30, 10**5000, hour 25 …
            raise ConstructorError(
                None,
                None,
                f"cannot read {node.value[:40]!r}: {str(exc).split(';')[0]}",
                node.start_mark,
            ) from None


class StrictLoader(Composer, CParser, _ReportingConstructor, Resolver):
    """A safe loader that refuses duplicate keys and deep nesting, and reports bad values.

    libyaml (C) scans and parses, about five times faster than PyYAML's pure-Python scanner
    (rules/ loads in a fifth of the time); the nodes are composed in Python, by PyYAML's
    Composer listed before CParser, so that depth and aliases are checked node by node."""

    allow_aliases = True

    def __init__(self, stream: Any):
        CParser.__init__(self, stream)
        _ReportingConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.allow_aliases and self.check_event(yaml.AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not allowed here", self._mark())
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                message = f"nested deeper than {MAX_DEPTH} levels"
                raise ComposerError(None, None, message, self._mark())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _mark(self) -> Any:
        return self.peek_event().start_mark  # type: ignore[union-attr]


class OwnFileLoader(CParser, _ReportingConstructor, Resolver):
    """For the project's own files (rules/, knowledge/), which are not user input: libyaml
    composes the nodes too (no depth count), duplicate keys and bad values still refused."""

    def __init__(self, stream: Any):
        CParser.__init__(self, stream)
        _ReportingConstructor.__init__(self)
        Resolver.__init__(self)


def _unique_mapping(loader: _ReportingConstructor, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ConstructorError(None, None, f"key '{key}' is given twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


for _loader in (StrictLoader, OwnFileLoader):
    _loader.add_constructor(  # type: ignore[type-var]
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping
    )


class NoAliasLoader(StrictLoader):
    """StrictLoader without anchors and aliases (no 'billion laughs' in user files)."""

    allow_aliases = False


_BRACKETS = re.compile(r"[\[\]{}]")


def _refuse_deep_brackets(text: str) -> None:
    """PyYAML's scanner looks ahead over nested flow collections ("[[[[…") in quadratic
    time before the composer can count the depth, so bracket depth is checked first, in
    one pass (a bracket inside a quoted text counts too: no real file nests 40 deep)."""
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, m.start())
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1)
            mark = yaml.Mark("<text>", m.start(), line, column, None, 0)
            raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)


def load(text: str, aliases: bool = True) -> Any:
    """Parse YAML or JSON text; raise yaml.YAMLError (with a position) for anything wrong."""
    _refuse_deep_brackets(text)
    return _load(text, StrictLoader if aliases else NoAliasLoader)


def load_own(text: str) -> Any:
    """Parse one of the project's own YAML files (rules/, knowledge/): as `load`, but composed
    by libyaml, without counting the depth node by node (a third less time at start-up)."""
    return _load(text, OwnFileLoader)


def _load(text: str, loader_class: Any) -> Any:
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def describe(exc: yaml.YAMLError) -> str:
    """One line for a user: what is wrong and where ("key 'x' is given twice (line 3, ...)")."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        context = f"{exc.context}: " if exc.context else ""
        return " ".join(f"{context}{exc.problem}{where}".split())
    return " ".join(str(exc).split())
