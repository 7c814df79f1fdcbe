"""Field types shared by every record: exact money, real dates, ids, times.

The loader hands every scalar over as the text that was typed, so these types
parse text. Errors carry a Chinese message and a type name that `parse.py`
maps to a stable problem code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    GetPydanticSchema,
    PlainSerializer,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AMOUNT = re.compile(r"^-?\d+(\.\d{1,2})?$")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_AREA = re.compile(r"^\d+(\.\d{1,4})?$")
_COUNT = re.compile(r"^\d+$")
_AS_TYPED = re.compile(r"[,，\s\u3000¥￥]|元$|^人民币")
"""What people add to an amount that a record leaves out: separators, spaces, the currency."""
_EXPONENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+%?$")
_LEADING_DIGITS = re.compile(r"^[+-]?(\d*)")

MAX_AMOUNT_DIGITS = 18
"""Integer digits of an amount: far past any community's money (10¹⁸ yuan), and with two
decimals well inside the exact arithmetic of `generator.money`."""
MAX_AREA_DIGITS = 12
MAX_COUNT_DIGITS = 9
MAX_NUMBER_CHARACTERS = 40
"""Longer text is never a number a secretary typed: refuse it before converting anything."""


def check_number_size(text: str, what: str, max_digits: int) -> None:
    """Refuse scientific notation and absurd lengths before any conversion can take long."""
    if len(text) <= min(max_digits, MAX_NUMBER_CHARACTERS) and "e" not in text and "E" not in text:
        return  # nearly every number: too short for too many digits, and no exponent
    if _EXPONENT.match(text):
        raise PydanticCustomError(
            "gongshi_exponent",
            "「{text}」是科学计数法（常见于从 Excel 复制的数字）。{what}请写出完整的数字，不用 e 或 E。",
            {"text": text, "what": what},
        )
    leading = _LEADING_DIGITS.match(text)
    digits = len(leading.group(1)) if leading else 0
    if digits > max_digits or len(text) > MAX_NUMBER_CHARACTERS:
        shown = text if len(text) <= 24 else f"{text[:12]}…{text[-6:]}"
        raise PydanticCustomError(
            "gongshi_number_length",
            "「{shown}」有 {digits} 位，不可能是真实的{what}（整数部分最多 {limit} 位）。"
            "多半是粘贴错了，请核对原始凭证后重写。",
            {"shown": shown, "digits": digits or len(text), "what": what, "limit": max_digits},
        )


FIRST_YEAR, LAST_YEAR = 1949, 2199
"""The years a record's date can fall in, as for holiday_calendar: 9999-12-31 is a typo, and
date arithmetic (a publicity period's end) would overflow on it."""


def _parse_date(value: Any) -> Any:
    parsed = _read_date(value)
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise PydanticCustomError(
            "gongshi_date",
            "「{text}」的年份不对：日期应在 {first} 年到 {last} 年之间，请检查是否多打或少打了数字。",
            {"text": parsed.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return parsed


def _read_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not _DATE.match(text):
        raise PydanticCustomError(
            "gongshi_date",
            "「{text}」不是日期。日期请写成 2026-03-01 这样的格式（年-月-日）。",
            {"text": text},
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "gongshi_date", "「{text}」这一天在日历上不存在，请检查月份和日子。", {"text": text}
        ) from None


def _parse_amount(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):  # never: floats cannot hold 0.10 exactly
        raise TypeError("amounts must never pass through float")
    text = str(value).strip()
    check_number_size(text, "金额", MAX_AMOUNT_DIGITS)
    if not _AMOUNT.match(text):
        hint = "不带“元”、“¥”、逗号或空格，最多两位小数"
        typed = _AS_TYPED.sub("", text)
        if typed != text and _AMOUNT.match(typed):  # `466,056.13`, `¥1200.00 元`: say it as typed
            hint += f"：这里请写 {typed}"
        raise PydanticCustomError(
            "gongshi_amount",
            "「{text}」不是金额。金额请写成 1234.50 这样的数字，{hint}。",
            {"text": text, "hint": hint},
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise PydanticCustomError(
            "gongshi_amount", "「{text}」不是金额。", {"text": text}
        ) from None


def _parse_area(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    check_number_size(text, "面积", MAX_AREA_DIGITS)
    if not _AREA.match(text):
        raise PydanticCustomError(
            "gongshi_amount",
            "「{text}」不是面积。面积请写成 12865.40 这样的平方米数，不带单位。",
            {"text": text},
        )
    return Decimal(text)


def _parse_time(value: Any) -> Any:
    if isinstance(value, time):
        return value
    text = str(value).strip()
    match = _TIME.match(text)
    if not match:
        raise PydanticCustomError(
            "gongshi_time",
            '「{text}」不是时间。请写成 "16:30" 这样的 24 小时制时间（加引号）。',
            {"text": text},
        )
    return time(int(match.group(1)), int(match.group(2)))


def _parse_id(value: Any) -> Any:
    text = str(value).strip()
    if not _ID.match(text):
        raise PydanticCustomError(
            "gongshi_id",
            "编号「{text}」不合格式：只能用小写英文字母、数字和连字符（-），如 lift-renewal-2026。"
            "编号会出现在网址里，所以不用中文。",
            {"text": text},
        )
    return text


def _parse_count(value: Any) -> Any:
    text = str(value).strip()
    check_number_size(text, "整数", MAX_COUNT_DIGITS)
    if not _COUNT.match(text):
        raise PydanticCustomError(
            "gongshi_count", "「{text}」不是整数。请只写数字，如 312。", {"text": text}
        )
    return int(text)


_TRUE = {"true", "yes", "是", "y", "on"}
_FALSE = {"false", "no", "否", "n", "off"}


def _parse_flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise PydanticCustomError(
        "gongshi_flag", "「{text}」不是“是/否”。请写 true（是）或 false（否）。", {"text": text}
    )


def _as_text(value: Any) -> Any:
    """Numbers and words typed into a text field stay exactly as typed."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int | Decimal | date):
        return str(value)
    return value


@dataclass(frozen=True)
class WrittenAs:
    """How a value may be typed in YAML, for the editor's JSON Schema (`generator.schemas`).

    The loader hands every scalar over as text, so `check` takes `1.20` and `"1.20"`
    alike; an editor parses YAML itself and sees a number or a string. The schema
    builds each form's choices from `WRITTEN_PATTERNS`, the very patterns parsed here.
    """

    form: str

    def __get_pydantic_json_schema__(
        self, core_schema: Any, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), WRITTEN_AS: self.form}


WRITTEN_AS = "x-gongshi-written-as"
"""The key `WrittenAs` leaves in a generated schema for `generator.schemas` to replace."""
WRITTEN_PATTERNS: dict[str, str] = {
    "date": _DATE.pattern,
    "amount": _AMOUNT.pattern,
    "area": _AREA.pattern,
    "time": _TIME.pattern,
    "id": _ID.pattern,
    "count": _COUNT.pattern,
}
"""What a quoted value of each form must look like: the parsers' own patterns."""


@dataclass(frozen=True)
class MultiLine:
    """Marks the text fields that may span lines: the Markdown prose of a record."""


Text = Annotated[str, BeforeValidator(_as_text), WrittenAs("text")]
"""One line of text: a name, title, role, place, category, counterparty, list item…
Names and titles become feed titles, calendar values, table cells and headings, where
a line break or a control character breaks the output (rules G120–G122)."""
Prose = Annotated[str, BeforeValidator(_as_text), MultiLine(), WrittenAs("text")]
"""Text that may span lines and is rendered as Markdown (a summary, a note)."""


def is_multi_line(model: type[BaseModel], field_name: str) -> bool:
    """Whether a model's text field is `Prose`; every other text field is one line."""
    field = model.model_fields.get(field_name)
    if field is None:
        return False
    return any(isinstance(m, MultiLine) for m in field.metadata) or _marked(field.annotation)


def _marked(annotation: Any) -> bool:
    """`Prose | None` keeps the marker inside the union's `Annotated` member."""
    if get_origin(annotation) is Annotated:
        return any(isinstance(m, MultiLine) for m in get_args(annotation)[1:])
    return any(_marked(member) for member in get_args(annotation))


IsoDate = Annotated[date, BeforeValidator(_parse_date), WrittenAs("date")]
Yuan = Annotated[
    Decimal,
    BeforeValidator(_parse_amount),
    PlainSerializer(lambda amount: f"{amount:.2f}", return_type=str),
    WrittenAs("amount"),
]
Area = Annotated[
    Decimal,
    BeforeValidator(_parse_area),
    PlainSerializer(lambda area: str(area), return_type=str),
    WrittenAs("area"),
]
ClockTime = Annotated[
    time,
    BeforeValidator(_parse_time),
    PlainSerializer(lambda moment: moment.strftime("%H:%M"), return_type=str),
    WrittenAs("time"),
]
RecordId = Annotated[str, BeforeValidator(_parse_id), WrittenAs("id")]
Count = Annotated[int, BeforeValidator(_parse_count), WrittenAs("count")]
Flag = Annotated[bool, BeforeValidator(_parse_flag), WrittenAs("flag")]
FLAG_WORDS: tuple[frozenset[str], frozenset[str]] = (frozenset(_TRUE), frozenset(_FALSE))
"""The words read as yes and as no, in any letter case."""


class Model(BaseModel):
    """Every record part: unknown keys are reported, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Period(Model):
    start: IsoDate = Field(title="开始日期", description="期间的第一天，如 2026-01-01。")
    end: IsoDate = Field(title="结束日期", description="期间的最后一天（含当天），如 2026-03-31。")


class Contact(Model):
    """How residents reach a body. Mobile numbers must be listed as public in site_config.yml.

    It may also be written as one line of text (`ContactField`), kept and shown as written.
    """

    phone: Text | None = Field(None, title="电话", description="办公电话或对外服务热线。")
    address: Text | None = Field(
        None, title="地址", description="办公地点，如 3 栋一楼党群服务站。"
    )
    hours: Text | None = Field(None, title="办公时间", description="如 工作日 9:00–17:00。")
    email: Text | None = Field(None, title="邮箱", description="对外公开的电子邮箱。")


class Correction(Model):
    """A published figure changed on purpose: what it was, what it is, and why (see G801)."""

    date: IsoDate = Field(title="更正日期", description="作出更正的日期。")
    reason: Text = Field(
        title="更正原因", description="居民看得懂的一句话，如 发票金额录入错误，按原始凭证更正。"
    )
    field: Text = Field(
        title="更正项",
        description="被更正的项，照 gongshi check 的提示填写，如 entries.3.amount（第 3 笔的金额）。",
    )
    old: Text = Field(title="原值", description="更正前公布的值，如 1200.00。")
    new: Text = Field(title="新值", description="更正后的值，如 1020.00。")


def _text_or_parts(value: Any, handler: Any) -> Any:
    return value.strip() if isinstance(value, str) else handler(value)


def text_or(parts: Any) -> GetPydanticSchema:
    """A value written as its parts (`parts`), or said as one line of text, kept as typed.

    Only the parts' own errors are reported for parts (no "or a text" alongside each), the
    JSON Schema offers both, and the parts serialise as before: a record written the usual
    way keeps its canonical JSON, so its 校验码.
    """

    def schema(source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        inner = handler.generate_schema(parts)
        return core_schema.no_info_wrap_validator_function(
            _text_or_parts,
            inner,
            json_schema_input_schema=core_schema.union_schema([inner, core_schema.str_schema()]),
            serialization=core_schema.wrap_serializer_function_ser_schema(
                lambda value, serialize: value if isinstance(value, str) else serialize(value),
                schema=inner,
            ),
        )

    return GetPydanticSchema(schema)


ContactField = Annotated[Contact | str, text_or(Contact)]
"""A contact as its parts, or as one line: `contact: 物业服务中心一楼 0734-1234567`."""

FeeTable = Annotated[dict[str, Yuan] | str, text_or(dict[str, Yuan])]
"""Fees as `项目: 单价` lines, or as one line of text (`fees: 住宅 1.20 元/平方米·月`)."""
