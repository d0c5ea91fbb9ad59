"""Danish formatting of kroner amounts and years, as the minutes write them."""

from __future__ import annotations

from collections.abc import Sequence


def format_dkk(amount: int) -> str:
    """3600000 -> '3,6 mio. kr.'; 125000 -> '125.000 kr.'."""
    if amount >= 1_000_000 and amount % 10_000 == 0:
        millions = f"{amount / 1_000_000:.2f}".rstrip("0").rstrip(".")
        return f"{millions.replace('.', ',')} mio. kr."
    return f"{amount:,} kr.".replace(",", ".")


def format_years(years: Sequence[int]) -> str:
    """[2027, ..., 2031] -> '2027-2031'; [2025] -> '2025'; [2024, 2026] -> '2024 og 2026'."""
    if not years:
        return ""
    ys = sorted(years)
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}-{ys[-1]}"
    return ", ".join(map(str, ys[:-1])) + f" og {ys[-1]}"
