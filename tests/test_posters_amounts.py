"""大写 amounts pinned against the People's Bank of China's rules for writing amounts on bills.

《支付结算办法》附件《正确填写票据和结算凭证的基本规定》: 整 after 元 when there is no
角 or 分 (optional after 角, never after 分); 零 for zeros in the middle (one 零 for a run);
零 after 元 when 角 is zero and 分 is not; where 万位 or 元位 is zero but 千位 or 角位 is not,
one 零 "may be written or left out" — cn2an leaves it out, and the cases below say so.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.posters import rmb_uppercase

CASES = [
    ("0.00", "零元整"),
    ("0.01", "壹分"),
    ("0.05", "伍分"),
    ("0.10", "壹角"),
    ("0.15", "壹角伍分"),
    ("0.50", "伍角"),
    ("1.00", "壹元整"),
    ("1.01", "壹元零壹分"),  # 角 zero, 分 not: 零 after 元
    ("1.10", "壹元壹角"),  # 整 after 角 is optional; cn2an leaves it out
    ("10.00", "壹拾元整"),  # 壹 before 拾, so nobody can add a digit in front
    ("10.05", "壹拾元零伍分"),
    ("10.50", "壹拾元伍角"),
    ("15.00", "壹拾伍元整"),
    ("20.00", "贰拾元整"),
    ("105.00", "壹佰零伍元整"),
    ("110.00", "壹佰壹拾元整"),
    ("325.04", "叁佰贰拾伍元零肆分"),  # the rules' own example
    ("1005.00", "壹仟零伍元整"),  # a run of zeros: one 零
    ("1010.00", "壹仟零壹拾元整"),
    ("1409.50", "壹仟肆佰零玖元伍角"),  # the rules' own example
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),  # rules' example; 元零叁角 is the other allowed form
    ("6007.14", "陆仟零柒元壹角肆分"),  # the rules' own example
    ("10000.00", "壹万元整"),
    ("10010.00", "壹万零壹拾元整"),
    ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),  # the rules' own example
    ("30500.00", "叁万零伍佰元整"),
    ("100000.00", "壹拾万元整"),
    ("100010.00", "壹拾万零壹拾元整"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),  # rules' example allows 零 before 柒仟 or 伍角, or none
    ("510837.21", "伍拾壹万零捌佰叁拾柒元贰角壹分"),
    ("1000000.00", "壹佰万元整"),
    ("1000001.01", "壹佰万零壹元零壹分"),
    ("1001000.00", "壹佰万壹仟元整"),  # 万位 zero, 千位 not: 零 optional, left out
    ("10000000.10", "壹仟万元壹角"),  # 元位 zero, 角位 not: 零 optional, left out
    ("100000000.00", "壹亿元整"),
    ("100000001.00", "壹亿零壹元整"),
    ("100001000.00", "壹亿壹仟元整"),  # everyday reading says 壹亿零壹仟; the rules allow both
    ("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
]


@pytest.mark.parametrize(("amount", "words"), CASES)
def test_amount_in_capitals_follows_the_bill_rules(amount: str, words: str) -> None:
    assert rmb_uppercase(Decimal(amount)) == words


def test_at_least_thirty_amounts_are_pinned() -> None:
    assert len(CASES) >= 30


def test_negative_balance_is_written_with_fu() -> None:
    assert rmb_uppercase(Decimal("-12.50")) == "负壹拾贰元伍角"


def test_negative_zero_is_plain_zero() -> None:
    assert rmb_uppercase(Decimal("-0.00")) == "零元整"


def test_whole_yuan_without_decimals_and_exponents_read_the_same() -> None:
    assert rmb_uppercase(Decimal("10")) == "壹拾元整"
    assert rmb_uppercase(Decimal("1E+3")) == "壹仟元整"


@pytest.mark.parametrize("amount", ["12.345", "0.001", "NaN", "Infinity"])
def test_amounts_finer_than_a_fen_are_refused_not_truncated(amount: str) -> None:
    # cn2an alone would write 12.345 as 壹拾贰元叁角肆分, silently dropping the 0.005.
    with pytest.raises(ValueError):
        rmb_uppercase(Decimal(amount))
