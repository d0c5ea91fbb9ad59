"""Who uses the app: signed in through the region's identity provider (Streamlit's OpenID
Connect, configured in the `[auth]` section of `.streamlit/secrets.toml`), or, with no
provider configured, the single local user. Which pages each role sees."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from sie_rules.access import Actor, Permission, actor_from_claims, local_actor
from sie_rules.errors import AccessDenied
from sie_rules.explain.wording import Lang, escape
from sie_rules.paths import settings
from sie_rules.ui import browser
from sie_rules.ui.labels import t

# the permission each page needs (its url path -> sie_rules.access.Permission)
PAGE_NEEDS: dict[str, Permission] = {
    "chat": "assess",
    "udforsk": "explore",
    "laer": "learn",
    "sager": "read_cases",
    "regler": "rules",
}


def sign_in_configured() -> bool:
    """An identity provider is configured (an `[auth]` section in the secrets)."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:
        return False


def current_user(lang: Lang) -> Actor:
    """The user of this session. Without a sign-in it shows the sign-in page and stops the
    script; a signed-in user without a role is told so and stopped."""
    config = settings()
    if not sign_in_configured():
        return local_actor(config.local_role)
    if not st.user.is_logged_in:
        browser.title(lang, t("signin", lang))
        st.title(t("app_title", lang))
        st.write(t("signin_intro", lang))
        st.button(t("signin", lang), on_click=st.login, type="primary", key="signin")
        st.stop()
    try:
        actor = actor_from_claims(st.user.to_dict(), config.role_claim, config.role_map)
    except AccessDenied as exc:
        st.error(escape(str(exc)))
        st.stop()
    if not actor.roles:
        st.error(t("no_role", lang, name=escape(actor.name)))
        st.button(t("signout", lang), on_click=st.logout, key="signout")
        st.stop()
    return actor


def show_user(actor: Actor, lang: Lang) -> None:
    """The sidebar line that says who is signed in (or that the app runs in local mode)."""
    if not sign_in_configured():
        st.sidebar.caption(t("local_mode", lang))
        return
    roles = ", ".join(t(role, lang) for role in actor.roles)
    st.sidebar.caption(t("signed_in", lang, name=escape(actor.name), roles=roles))
    st.sidebar.button(t("signout", lang), on_click=st.logout, key="signout")


def user() -> Actor:
    """The user app.py established for this run."""
    actor = st.session_state.get("actor")
    if not isinstance(actor, Actor):
        raise AccessDenied("no user for this session: open the app from its start page")
    return actor


def require(permission: Permission, lang: Lang) -> Actor:
    """The user, if the role allows `permission`; otherwise say why and stop the page."""
    actor = user()
    try:
        actor.require(permission)
    except AccessDenied as exc:
        st.error(f"{t('denied', lang)}: {escape(str(exc))}")
        st.stop()
    return actor
