"""A survey's or self-assessment's results for the board: each question's answers as bars."""

from __future__ import annotations

from markupsafe import Markup

from generator.aggregates import shown_count, survey_results
from generator.models import Survey
from generator.models.survey import SURVEY_KIND_NAMES
from generator.posters.environment import render_template
from generator.posters.frame import PageSize, body_named, contact_words, make_frame
from generator.posters.text_blocks import summary_blocks
from generator.project import Project


def render_survey_poster(project: Project, survey: Survey, size: PageSize) -> str:
    body = body_named(project, survey.conducted_by)
    issuer = body.name if body else survey.conducted_by
    contact = contact_words(body.contact) if body else Markup("")
    min_size = project.config.record.rules.min_group_size
    frame = make_frame(
        project,
        survey,
        size,
        kind_label=f"{SURVEY_KIND_NAMES[survey.kind]}结果公示",
        title=survey.title,
        issuer=issuer,
        issued=project.today,
        feedback=[
            Markup("对调查结果有意见，请联系{}：{}。").format(issuer, contact) if contact else ""
        ],
    )
    return render_template(
        "survey.html.j2",
        frame=frame,
        survey=survey,
        responses=shown_count("回收", survey.responses, min_size),
        questions=survey_results(survey, min_size),
        min_size=min_size,
        blocks=summary_blocks(survey.summary or ""),
    )
