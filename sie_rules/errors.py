"""The errors sie-rules raises on purpose; everything else is a bug.

* SieRulesError            — base class, caught once by the CLI and the app
  + RulesFileError         — a file in rules/ is broken: names file, rule id and field
  + ProposalError          — a proposal cannot be read or is invalid: names the field
  + KnowledgeError         — knowledge/ or its manifest is broken
  + EngineError            — the rules engine failed while evaluating (a rule action raised)
  + StoreError             — the case store cannot do what was asked
    + UnknownCase          — no case has the id given
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


class KnowledgeError(SieRulesError):
    pass


class EngineError(SieRulesError):
    pass


class StoreError(SieRulesError):
    """The case store cannot do what was asked (unknown case, bad import, database down)."""


class UnknownCase(StoreError):
    """No case has the id given."""
