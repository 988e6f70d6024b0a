"""Indonesian number formatting (pure). ``61,76``; ``Rp 1.250.000.000``; ``87,5%``.

Rounding happens in one place: :func:`round_half_up` (ROUND_HALF_UP, the mode of the domain rules).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TWO_PLACES = Decimal("0.01")


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up to ``places`` decimals (61.765 -> 61.77)."""
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value, places: int | None = 2, *, strip: bool = False) -> str:
    """Format with ``.`` thousands and ``,`` decimals. ``None`` -> ``–``.

    ``places=None`` keeps the value's own decimals; ``strip=True`` drops trailing zeros (``87,50`` -> ``87,5``).
    """
    number = to_decimal(value)
    if number is None:
        return "–"
    if places is not None:
        number = round_half_up(number, places)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, frac = text.partition(".")
    if strip:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if frac:
        result = f"{result},{frac}"
    return f"{sign}{result}"


def format_rupiah(value) -> str:
    """``Rp 1.250.000.000`` (no decimals; Rupiah amounts are whole)."""
    number = to_decimal(value)
    if number is None:
        return "–"
    return f"Rp {format_number(number, 0)}"


def format_percent(value, places: int = 2) -> str:
    number = to_decimal(value)
    if number is None:
        return "–"
    return f"{format_number(number, places)}%"


def parse_number(text: str) -> Decimal | None:
    """Parse user input in Indonesian or plain format: ``1.250,5`` / ``1250,5`` / ``1250.5``.

    Returns ``None`` when the text is not a number.
    """
    if text is None:
        return None
    cleaned = str(text).strip().replace(" ", "").replace("Rp", "").replace("%", "")
    if cleaned == "":
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return number
