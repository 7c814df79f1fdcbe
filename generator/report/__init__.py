"""The compliance report: `gongshi report` and the site's 公开情况 page.

`compliance_report(project, history)` applies every expectation in
`expectations.EXPECTATIONS` (each naming its legal or model source) and says, for each
thing expected, whether it is published, since when, and what is missing or overdue;
`report_text` lays it out for a terminal, `Report.to_json` for programs.
"""

from generator.report.compliance import Finding, Report, compliance_report
from generator.report.expectations import EXPECTATIONS, STATUS_WORDS, Disclosure, Expectation
from generator.report.text import report_text

__all__ = [
    "EXPECTATIONS",
    "STATUS_WORDS",
    "Disclosure",
    "Expectation",
    "Finding",
    "Report",
    "compliance_report",
    "report_text",
]
