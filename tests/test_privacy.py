"""Personal numbers are found by their check digits and shown only masked."""

from __future__ import annotations

import random

import pytest

from generator.privacy import (
    _reading_table,
    id_check_digit_valid,
    luhn_valid,
    numbers_in_texts,
    personal_numbers,
    read_numbers,
)

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


def _random_texts(count: int, seed: int) -> list[str]:
    """Texts made of numbers in every written form the reading table knows, cut short or run
    together, with separator runs up to one too long, among Chinese words, dates and amounts."""
    rng = random.Random(seed)
    table = _reading_table()
    forms: dict[str, list[str]] = {}
    for point, read in table.items():
        forms.setdefault(read, []).append(chr(point))

    def written(number: str) -> str:
        parts = []
        for char in number:
            parts.append(rng.choice(forms[char]))
            if rng.random() < 0.3:
                parts.append("".join(rng.choices(forms[rng.choice("__.")], k=rng.randint(1, 5))))
        return "".join(parts)

    def number() -> str:
        digits = "".join(rng.choices("0123456789", k=17))
        kind = rng.randrange(5)
        if kind == 0:
            return "1" + rng.choice("3456789") + digits[:9]
        if kind == 1:
            born = f"{rng.randint(1900, 2100)}{rng.randint(1, 12):02}{rng.randint(1, 28):02}"
            stem = digits[:6].replace("0", "1", 1) + born + digits[:3]
            return next(stem + c for c in "0123456789X" if id_check_digit_valid(stem + c))
        if kind == 2:
            stem = rng.choice("3456789") + digits[: rng.randint(14, 17)]
            return next(stem + c for c in "0123456789" if luhn_valid(stem + c))
        return digits[: rng.randint(8, 17)]  # too short, or not a valid anything

    words = [
        "慰问",
        "一楼",
        "二〇二六年",
        "三户",
        "2026-01-05",
        "¥1,280.00",
        "，",
        "。",
        " ",
        "\x00",
    ]
    texts = []
    for _ in range(count):
        pieces = [rng.choice(words) for _ in range(rng.randint(0, 4))]
        for _ in range(rng.randint(0, 2)):
            pieces.insert(rng.randint(0, len(pieces)), written(number()))
        texts.append("".join(pieces))
    return texts


def test_the_quick_test_passes_over_no_number_the_full_reading_finds() -> None:
    texts = _random_texts(6000, seed=14)
    read = [(index, f) for index, text in enumerate(texts) for f in read_numbers(text)]
    assert len({index for index, _ in read}) > 500  # numbers of every kind were made and found
    assert {f.kind for _, f in read} == {"id", "mobile", "card"}
    assert [(i, f) for i, t in enumerate(texts) for f in personal_numbers(t)] == read
    assert list(numbers_in_texts(texts)) == read
