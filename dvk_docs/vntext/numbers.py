"""Numbers as Vietnamese documents print them: "1.050.000", "95,5", "05"."""

from __future__ import annotations

from decimal import Decimal

THOUSANDS_SEPARATOR = "."  #: "1.410.000 đồng"
DECIMAL_SEPARATOR = ","  #: "95,5 điểm"


def format_number(number: int | float | Decimal, *, decimals: int | None = None) -> str:
    """``number`` with "." between thousands and "," before decimals: 1050000 -> "1.050.000",
    95.5 -> "95,5", -1234.5 -> "-1.234,5".

    ``decimals=None`` prints as many decimals as the value has (95.50 -> "95,5", 75.0 -> "75");
    an integer ``decimals`` rounds half-up to exactly that many places. Floats are read through
    their shortest repr, so 0.1 + 0.2 prints "0,30000000000000004" unless ``decimals`` is given.
    Raises ValueError for NaN and infinities.
    """
    value = _to_decimal(number)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    elif value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize()
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", THOUSANDS_SEPARATOR)
    return sign + grouped + (DECIMAL_SEPARATOR + fraction if fraction else "")


def leading_zero(number: int) -> str:
    """``number`` on at least two digits, as document numbers and dates want: 5 -> "05", 12 -> "12"."""
    return f"{number:02d}"


def _to_decimal(number: int | float | Decimal) -> Decimal:
    """``number`` as an exact Decimal (floats through their repr); ValueError when not finite."""
    value = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    if not value.is_finite():
        raise ValueError(f"không phải là số: {number!r}")
    return value
