"""The fact about one municipality taking part: the money it commits or invests, whose item
the case is, and the route its own decision takes with its own bodies' names (its form of
governance, from rules/parameters/governance.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sie_rules.model import AmountKind, Party, Role

if TYPE_CHECKING:
    from sie_rules.explain.facts import FactBuilder

Fact = dict[str, Any]


def municipality_fact(b: FactBuilder, i: int, party: Party) -> Fact:
    """The municipality's fact (None for what is not known)."""
    name = party.name.removesuffix(" Kommune").strip()
    invests = b.pays(party.name, Role.investor, {AmountKind.risk_capital})
    written_for = b.p.written_for
    return {
        "type": "municipality",
        "id": f"municipality-{i}",
        "name": name,
        "in_region": name in b.params.list_at("region_municipalities", b.on),
        "commits_money": b.pays(party.name, Role.result_payer, set(AmountKind)),
        "invests": invests,
        "applicant": Role.applicant in party.roles,
        # the item goes to this municipality's bodies: it is written for it, or for no one
        # (neither written_for nor the region, which takes no part)
        "own_item": party.name == written_for or not (b.region_party or written_for),
        "financing_found": party.financing_found,
        "budget_adopted": party.budget_adopted,
        **_route(b, i, party, name, invests),
        "writes_indstilling": party.name == b.writer,
    }


def _route(b: FactBuilder, i: int, party: Party, name: str, invests: bool) -> Fact:
    """The process the proposal gives (`process_from` proposal), else the municipality's own
    form in governance.yaml (governance; own_fund when it invests through its own fund), else
    the default form (default: an assumption, so its steps are `assumed`)."""
    own = b.params.governance_at(name, b.on)
    form = own or b.params.governance.default
    stated = b.process(i, party)
    fund = own.own_fund if own else None
    if stated is not None:
        process, source = stated, "proposal"
    elif fund is not None and invests:
        process, source = fund.process, "own_fund"
    else:
        process, source = form.process, "governance" if own else "default"
    return {
        "process": process,
        "process_from": source,
        "process_label": b.params.labels.processes[process],
        "form": form.form,
        "assumed": source == "default",
        "committee": party.committee or form.bodies["committee"],
        "finance_body": form.bodies["finance"],
        "council_body": form.bodies["council"],
        "fund_council": fund.body if fund else None,
    }
