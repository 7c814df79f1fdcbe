"""Feeds residents subscribe to: RSS/Atom of changed disclosures, iCal of volunteer duty.

Every date in a feed comes from the records or their history, never from the
clock, so rebuilding the same commit writes the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, vRecur

from generator.models import Schedule, Shift
from generator.shifts import shift_days

CHINA = ZoneInfo("Asia/Shanghai")
ALL_CALENDAR = "volunteers/all.ics"
RSS, ATOM = "feed.xml", "atom.xml"
FEED_SIZE = 50
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def team_calendar_path(team: str) -> str:
    return f"volunteers/{team}.ics"


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone(timedelta(hours=8)))


class FeedItem:
    """One record as a feed entry; a new 校验码 makes a new guid, so readers see the change."""

    def __init__(self, title: str, url: str, summary: str, day: date, checksum: str) -> None:
        self.title, self.url, self.summary, self.day, self.checksum = (
            title,
            url,
            summary,
            day,
            checksum,
        )


def news_feeds(site_title: str, site_url: str, items: list[FeedItem]) -> dict[str, bytes]:
    """RSS 2.0 and Atom of the most recently changed records, newest first."""
    newest = sorted(items, key=lambda item: (item.day, item.url), reverse=True)[:FEED_SIZE]
    base = site_url.rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(base)
    feed.title(site_title)
    feed.subtitle(f"{site_title}：新增和修改的公示")
    feed.description(f"{site_title}：新增和修改的公示")
    feed.link(href=base, rel="alternate")
    feed.link(href=base + ATOM, rel="self")
    feed.language("zh-CN")
    stamp = _moment(newest[0].day) if newest else _moment(date(2000, 1, 1))
    feed.updated(stamp)
    feed.lastBuildDate(stamp)
    for item in reversed(newest):
        entry = feed.add_entry()
        guid = f"{item.url}#{item.checksum}"
        entry.id(guid)
        entry.guid(guid, permalink=False)
        entry.title(item.title)
        entry.link(href=item.url)
        entry.description(item.summary)
        entry.updated(_moment(item.day))
        entry.published(_moment(item.day))
    return {RSS: feed.rss_str(pretty=True), ATOM: feed.atom_str(pretty=True)}


CALENDAR_PAST_DAYS = 90
"""A subscription is for what is coming: shifts that ended longer ago stay in the open data."""


def last_day(shift: Shift) -> date | None:
    return shift.date if shift.date is not None else shift.until


def calendar(
    schedules: list[Schedule],
    names: dict[str, str],
    site_url: str,
    stamp: date,
    title: str,
    today: date,
) -> bytes:
    """An iCal file: weekly shifts stay one event with a rule, not thousands of copies."""
    since = today - timedelta(days=CALENDAR_PAST_DAYS)
    host = urlsplit(site_url).hostname or "gongshi"
    cal = Calendar()
    cal.add("prodid", "-//Gongshi//小区公示//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for schedule in schedules:
        for index, shift in enumerate(schedule.shifts):
            end = last_day(shift)
            if end is None or end < since:
                continue
            event = _event(
                schedule.team, index, shift, names.get(schedule.team, schedule.team), host, stamp
            )
            if event is not None:
                cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _event(
    team: str, index: int, shift: Shift, team_name: str, host: str, stamp: date
) -> Event | None:
    first = next(iter(shift_days(shift)), None)
    if first is None:
        return None
    event = Event()
    event.add("uid", f"{team}-{index}@{host}")
    event.add("dtstamp", datetime.combine(stamp, time(0, 0), tzinfo=UTC))
    event.add("summary", f"{shift.activity}（{team_name}）")
    event.add("location", shift.location)
    if shift.volunteers:
        event.add("description", "志愿者：" + "、".join(shift.volunteers))
    event.add("dtstart", datetime.combine(first, shift.start, tzinfo=CHINA))
    event.add("dtend", datetime.combine(first, shift.end, tzinfo=CHINA))
    if shift.date is None and shift.until is not None:
        last = datetime.combine(shift.until, time(23, 59, 59), tzinfo=CHINA).astimezone(UTC)
        event.add(
            "rrule",
            vRecur(
                freq="WEEKLY", byday=[ICAL_DAYS[d - 1] for d in sorted(shift.weekdays)], until=last
            ),
        )
        for skipped in sorted(shift.except_):
            event.add("exdate", datetime.combine(skipped, shift.start, tzinfo=CHINA))
    return event
