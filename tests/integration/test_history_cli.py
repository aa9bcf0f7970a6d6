"""`breakwater history` refuses what it cannot show, in one line and exit status 2, before
opening anything (the window itself is tested in tests/ui and tests/e2e)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.app_process import offscreen_app
from tests.integration.cli_helpers import breakwater


@pytest.mark.parametrize(("args", "words"), [
    (["--range", "decade"], "invalid choice"),
    (["--from", "2026-13-01", "--to", "2026-12-01"], "not a date like 2026-11-02"),
    (["--from", "2026-11-01"], "give both --from and --to"),
    (["--from", "2026-11-09", "--to", "2026-11-01"], "--to is before --from"),
    (["--range", "week", "--from", "2026-11-01", "--to", "2026-11-09"], "not both"),
])
def test_bad_ranges_are_one_line_and_exit_2(breakwater_home: Path, args: list[str],
                                            words: str) -> None:
    result = breakwater(breakwater_home, "history", *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_history_is_listed_in_help(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "history", "--help")
    assert result.returncode == 0
    assert "--range {today,week,month,year,all}" in result.stdout


@pytest.mark.parametrize(("first", "last", "words"), [
    ("2999-01-01", "2999-12-31", "starts after today"),
    ("0001-01-01", "1969-12-31", "ends before 1970")])
def test_a_period_with_no_day_to_show_is_one_line_alone_and_in_the_app(
        breakwater_home: Path, first: str, last: str, words: str) -> None:
    # Before, such dates reached the queries and ended in "internal error; see the log".
    alone = breakwater(breakwater_home, "history", "--from", first, "--to", last,
                       QT_QPA_PLATFORM="offscreen")
    assert alone.returncode == 2, (alone.stdout, alone.stderr)
    assert words in alone.stderr and len(alone.stderr.strip().splitlines()) == 1
    with offscreen_app(breakwater_home):
        in_app = breakwater(breakwater_home, "history", "--from", first, "--to", last)
    assert in_app.returncode == 2, (in_app.stdout, in_app.stderr)
    assert words in in_app.stderr and len(in_app.stderr.strip().splitlines()) == 1
    assert "internal error" not in in_app.stderr
