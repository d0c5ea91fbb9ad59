"""The errors sie-rules raises on purpose; everything else is a bug.

* SieRulesError            — base class, caught once by the CLI and the app
  + RulesFileError         — a file in rules/ is broken: names file, rule id and field
  + ProposalError          — a proposal cannot be read or is invalid: names the field
    + OutOfOrder           — a decision is not a step that may decide now, and no reason is given
  + KnowledgeError         — knowledge/ or its manifest is broken
  + EngineError            — the rules engine failed while evaluating (a rule action raised)
  + StoreError             — the case store cannot do what was asked
    + UnknownCase          — no case has the id given
    + EditConflict         — the case was saved by someone else since it was opened
  + AccessDenied           — the signed-in user's role does not allow the action
"""

from __future__ import annotations


class SieRulesError(Exception):
    """Base class of every error sie-rules reports to a user."""


class RulesFileError(SieRulesError):
    def __init__(self, file: str, message: str, rule: str | None = None, field: str | None = None):
        self.file, self.rule, self.field = file, rule, field
        where = file + (f": rule {rule}" if rule else "") + (f": {field}" if field else "")
        super().__init__(f"{where} - {message}")


class ProposalError(SieRulesError):
    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class OutOfOrder(ProposalError):
    """A decision recorded for a step of the route that may not decide yet, without a reason:
    nothing was recorded. The message names the steps that may decide now."""

    def __init__(self, message: str):
        super().__init__(message, "reason")


class KnowledgeError(SieRulesError):
    pass


class EngineError(SieRulesError):
    pass


class StoreError(SieRulesError):
    """The case store cannot do what was asked (unknown case, bad import, database down)."""


class UnknownCase(StoreError):
    """No case has the id given."""


class EditConflict(StoreError):
    """The case changed since the caller opened it (optimistic locking): nothing was saved.

    `current` is the case as it is now (a `CaseRecord`), `changed` the top-level fields of
    the proposal that differ from what the caller tried to save, `by` who saved it last."""

    def __init__(self, message: str, current: object, changed: list[str], by: str):
        self.current, self.changed, self.by = current, changed, by
        super().__init__(message)


class AccessDenied(SieRulesError):
    """The user's role does not allow the action; the message says which role may."""
