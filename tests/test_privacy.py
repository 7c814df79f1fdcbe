"""Personal numbers are found by their check digits and shown only masked."""

from __future__ import annotations

import pytest

from generator.privacy import id_check_digit_valid, luhn_valid, personal_numbers

VALID_ID = "11010519491231002X"  # the GB 11643 standard's own example


def kinds(text: str) -> list[str]:
    return [f.kind for f in personal_numbers(text)]


def test_standard_example_id_has_a_valid_check_digit() -> None:
    assert id_check_digit_valid(VALID_ID)
    assert not id_check_digit_valid("110105194912310021")


def test_id_number_is_found_and_masked() -> None:
    [finding] = personal_numbers(f"退还押金（{VALID_ID}）")
    assert finding.kind == "id"
    assert finding.masked == "1101**********002X"
    assert VALID_ID not in finding.masked


def test_eighteen_digits_with_a_wrong_check_digit_are_not_an_id() -> None:
    assert "id" not in kinds("编号 110105194912310021")


@pytest.mark.parametrize(
    "text", ["联系 13912345678", "电话 139 1234 5678", "电话 139-1234-5678", "+86 13912345678"]
)
def test_mobile_numbers_in_any_common_spelling_are_found(text: str) -> None:
    assert kinds(text) == ["mobile"]


@pytest.mark.parametrize(
    "text",
    [
        "0734-8888 1234",
        "凭证 记-2026-031",
        "面积 12865.40",
        "日期 20260105",
        "400-800-1234",
        "12345678901",
    ],
)
def test_landlines_vouchers_dates_and_areas_are_not_personal(text: str) -> None:
    assert kinds(text) == []


def test_luhn_valid_card_is_found() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert kinds("转入 4111 1111 1111 1111") == ["card"]


def test_a_number_is_reported_once_as_its_most_specific_kind() -> None:
    assert kinds(VALID_ID) == ["id"]
