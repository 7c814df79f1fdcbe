"""Volunteer rosters: real times, real teams, nobody in two places at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator import codes
from generator.diagnostics import Diagnostic
from generator.models import Schedule
from generator.project import Project, Sourced
from generator.shifts import Occurrence, expand_shifts


def shift_time_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.schedules:
        for s, shift in enumerate(item.record.shifts):
            if shift.end <= shift.start:
                yield codes.G602.at(
                    item.span("shifts", s, "end"),
                    f"班次结束时间 {shift.end:%H:%M} 不晚于开始时间 {shift.start:%H:%M}。"
                    '请用 24 小时制，如下午四点半写 "16:30"。',
                )


def team_kind_diagnostics(project: Project) -> Iterator[Diagnostic]:
    for item in project.schedules:
        team = project.organization_by_id.get(item.record.team)
        if team is not None and team.record.kind != "volunteer_team":
            yield codes.G603.at(
                item.span("team"),
                f"「{team.record.name}」不是志愿服务队（kind 是 {team.record.kind}）。"
                "排班要写志愿服务队的编号。",
            )


def double_booking_diagnostics(project: Project) -> Iterator[Diagnostic]:
    by_person_day: dict[tuple[str, object], list[tuple[Occurrence, Sourced[Schedule]]]] = (
        defaultdict(list)
    )
    for item in project.schedules:
        if item.file in project.copies:
            continue  # a second schedule of the team (G107): its shifts are not a second booking
        for occurrence in expand_shifts(item.record):
            for person in occurrence.volunteers:
                by_person_day[person, occurrence.day].append((occurrence, item))
    reported: set[tuple[str, str, int, str, int]] = set()
    for (person, day), booked in sorted(
        by_person_day.items(), key=lambda kv: (str(kv[0][1]), kv[0][0])
    ):
        if len(booked) < 2:
            continue
        booked.sort(key=lambda pair: (pair[0].start, pair[1].file, pair[0].shift_index))
        for i, (first, first_item) in enumerate(booked):
            for second, second_item in booked[i + 1 :]:
                if second.start >= first.end:
                    break
                pair = (
                    person,
                    first_item.file,
                    first.shift_index,
                    second_item.file,
                    second.shift_index,
                )
                if pair in reported:
                    continue
                reported.add(pair)
                yield codes.G601.at(
                    second_item.span("shifts", second.shift_index, "volunteers"),
                    f"{person} 在 {day}（首次冲突）同时被排进"
                    f"「{first.activity}」{first.start:%H:%M}–{first.end:%H:%M}（{first_item.file}）和"
                    f"「{second.activity}」{second.start:%H:%M}–{second.end:%H:%M}。请调整人员或时间。",
                )
