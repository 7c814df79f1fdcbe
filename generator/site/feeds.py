"""Feeds residents subscribe to: RSS/Atom of changed disclosures, iCal of volunteer duty.

Every date in a feed comes from the records or their history, never from the
clock, so rebuilding the same commit writes the same bytes.

Feed readers show an entry's description as HTML, so it is the same sanitized HTML
the pages carry (`sanitized_html`), never record text as typed. Titles and calendar
values are one plain line: feedgen and icalendar escape XML and iCal syntax, and
`plain_line` removes what neither can escape (line breaks in a calendar name,
control characters that are not XML).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, vRecur

from generator.chinese_dates import chinese_date
from generator.models import Schedule, Shift
from generator.shifts import shift_days
from generator.site.escaping import plain_line, sanitized_html, xml_safe
from generator.site_layout import team_calendar

CHINA = ZoneInfo("Asia/Shanghai")
RSS, ATOM = "feed.xml", "atom.xml"
FEED_TYPES = {RSS: "application/rss+xml", ATOM: "application/atom+xml"}
FEED_SIZE = 50
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def team_calendar_path(team: str) -> str:
    return team_calendar(team)


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone(timedelta(hours=8)))


class FeedItem:
    """One record as a feed entry; a new 校验码 makes a new guid, so readers see the change.

    `summary` is one line of plain text; `markdown`, when the record has a Markdown field
    (a matter's summary), is shown after it, sanitized as on the record's page.
    """

    def __init__(
        self, title: str, url: str, summary: str, day: date, checksum: str, markdown: str = ""
    ) -> None:
        self.title, self.url, self.summary, self.day, self.checksum, self.markdown = (
            title,
            url,
            summary,
            day,
            checksum,
            markdown,
        )

    def description_html(self) -> str:
        """What a feed reader renders: the day as a notice writes it (a reader shows the
        feed's own date in its own language), the escaped text, then the Markdown as the
        page shows it."""
        line = f"{chinese_date(self.day)}：{plain_line(self.summary)}"
        text = f"<p>{html.escape(line, quote=False)}</p>"
        body = sanitized_html(self.markdown) if self.markdown.strip() else ""
        return xml_safe(text + ("\n" + body if body else ""))


def news_feeds(site_title: str, site_url: str, items: list[FeedItem]) -> dict[str, bytes]:
    """RSS 2.0 and Atom of the most recently changed records, newest first.

    Atom says a title is plain text, but RSS leaves it open and many readers render
    an RSS title as HTML, so the RSS feed carries its titles HTML-escaped as well.
    """
    rss = _feed(site_title, site_url, RSS, items, lambda text: html.escape(text, quote=False))
    atom = _feed(site_title, site_url, ATOM, items, lambda text: text)
    return {RSS: rss.rss_str(pretty=True), ATOM: atom.atom_str(pretty=True)}


def _feed(
    site_title: str,
    site_url: str,
    own_file: str,
    items: list[FeedItem],
    as_text: Callable[[str], str],
) -> FeedGenerator:
    newest = sorted(items, key=lambda item: (item.day, item.url), reverse=True)[:FEED_SIZE]
    base = site_url.rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(base)
    site_title = plain_line(site_title)
    feed.title(as_text(site_title))
    feed.subtitle(as_text(f"{site_title}：新增和修改的公示"))
    feed.description(as_text(f"{site_title}：新增和修改的公示"))
    # feedgen gives RSS's channel <link> the last link set: the site's home, set after
    # the feed's own address (its rel="self", in RSS as <atom:link>)
    feed.link(href=base + own_file, rel="self", type=FEED_TYPES[own_file])
    feed.link(href=base, rel="alternate")
    feed.language("zh-CN")
    stamp = _moment(newest[0].day) if newest else _moment(date(2000, 1, 1))
    feed.updated(stamp)
    feed.lastBuildDate(stamp)
    for item in reversed(newest):
        entry = feed.add_entry()
        guid = f"{item.url}#{item.checksum}"
        entry.id(guid)
        entry.guid(guid, permalink=False)
        entry.title(as_text(plain_line(item.title)))
        entry.link(href=item.url)
        entry.content(item.description_html(), type="html")
        entry.updated(_moment(item.day))
        entry.published(_moment(item.day))
    return feed


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
    cal.add("x-wr-calname", plain_line(title))
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
    event.add("summary", plain_line(f"{shift.activity}（{team_name}）"))
    event.add("location", plain_line(shift.location))
    if shift.volunteers:
        event.add("description", "志愿者：" + "、".join(plain_line(v) for v in shift.volunteers))
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
