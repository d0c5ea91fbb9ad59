"""Rule texts with placeholders: `{alias.field}` or `{alias.field|fallback text}`.

Placeholders name a fact bound by the rule's `when` and one of its fields. Substitution is
plain text replacement (no attribute access, no format specs), so a value typed by a user can
never reach into the program.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

_PLACEHOLDER = re.compile(r"\{(\w+)\.(\w+)(?:\|([^{}]*))?\}")


def placeholders(template: str) -> Iterator[tuple[str, str]]:
    """Yield (alias, field) for every placeholder in `template`."""
    for alias, field, _ in _parts(template)[1::2]:
        yield alias, field


def render(template: str, bindings: Mapping[str, Mapping[str, Any]]) -> str:
    """Fill placeholders from the bound facts; a missing value uses the fallback, else ''."""
    parts = _parts(template)
    out = [parts[0]]
    for (alias, field, fallback), text in zip(parts[1::2], parts[2::2], strict=True):
        value = bindings.get(alias, {}).get(field)
        out += [fallback if value is None or value == "" else str(value), text]
    return "".join(out)


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[Any, ...]:
    """The template split once: texts at even places, (alias, field, fallback) between."""
    parts: list[Any] = []
    end = 0
    for match in _PLACEHOLDER.finditer(template):
        parts += [template[end : match.start()], (match[1], match[2], match[3] or "")]
        end = match.end()
    return (*parts, template[end:])
