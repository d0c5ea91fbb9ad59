"""The Sager page's labels, Danish and English: decisions along the route, the decision log
and the audit trail's actions (merged into labels.LABELS)."""

from __future__ import annotations

CASE_LABELS: dict[str, tuple[str, str]] = {
    "decisions": ("Beslutninger", "Decisions"),
    "decisions_intro": (
        "Hver beslutning registreres på sagens vej, i rækkefølge. Kun en registreret "
        "beslutning flytter penge i puljeregnskabet: en bemyndigelse reserverer, en endelig "
        "beslutning bevilger – en chat er et udkast. En beslutning slettes aldrig; den kan "
        "tilbagekaldes med en begrundelse.",
        "Each decision is recorded on the case's route, in order. Only a recorded decision "
        "moves money in the pool ledger: a mandate reserves, a final decision grants – a chat "
        "is a draft. A decision is never deleted; it can be withdrawn with a reason.",
    ),
    "no_decisions": ("Ingen beslutninger registreret endnu.", "No decisions recorded yet."),
    "record_decision": ("Registrér en beslutning", "Record a decision"),
    "steps_now": ("Trin, der kan beslutte nu", "Steps that may decide now"),
    "step_to_record": ("Trin uden for rækkefølgen", "Step out of order"),
    "step_word": ("trin", "step"),
    "out_of_order_toggle": (
        "Registrér et trin uden for rækkefølgen (kræver en begrundelse)",
        "Record a step out of order (needs a reason)",
    ),
    "none_may_decide_now": (
        "Intet trin kan beslutte nu: hvert åbent trin venter på et tidligere eller er "
        "blokeret af en betingelse. Et trin kan kun registreres med en begrundelse.",
        "No step may decide now: each open step waits for an earlier one or is blocked by a "
        "condition. A step can only be recorded with a reason.",
    ),
    "route_decided": (
        "Alle trin på sagens vej har besluttet.",
        "Every step of the route has decided.",
    ),
    "no_route_to_record": (
        "Sagen kan ikke vurderes lige nu, så ingen beslutning kan registreres på dens vej",
        "The case cannot be assessed just now, so no decision can be recorded on its route",
    ),
    "reason": ("Begrundelse", "Reason"),
    "reason_required": ("Begrundelse (skal udfyldes)", "Reason (required)"),
    "moves": (
        "Sådan ændres puljeregnskabet, når du gemmer:",
        "This is what saving changes in the pool ledger:",
    ),
    "moves_nothing": (
        "Ændrer intet i puljeregnskabet (kun en registreret bemyndigelse eller endelig "
        "beslutning i regionen reserverer eller bevilger puljens penge).",
        "Changes nothing in the pool ledger (only a recorded mandate or final decision in the "
        "region reserves or grants the pool's money).",
    ),
    "decided_body": ("Organ", "Body"),
    "record": ("Registrér beslutningen", "Record the decision"),
    "recorded": ("Beslutningen er registreret.", "The decision is recorded."),
    "withdraw_decision": ("Tilbagekald en beslutning", "Withdraw a decision"),
    "decision_to_withdraw": ("Beslutning", "Decision"),
    "withdraw": ("Tilbagekald beslutningen", "Withdraw the decision"),
    "withdrawn": ("Beslutningen er tilbagekaldt.", "The decision is withdrawn."),
    "order_col": ("Rækkefølge", "Order"),
    "log_standing": ("beslutning", "decision"),
    "log_withdrawn": ("beslutning (tilbagekaldt)", "decision (withdrawn)"),
    "log_withdrawal": ("tilbagekaldelse", "withdrawal"),
    "log_in_order": ("i rækkefølge", "in order"),
    "log_out_of_order": ("UDEN FOR RÆKKEFØLGEN", "OUT OF ORDER"),
    "log_unchecked": ("ikke kontrolleret (registreret før loggen)", "not checked (before the log)"),
    "audit_create": ("oprettet", "created"),
    "audit_save": ("gemt", "saved"),
    "audit_archive": ("arkiveret", "archived"),
    "audit_restore": ("genåbnet", "restored"),
    "audit_decide": ("beslutning registreret", "decision recorded"),
    "audit_withdraw": ("beslutning tilbagekaldt", "decision withdrawn"),
    "audit_assess": ("vurderet", "assessed"),
    "audit_document": ("dokument tilføjet", "document added"),
    "audit_import": ("importeret", "imported"),
    "audit_export": ("eksporteret", "exported"),
}
