"""A volunteer team's duty schedule: one-off shifts and weekly recurring ones."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.common import ClockTime, Correction, IsoDate, Model, RecordId, Text


class Shift(Model):
    """Either one `date`, or `weekdays` repeated `from` … `until` minus the `except` days."""

    date: IsoDate | None = Field(None, title="日期", description="一次性活动的日期。")
    weekdays: tuple[Annotated[int, Field(ge=1, le=7)], ...] = Field(
        (), title="每周几", description="每周重复的星期，1 为周一，7 为周日，如 [1, 3, 5]。"
    )
    from_: IsoDate | None = Field(
        None, alias="from", title="起始日期", description="每周重复从哪天开始。"
    )
    until: IsoDate | None = Field(
        None, title="截止日期", description="每周重复到哪天为止（含当天）。"
    )
    except_: tuple[IsoDate, ...] = Field(
        (), alias="except", title="除外日期", description="不开展活动的日期，如节假日。"
    )
    start: ClockTime = Field(title="开始时间", description='24 小时制，如 "16:30"。')
    end: ClockTime = Field(title="结束时间", description='24 小时制，如 "18:00"。')
    activity: Text = Field(title="活动", description="如 四点半课堂、楼道清理。")
    location: Text = Field(title="地点", description="如 党群服务站二楼。")
    volunteers: tuple[Text, ...] = Field((), title="志愿者", description="值班志愿者的姓名。")

    @model_validator(mode="after")
    def _one_kind_of_shift(self) -> Shift:
        recurring = bool(self.weekdays) or self.from_ is not None or self.until is not None
        if self.date is not None and recurring:
            raise PydanticCustomError(
                "gongshi_shift",
                "一个班次要么写 date（一次性），要么写 weekdays/from/until（每周重复），不能两样都写。",
            )
        if self.date is None and not (self.weekdays and self.from_ and self.until):
            raise PydanticCustomError(
                "gongshi_shift",
                "班次缺少日期：一次性活动写 date；每周重复的写 weekdays、from 和 until 三项。",
            )
        return self


class Schedule(Model):
    team: RecordId = Field(
        title="队伍", description="志愿服务队的 id（organizations 中 kind 为 volunteer_team）。"
    )
    shifts: tuple[Shift, ...] = Field((), title="班次", description="一次性活动或每周重复的班次。")
    corrections: tuple[Correction, ...] = Field(
        (), title="更正记录", description="已公布的数字、日期、人员等被改动时，每次改动写一条。"
    )
