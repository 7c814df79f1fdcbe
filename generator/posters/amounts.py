"""Amounts in Chinese capital numerals (大写), as bills and notices write them.

The People's Bank of China's rules for filling in bills (《正确填写票据和结算凭证的
基本规定》) decide the form: 整 after 元 when there are no jiao or fen, 零 for zeros
in the middle, and 零 after 元 when jiao is zero but fen is not. `cn2an`'s `rmb`
mode follows them; this wrapper only guards its input, because cn2an silently
drops a third decimal (12.345 → …叁角肆分) and cannot read exponents (1E+3).
"""

from __future__ import annotations

from decimal import Decimal

import cn2an

_FEN = Decimal("0.01")


def rmb_uppercase(amount: Decimal) -> str:
    """`Decimal("1300.10")` → `壹仟叁佰元壹角`; without the 人民币 prefix, which callers add."""
    if not amount.is_finite():
        raise ValueError(f"not an amount: {amount}")
    exact = amount.quantize(_FEN)
    if exact != amount:
        raise ValueError(f"an amount in yuan has at most two decimals, not {amount}")
    if exact == 0:
        exact = abs(exact)  # -0.00 is zero, not 负零元整
    text: str = cn2an.an2cn(f"{exact:f}", "rmb")
    return text
