"""Load rules/ into typed, checked models and compile them for the engine.

rules/*.yaml hold the rules (one file per concern; their shape in `files`), rules/parameters/
*.yaml the values they use (`parameters`). Each rule is checked against the fact vocabulary
(`checking`) and every quote against the corpus; the result is one immutable `Rulebook`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sie_rules.assessment import Basis, Source
from sie_rules.errors import RulesFileError
from sie_rules.knowledge.corpus import Corpus, load_corpus
from sie_rules.paths import files_signature
from sie_rules.rules.checking import RuleChecker, derived_vocabulary, refuse_derivation_cycles
from sie_rules.rules.conditions import Pattern, to_durable
from sie_rules.rules.files import Rule, RuleFile, check_source, read_yaml, validate
from sie_rules.rules.parameters import Parameters, load_parameters


@dataclass(frozen=True)
class Rulebook:
    rules: dict[str, Rule]
    patterns: dict[str, tuple[Pattern, ...]]
    files: dict[str, str]
    parameters: Parameters
    version: str
    corpus: Corpus = field(repr=False)

    def durable_ruleset(self) -> dict[str, Any]:
        """A fresh durable-rules JSON ruleset (durable mutates what it is given)."""
        return {rid: {"all": to_durable(pats), "run": rid} for rid, pats in self.patterns.items()}

    def provenance(self, rule_id: str) -> tuple[Basis, Source | None]:
        rule = self.rules[rule_id]
        return rule.basis, rule.source


def _rules_version(rules_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(rules_dir.rglob("*.yaml")):
        digest.update(path.relative_to(rules_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_rulebook(rules_dir: Path, knowledge_dir: Path) -> Rulebook:
    """Load and check every file in rules/; raise RulesFileError at the first problem.

    Kept in memory and loaded again when a file in rules/ changes (its size or modification
    time), so the app sees edits without a restart; knowledge/ is read once per process."""
    return _load_rulebook(rules_dir, knowledge_dir, files_signature(rules_dir))


def forget_loaded_rules() -> None:
    """Load rules/ from disk at the next call, even if no file's size or time has changed
    (tests that rewrite a file within the file system's timestamp resolution)."""
    _load_rulebook.cache_clear()


@lru_cache(maxsize=4)
def _load_rulebook(rules_dir: Path, knowledge_dir: Path, signature: object) -> Rulebook:
    corpus = load_corpus(knowledge_dir)
    parameters = load_parameters(rules_dir, corpus)
    files: list[tuple[str, RuleFile]] = []
    for path in sorted(rules_dir.glob("*.yaml")):
        label = f"rules/{path.name}"
        files.append((label, validate(RuleFile, read_yaml(path, label), label)))
    if not files:
        raise RulesFileError("rules/", "no rule files found")
    vocabulary = derived_vocabulary(files)
    rules: dict[str, Rule] = {}
    patterns: dict[str, tuple[Pattern, ...]] = {}
    where_defined: dict[str, str] = {}
    for label, rule_file in files:
        for rule in rule_file.rules:
            if rule.id in rules:
                raise RulesFileError(
                    label, f"duplicate id, also defined in {where_defined[rule.id]}", rule.id, "id"
                )
            check_source(corpus, rule.source, label, rule.id, "source", rule.basis)
            patterns[rule.id] = RuleChecker(vocabulary, label, rule).patterns()
            rules[rule.id] = rule
            where_defined[rule.id] = label
    refuse_derivation_cycles(rules, patterns, where_defined)
    return Rulebook(rules, patterns, where_defined, parameters, _rules_version(rules_dir), corpus)
