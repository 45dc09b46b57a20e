"""Every notebook through real `nbgrader autograde` (trusted): stubs score 0, references full marks.

Also checks that the feedback students get shows no hidden-test code.
"""

from __future__ import annotations

import shutil

import pytest

from autograder import feedback
from conftest import COURSE, SOLUTIONS, read_grades, run_autograder, weeks
from nlpcourse.grading import notebook as nb


@pytest.mark.slow
@pytest.mark.parametrize("week", weeks())
def test_stubs_score_zero_and_references_full_marks(week, tmp_path, work):
    submissions = tmp_path / "submissions"
    days = sorted(p.stem for p in (SOLUTIONS / week).glob("day*.ipynb"))
    for student, source in (("stub", COURSE), ("reference", SOLUTIONS)):
        (submissions / student).mkdir(parents=True)
        for day in days:
            shutil.copy(source / week / f"{day}.ipynb", submissions / student / f"{day}.ipynb")

    result = run_autograder(["grade", week, str(submissions)], work)
    assert result.returncode == 0, result.stdout + result.stderr
    grades = read_grades(work, week)
    for day in days:
        stub_score, max_score, stub_problem = grades[("stub", day)]
        ref_score, _, ref_problem = grades[("reference", day)]
        assert max_score > 0
        assert stub_score == 0, f"{day}: the released stub scores {stub_score}"
        assert ref_score == max_score, f"{day}: the reference scores {ref_score}/{max_score}"
        assert not stub_problem and not ref_problem, (stub_problem, ref_problem)

    test_sources = feedback.week_test_sources(week)
    for student in ("stub", "reference"):
        for day in days:
            html = (work / "feedback" / student / week / f"{day}.html").read_text(encoding="utf-8")
            assert feedback.leaks_in(html, test_sources) == [], f"{student}/{day} feedback leaks hidden tests"
            autograded = nb.read(work / "autograded" / student / week / f"{day}.ipynb")
            for cell in autograded["cells"]:
                for output in cell.get("outputs", []) if nb.role(cell) == "test" else []:
                    assert len(output.get("traceback", [])) <= 1, "test cells show a message, not a traceback"
