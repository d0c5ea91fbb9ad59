"""Bar charts drawn from a plain Vega-Lite specification.

`st.bar_chart` builds an Altair chart and converts it to Vega-Lite on every rerun, which cost
about a fifth of the chat page's rerun; the specification below draws the same stacked bars."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from sie_rules.explain.wording import Lang

# numbers on the axes as Danish readers write them: 800.000, not 800,000 (a d3-format locale)
_NUMBERS = {"da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]}}


def stacked_bars(
    rows: list[dict[str, Any]],
    *,
    x: str,
    y: str,
    stack: str,
    titles: dict[str, str],
    height: int,
    lang: Lang,
) -> None:
    """One bar per value of `x` (years, as words), its parts by `stack`, summing `y`."""
    locale = {"config": {"locale": {"number": _NUMBERS[lang]}}} if lang in _NUMBERS else {}
    # many bars in a narrow column: slanted labels, so that years never run together
    angle = -45 if len({row[x] for row in rows}) > 4 else 0
    st.vega_lite_chart(
        pd.DataFrame(rows),
        locale
        | {
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": {
                    "field": x,
                    "type": "ordinal",
                    "title": titles[x],
                    "axis": {"labelAngle": angle},
                },
                "y": {"field": y, "type": "quantitative", "aggregate": "sum", "title": titles[y]},
                "color": {  # the legend under the bars: they keep the column's width
                    "field": stack,
                    "type": "nominal",
                    "title": titles[stack],
                    "legend": {"orient": "bottom"},
                },
            },
        },
        height=height,
        width="stretch",
    )
