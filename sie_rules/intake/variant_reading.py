"""Reading a "hvad hvis …?" turn: the draft changed as the text says ("kommunen ikke kan finde
finansiering", "regionen betaler ikke", "betalingsmodellen er aftalt", another request kind,
other amounts or fields), for the dialogue to assess beside the draft as it is."""

from __future__ import annotations

import re
from typing import Any

from sie_rules.explain import variants
from sie_rules.intake.answers import TurnReading


class VariantReading(TurnReading):
    def _variant(self, draft: dict[str, Any], text: str) -> dict[str, Any] | None:
        """The draft changed as `text` ("kommunen ikke kan finde finansiering") says, or None."""
        low = text.casefold()
        out = draft
        not_ = re.search(r"\b(?:ikke|not|can't|cannot|doesn't|won't)\b", low)
        if re.search(r"kommun|municipal", low) and re.search(
            r"finansier|penge|money|fund|betal|pay", low
        ):
            out = variants.municipal_financing(out, not not_)
        elif re.search(r"region", low) and re.search(r"betal|pay", low) and not_:
            out = variants.without_result_payments_from(out, self.lex.data.home_party.name)
        elif re.search(r"betalingsmodel|payment model", low):
            out = variants.payment_model(out, not not_)
        new, _ = self.read(text)
        if new.get("fields"):
            out = variants.with_fields(out, new["fields"])
        if new.get("amounts") and out.get("amounts"):
            out = self._correct(out, {"amounts": new["amounts"]})
        if out is draft:
            kind = self._request_kind(text)
            if kind and kind.value != draft.get("request_kind"):
                out = variants.request_kind(draft, kind.value)
        return None if out is draft else out
