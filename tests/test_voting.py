"""Civil Code art. 278 boundaries, pinned exactly: 以上 includes the boundary, 过半数 does not."""

from __future__ import annotations

import pytest

from generator.models import Vote
from generator.voting import vote_verdict


def make_vote(
    item: int,
    eligible: tuple[int, str],
    participated: tuple[int, str],
    agreed: tuple[int, str],
) -> Vote:
    def tally(pair: tuple[int, str]) -> dict[str, str]:
        return {"owners": str(pair[0]), "area_m2": pair[1]}

    return Vote.model_validate(
        {
            "kind": "special" if item in (6, 7, 8) else "ordinary",
            "item": item,
            "eligible": tally(eligible),
            "participated": tally(participated),
            "agreed": tally(agreed),
            "opposed": tally((0, "0")),
            "abstained": tally((0, "0")),
        }
    )


def test_two_thirds_turnout_exactly_is_enough() -> None:
    vote = make_vote(5, (300, "30000"), (200, "20000"), (150, "15000"))
    assert vote_verdict(vote).turnout_met
    assert vote_verdict(vote).result == "approved"


def test_turnout_one_owner_short_of_two_thirds_is_quorum_not_met() -> None:
    vote = make_vote(5, (300, "30000"), (199, "20000"), (199, "20000"))
    assert vote_verdict(vote).result == "quorum_not_met"


def test_turnout_one_hundredth_of_a_square_metre_short_is_quorum_not_met() -> None:
    vote = make_vote(5, (300, "30000.00"), (250, "19999.99"), (250, "19999.99"))
    assert vote_verdict(vote).result == "quorum_not_met"


def test_exactly_half_agreeing_fails_an_ordinary_vote() -> None:
    vote = make_vote(4, (300, "30000"), (200, "20000"), (100, "10000.01"))
    assert vote_verdict(vote).result == "rejected"


def test_one_more_than_half_passes_an_ordinary_vote() -> None:
    vote = make_vote(4, (300, "30000"), (200, "20000"), (101, "10000.01"))
    assert vote_verdict(vote).result == "approved"


def test_exactly_three_quarters_passes_a_special_vote() -> None:
    vote = make_vote(8, (300, "30000"), (240, "24000"), (180, "18000"))
    assert vote_verdict(vote).result == "approved"


def test_one_short_of_three_quarters_fails_a_special_vote() -> None:
    vote = make_vote(8, (300, "30000"), (240, "24000"), (179, "18000"))
    assert vote_verdict(vote).result == "rejected"


def test_area_and_headcount_are_tested_separately() -> None:
    enough_owners_too_little_area = make_vote(5, (300, "30000"), (200, "20000"), (180, "9000"))
    assert vote_verdict(enough_owners_too_little_area).result == "rejected"


@pytest.mark.parametrize("item", [6, 7, 8])
def test_items_six_to_eight_need_three_quarters(item: int) -> None:
    vote = make_vote(item, (300, "30000"), (200, "20000"), (140, "14000"))
    assert vote_verdict(vote).special
    assert vote_verdict(vote).result == "rejected"


@pytest.mark.parametrize("item", [1, 2, 3, 4, 5, 9])
def test_other_items_need_more_than_half(item: int) -> None:
    vote = make_vote(item, (300, "30000"), (200, "20000"), (140, "14000"))
    assert not vote_verdict(vote).special
    assert vote_verdict(vote).result == "approved"


def test_thirds_are_exact_not_rounded() -> None:
    # 2/3 of 1000.00 is 666.666…: 666.66 is short, 666.67 is enough. Floats blur this.
    short = make_vote(5, (3, "1000.00"), (2, "666.66"), (2, "666.66"))
    enough = make_vote(5, (3, "1000.00"), (2, "666.67"), (2, "666.67"))
    assert vote_verdict(short).result == "quorum_not_met"
    assert vote_verdict(enough).result == "approved"
