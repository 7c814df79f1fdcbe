"""Open data and feeds, with the page that lists them and says how to check a poster."""

from __future__ import annotations

from generator.chinese_dates import chinese_if_date
from generator.failures import rendering
from generator.models import Matter
from generator.models.matter import STATUS_NAMES
from generator.site.context import SiteContext
from generator.site.feeds import FeedItem, calendar, news_feeds, team_calendar_path
from generator.site.opendata import DATA_DIR, open_data_files
from generator.site.pages import Asset, Page, Section
from generator.site.pages.volunteers import merged_schedules
from generator.site.recent import Disclosure, disclosures
from generator.site_layout import ALL_CALENDAR, VERIFY_FOLDER, section_index
from generator.urls import site_base

INDEX = section_index("data")


def _feed_item(site: SiteContext, site_url: str, disclosure: Disclosure) -> FeedItem:
    """A matter's entry carries its status and its whole summary, sanitized as on its page."""
    record = disclosure.record
    path = disclosure.path.removesuffix(".md").removesuffix("index")
    url = site_url + path + ("/" if not disclosure.path.endswith("index.md") else "")
    summary, markdown = disclosure.summary, ""
    if isinstance(record, Matter):
        summary, markdown = STATUS_NAMES[record.status], record.summary
    title = disclosure.title
    landed = site.landed_corrections(record)
    if landed:
        title = f"【更正】{title}"
        changes = "；".join(
            f"{site.correction_label(record, c.field)}由「{chinese_if_date(c.old)}」"
            f"改为「{chinese_if_date(c.new)}」（{c.reason}）"
            for c in landed
        )
        summary = f"更正：{changes}。{summary}"
    return FeedItem(title, url, summary, disclosure.day, site.checksum(record), markdown)


def section(site: SiteContext) -> Section:
    project = site.project
    config = project.config.record
    files = dict(open_data_files(project, site.title))
    site_url = site_base(config.site.url)
    items = [_feed_item(site, site_url, d) for d in disclosures(site)]
    with rendering("生成订阅（RSS、Atom）"):
        files.update(news_feeds(site.title, site_url, items))
    schedules = merged_schedules(site)
    names = {s.team: site.organization_name(s.team) or s.team for s in schedules}
    stamp = max((d.day for d in disclosures(site)), default=config.established)
    if schedules and stamp is not None:
        with rendering("生成日历", ALL_CALENDAR):
            files[ALL_CALENDAR] = calendar(
                schedules, names, site_url, stamp, f"{config.community.name}志愿服务", site.today
            )
        for schedule in schedules:
            path = team_calendar_path(schedule.team)
            with rendering(
                "生成日历", f"{path}，content/volunteers 里 team: {schedule.team} 的值班表"
            ):
                files[path] = calendar(
                    [schedule],
                    names,
                    site_url,
                    stamp,
                    f"{names[schedule.team]}（{config.community.name}）",
                    site.today,
                )
    tables = [path for path in files if path.startswith(f"{DATA_DIR}/") and path.count("/") == 1]
    page = Page(
        INDEX,
        "data.md.j2",
        "公开数据与核对",
        "下载本站全部公示数据（JSON、CSV），订阅更新，以及如何用校验码核对公示栏上的海报。",
        {
            "tables": sorted(tables),
            "schemas": sorted(p for p in files if "/schemas/" in p),
            "has_calendar": bool(schedules),
            "calendar": ALL_CALENDAR,
            "verify_page": section_index(VERIFY_FOLDER),
            "license_title": config.site.license.full_title(),
            "license_path": config.site.license.full_path(),
            "publisher": site.title,
        },
    )
    return Section(
        pages=[page], assets=[Asset(path, content) for path, content in sorted(files.items())]
    )
