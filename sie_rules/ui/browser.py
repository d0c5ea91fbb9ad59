"""What a page tells the browser beyond its elements, for screen readers and the keyboard: the
document's language and a title per page and state, a visible focus ring, a role and a text
alternative for each diagram, a live region that announces the chat's question, and moving
the focus. Streamlit has no API for these, so small scripts of our own set them (st.html).
No text is ever written into them as HTML: texts travel as JSON strings and are set as an
attribute or as text."""

from __future__ import annotations

import json

import streamlit as st

from sie_rules.explain.wording import Lang
from sie_rules.ui.labels import t

# the focus ring: 3 px of dark blue, 10:1 against the white page and 9:1 against the sidebar;
# a switch, a check box or a radio button draws it around its label (its own box is hidden)
FOCUS_COLOUR = "#0b3d91"
_STYLE = f"""<style>
:focus-visible, [data-testid] :focus-visible,
label:has(input:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px !important;
}}
.sie-hidden {{
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}}
</style>"""
# Each diagram's container key -> its text alternative, applied whenever the diagram is drawn
# (Graphviz draws the SVG after the script has run, and again on every rerun).
_LABEL_DIAGRAMS = """<script>
window.sieDiagrams = Object.assign(window.sieDiagrams || {}, LABELS);
if (!window.sieDiagramWatch) {
  const label = () => {
    for (const [key, text] of Object.entries(window.sieDiagrams)) {
      const drawn = '.st-key-' + key + ' [data-testid=stGraphVizChart] svg';
      for (const svg of document.querySelectorAll(drawn)) {
        if (svg.getAttribute('aria-label') === text) continue;
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', text);
      }
    }
  };
  window.sieDiagramWatch = new MutationObserver(label);
  window.sieDiagramWatch.observe(document.body, {childList: true, subtree: true});
  label();
}
</script>"""


def _json(value: object) -> str:
    """A JSON literal that is safe inside a <script> element (no '</script>' can end it)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


def document(lang: Lang) -> None:
    """Once per run, before the page: the document's language and the focus ring."""
    st.html(_STYLE)
    script = f"<script>document.documentElement.lang = {_json(lang)};</script>"
    st.html(script, unsafe_allow_javascript=True)


def title(lang: Lang, *parts: str) -> None:
    """The browser tab's title: the page and what it shows, then the app's name."""
    shown = [" ".join(p.split()) for p in parts if p and p.strip()]
    st.set_page_config(page_title=" · ".join([*shown, t("app_title", lang)]))


def describe_diagram(key: str, text: str) -> None:
    """Give the SVG drawn in the container `key` the role of an image and `text` as its
    text alternative."""
    script = _LABEL_DIAGRAMS.replace("LABELS", _json({key: text}))
    st.html(script, unsafe_allow_javascript=True)


def announce(text: str, nonce: object) -> None:
    """Say `text` to screen readers through a polite live region (one per page, kept outside
    Streamlit's elements so that it is the same region each time: a region that is drawn
    anew with its text is often not read out); a new `nonce` says it again."""
    script = _ANNOUNCE.replace("NONCE", _json(str(nonce))).replace("TEXT", _json(text))
    st.html(script, unsafe_allow_javascript=True)


def focus(selector: str, nonce: object, place: str = "center", whole: str = "*") -> None:
    """Move the keyboard focus to the first element matching `selector` and scroll it - or
    its closest ancestor matching `whole`, e.g. the box around a field - into view, to the
    `place` of the screen ("center", "end": at its foot, or "nearest"). A script is run
    once per content, so a new `nonce` each time the move is wanted."""
    _bring(selector, nonce, place, True, whole)


def scroll_to(selector: str, nonce: object, place: str = "center") -> None:
    """Scroll the first element matching `selector` into view (the focus stays)."""
    _bring(selector, nonce, place, False, "*")


def _bring(selector: str, nonce: object, place: str, focused: bool, whole: str) -> None:
    script = _BRING.replace("NONCE", _json(str(nonce))).replace("SELECTOR", _json(selector))
    script = script.replace("PLACE", _json(place)).replace("FOCUS", _json(focused))
    st.html(script.replace("WHOLE", _json(whole)), unsafe_allow_javascript=True)


def keys(bindings: dict[str, str]) -> None:
    """While this page shows: pressing each key (a KeyboardEvent.key name, e.g. "PageDown")
    clicks the button whose key it maps to, unless the focus is in a field."""
    st.html(_KEYS.replace("KEYS", _json(bindings)), unsafe_allow_javascript=True)


_ANNOUNCE = """<script>(() => {
  const nonce = NONCE;
  let region = document.getElementById('sie-live');
  if (!region) {
    region = document.createElement('div');
    region.id = 'sie-live';
    region.className = 'sie-hidden';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.appendChild(region);
  }
  setTimeout(() => { region.textContent = TEXT; }, 150);
})();</script>"""
_BRING = """<script>(() => {
  const nonce = NONCE;
  const go = () => {
    const e = document.querySelector(SELECTOR);
    if (!e) return false;
    if (FOCUS) {
      if (e.tabIndex < 0 && !e.hasAttribute('tabindex')) e.setAttribute('tabindex', '-1');
      e.focus({preventScroll: true});
    }
    e.closest(WHOLE).scrollIntoView({block: PLACE});
    return true;
  };
  if (!go()) setTimeout(go, 300);
})();</script>"""
# Keys that click a button: {key name: the key of the Streamlit button it clicks}, while
# the focus is not in a field (a presenter's clicker sends PageDown and PageUp).
_KEYS = """<script>
window.sieKeys = KEYS;
if (!window.sieKeysBound) {
  window.sieKeysBound = true;
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
    const key = (window.sieKeys || {})[event.key];
    const button = key && document.querySelector('.st-key-' + key + ' button');
    if (!button) return;
    event.preventDefault();
    button.click();
  });
}
</script>"""
