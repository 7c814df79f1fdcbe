"""The benchmark's synthetic community stays valid, so the speed figures measure a real check."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import write_community
from generator.check import check_project
from tests.conftest import TODAY


def test_one_year_synthetic_community_passes_the_check(run_cli, tmp_path: Path) -> None:
    counts = write_community(tmp_path, years=1, seed=1)
    assert counts["entries"] > 1000 and counts["matters"] == 50 and counts["shifts"] == 300
    result = run_cli("check", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 0, result.output  # warnings (terms ending) may come with time


def test_synthetic_community_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert write_community(first, years=1, seed=7) == write_community(second, years=1, seed=7)
    files = sorted(path.relative_to(first) for path in first.rglob("*.yml"))
    assert files == sorted(path.relative_to(second) for path in second.rglob("*.yml"))
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)


def test_another_seed_is_a_different_valid_community(tmp_path: Path) -> None:
    write_community(tmp_path, years=1, seed=2)
    errors = check_project(tmp_path).errors
    assert errors == [], "\n".join(f"{e.span} {e.code} {e.message}" for e in errors[:5])


def test_long_text_community_passes_and_holds_the_same_figures(tmp_path: Path) -> None:
    standard, long = tmp_path / "standard", tmp_path / "long"
    counts = write_community(standard, years=1, seed=1)
    assert write_community(long, years=1, seed=1, shape="long-text") == counts
    errors = check_project(long).errors
    assert errors == [], "\n".join(f"{e.span} {e.code} {e.message}" for e in errors[:5])
    matter = next((long / "content" / "matters").glob("*.yml")).read_text("utf-8")
    assert matter.count("\n  ## ") == 3  # 事由, 方案, 意见反馈: several paragraphs
    team = (long / "content" / "organizations" / "culture-team.yml").read_text("utf-8")
    assert team.count("role: 队员") == 39
    size = {  # the free text grows: half as much again in all
        name: sum(p.stat().st_size for p in (tmp_path / name).rglob("*.yml"))
        for name in ("standard", "long")
    }
    assert size["long"] > size["standard"] * 1.3
