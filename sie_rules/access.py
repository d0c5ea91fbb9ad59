"""Who may do what: the three roles, what each may do, and the user a request acts for.

The roles come from a claim of the region's identity provider (`SIE_ROLE_CLAIM`, default
`groups`), mapped to roles by `SIE_ROLE_MAP` (JSON, group -> role). A user holding several
roles may do what any of them may. With no provider configured the app and the CLI act as
the single local user `local` with the role `SIE_LOCAL_ROLE` (default: sagsbehandler).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from sie_rules.errors import AccessDenied

Role = Literal["sagsbehandler", "laeser", "underviser"]
Permission = Literal[
    "assess",  # the chat and the form: create and edit cases, record assessments
    "read_cases",  # the saved cases, their history and audit trail, the ledger
    "edit_cases",  # archive, restore, record a decision
    "transfer",  # export and import cases
    "memo",  # download a case's memo
    "explore",  # Udforsk: what-if on the real example cases (and one's own chat)
    "learn",  # Lær: the process and the quiz on the real example cases
    "rules",  # Regler: the rulebook
]
ROLES: tuple[Role, ...] = get_args(Role)

# What each role may do (issue #15): caseworkers everything; readers (politicians) read
# cases, explore and take the memo; trainers teach on the real example cases, no store.
GRANTS: Mapping[Role, frozenset[Permission]] = {
    "sagsbehandler": frozenset(get_args(Permission)),
    "laeser": frozenset({"read_cases", "memo", "explore"}),
    "underviser": frozenset({"explore", "learn"}),
}


@dataclass(frozen=True)
class Actor:
    """The user an action is done for, as the audit trail records it."""

    subject: str  # the identity provider's stable id ('local' without one)
    name: str  # shown to people
    roles: tuple[Role, ...]

    def may(self, permission: Permission) -> bool:
        return any(permission in GRANTS[role] for role in self.roles)

    def require(self, permission: Permission) -> None:
        """Raise `AccessDenied`, saying which roles may, unless this user may."""
        if not self.may(permission):
            allowed = [r for r in ROLES if permission in GRANTS[r]]
            held = ", ".join(self.roles) or "ingen rolle"
            raise AccessDenied(
                f"{self.name} ({held}) may not {permission.replace('_', ' ')}: "
                f"only {' or '.join(allowed)} may"
            )


def local_actor(role: str = "sagsbehandler") -> Actor:
    """The single user of a local installation (no identity provider configured)."""
    return Actor("local", "local", (_role(role),))


def actor_from_claims(
    claims: Mapping[str, object], role_claim: str, role_map: Mapping[str, str]
) -> Actor:
    """The signed-in user from the ID token's claims: subject, display name, mapped roles."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise AccessDenied("the identity provider sent no subject ('sub') for this user")
    name = str(claims.get("name") or claims.get("preferred_username") or claims.get("email") or "")
    value = claims.get(role_claim)
    groups: Iterable[object] = (
        value if isinstance(value, list | tuple) else [] if value is None else [value]
    )
    roles = sorted({_role(role_map[str(g)]) for g in groups if str(g) in role_map}, key=ROLES.index)
    return Actor(subject, name or subject, tuple(roles))


def _role(value: str) -> Role:
    for role in ROLES:
        if value == role:
            return role
    raise AccessDenied(f"unknown role {value!r} in the settings: use {', '.join(ROLES)}")
