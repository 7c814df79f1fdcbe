"""Soft wraps beside Chinese text vanish; English wraps stay spaces; blocks stay blocks."""

from generator.cjk_text import join_wrapped, unwrap_soft_breaks


def test_a_wrap_between_chinese_characters_leaves_no_space() -> None:
    assert (
        unwrap_soft_breaks("共发生困人故障 11 次，\nxx市特种设备")
        == "共发生困人故障 11 次，xx市特种设备"
    )


def test_a_wrap_between_english_words_stays_a_break() -> None:
    assert unwrap_soft_breaks("the lift\nwas old") == "the lift\nwas old"
    assert join_wrapped("the lift", "was old") == "the lift was old"


def test_lists_headings_blank_lines_and_hard_breaks_are_kept() -> None:
    source = "方案如下：\n- 第一步\n- 第二步\n\n## 资金\n预算如下  \n分两期支付"
    assert unwrap_soft_breaks(source) == source


def test_one_line_joins_paragraphs_without_spaces_beside_chinese() -> None:
    from generator.cjk_text import one_line

    assert (
        one_line("电梯已运行 18 年。\n\n方案：整机更换，\n分楼栋施工")
        == "电梯已运行 18 年。方案：整机更换，分楼栋施工"
    )
    assert one_line("  a   b \n c ") == "a b c"
