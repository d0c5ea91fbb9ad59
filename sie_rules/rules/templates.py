"""Rule texts with placeholders: `{alias.field}` or `{alias.field|fallback text}`.

Placeholders name a fact bound by the rule's `when` and one of its fields. Substitution is
plain text replacement (no attribute access, no format specs), so a value typed by a user can
never reach into the program.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_PLACEHOLDER = re.compile(r"\{(\w+)\.(\w+)(?:\|([^{}]*))?\}")


def placeholders(template: str) -> Iterator[tuple[str, str]]:
    """Yield (alias, field) for every placeholder in `template`."""
    for match in _PLACEHOLDER.finditer(template):
        yield match.group(1), match.group(2)


def render(template: str, bindings: Mapping[str, Mapping[str, Any]]) -> str:
    """Fill placeholders from the bound facts; a missing value uses the fallback, else ''."""

    def one(match: re.Match[str]) -> str:
        value = bindings.get(match.group(1), {}).get(match.group(2))
        if value is None or value == "":
            return match.group(3) or ""
        return str(value)

    return _PLACEHOLDER.sub(one, template)
