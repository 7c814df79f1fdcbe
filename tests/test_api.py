"""The public API is declared once, in generator/__init__.py; this pins it."""

import generator


def test_public_api_is_exactly_what_is_declared() -> None:
    assert sorted(generator.__all__) == [
        "CheckResult",
        "Diagnostic",
        "Project",
        "Severity",
        "Sourced",
        "Span",
        "check_project",
        "load_project",
        "record_checksum",
    ]
    for name in generator.__all__:
        assert getattr(generator, name) is not None
