"""Surveys and self-assessments: each question's answers as a chart, small counts hidden."""

from __future__ import annotations

from generator.aggregates import shown_count, survey_results
from generator.models import Survey
from generator.models.survey import SURVEY_KIND_NAMES
from generator.site.charts import survey_chart
from generator.site.context import SiteContext, page_file
from generator.site.pages import Asset, Page, Section
from generator.site_layout import section_index
from generator.site_layout import survey_chart as survey_chart_path

INDEX = section_index("surveys")


def section(site: SiteContext) -> Section:
    min_size = site.project.config.record.rules.min_group_size
    surveys = sorted(
        (item.record for item in site.project.surveys),
        key=lambda s: (s.period.end, s.id),
        reverse=True,
    )
    result = Section()
    rows = [
        {
            "survey": survey,
            "path": page_file(survey),
            "kind": SURVEY_KIND_NAMES[survey.kind],
            "by": site.organization_name(survey.conducted_by) or survey.conducted_by,
        }
        for survey in surveys
    ]
    result.pages.append(
        Page(
            INDEX,
            "surveys.md.j2",
            "调查与评估",
            f"{site.project.config.record.community.name}的居民调查问卷和试点工作自查评估："
            "每道题的回答人数和比例。",
            {"rows": rows, "min_size": min_size},
        )
    )
    for survey in surveys:
        result.pages.append(_survey_page(survey, site, result, min_size))
    return result


def _survey_page(survey: Survey, site: SiteContext, result: Section, min_size: int) -> Page:
    questions = []
    for question in survey_results(survey, min_size):
        chart = survey_chart_path(survey.id, question.number)
        label = f"第 {question.number} 题（{question.kind_words}）"
        result.assets.append(
            Asset(chart, survey_chart(question, survey.responses, label).encode("utf-8"))
        )
        questions.append({"result": question, "chart": chart})
    organization = site.project.organization_by_id.get(survey.conducted_by)
    return Page(
        page_file(survey),
        "survey.md.j2",
        survey.title,
        f"{SURVEY_KIND_NAMES[survey.kind]}：发放 {survey.distributed} 份，"
        f"回收 {survey.responses} 份，{len(survey.questions)} 道题的结果。",
        {
            "survey": survey,
            "record": survey,
            "kind": SURVEY_KIND_NAMES[survey.kind],
            "by": (organization.record.name, page_file(organization.record))
            if organization
            else (survey.conducted_by, None),
            "questions": questions,
            "responses": shown_count("回收", survey.responses, min_size),
            "rate": f"{survey.responses * 100 // survey.distributed}%"
            if survey.distributed
            else "",
            "min_size": min_size,
        },
    )
