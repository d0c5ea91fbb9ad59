"""YAML (and so JSON) as sie-rules reads it: no key given twice, nesting no deeper than a
small limit, optionally no aliases, and every value that cannot be built (an impossible date,
an integer of thousands of digits) reported as a YAML error with its line and column, never
as a Python traceback. Used for proposals, rules files and case imports."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

MAX_DEPTH = 40


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and deep nesting, and reports bad values."""

    allow_aliases = True

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.allow_aliases and self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise ComposerError(None, None, "aliases (*name) are not allowed here", mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

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


def _unique_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ConstructorError(None, None, f"key '{key}' is given twice", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


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
    return yaml.load(text, Loader=StrictLoader if aliases else NoAliasLoader)


def describe(exc: yaml.YAMLError) -> str:
    """One line for a user: what is wrong and where ("key 'x' is given twice (line 3, ...)")."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        context = f"{exc.context}: " if exc.context else ""
        return " ".join(f"{context}{exc.problem}{where}".split())
    return " ".join(str(exc).split())
