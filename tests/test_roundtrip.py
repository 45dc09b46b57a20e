"""Every notebook through real `nbgrader autograde` (trusted), one batch per week:

- the released stubs score 0 and the reference answers full marks;
- the answer bank (``tests/answer_bank``): every plausible wrong answer loses points in its own
  exercise, every correct answer written differently gets full marks, even next to a wrong one;
- the feedback students get shows no hidden-test code and no quiz key.

A second test grades the same submissions three times, one at a time and then in parallel, and
requires identical gradebooks.
"""

from __future__ import annotations

import json
import shutil

import pytest

import answer_bank
from autograder import feedback
from conftest import COURSE, SOLUTIONS, cell_scores, read_grades, run_autograder, weeks
from nlpcourse.grading import notebook as nb

NOTEBOOKS = [(week, p.stem) for week in weeks() for p in sorted((SOLUTIONS / week).glob("day*.ipynb"))]


@pytest.mark.parametrize("week, day", NOTEBOOKS, ids=[f"{w}/{d}" for w, d in NOTEBOOKS])
def test_answer_bank_is_complete(week, day):
    assert answer_bank.problems(week, day) == [], f"tests/answer_bank/{week}/{day}.py"


@pytest.mark.parametrize("week, day", NOTEBOOKS, ids=[f"{w}/{d}" for w, d in NOTEBOOKS])
def test_no_bank_answer_repeats_a_hidden_line_of_its_week(week, day):
    """The grader withholds feedback that would show a line of a hidden test (autograder.feedback), and
    feedback shows the answers: a bank answer with such a line fails the round trip below, slowly."""
    hidden = feedback.hidden_lines(feedback.week_test_sources(week))
    bank = answer_bank.load(week, day)
    repeated = [f"{answer_id} ({kind}): {line}" for answer_id, entry in bank.items()
                for kind in ("wrong", "alternative", "denied") for line in hidden if line in entry.get(kind, "")]
    assert not repeated, "bank answers that repeat a hidden line (write them differently):\n" + "\n".join(repeated)


def _write_submissions(folder, week: str, days: list[str]) -> list[str]:
    students = ["stub", "reference"]
    for student, source in (("stub", COURSE), ("reference", SOLUTIONS)):
        (folder / student).mkdir(parents=True)
        for day in days:
            shutil.copy(source / week / f"{day}.ipynb", folder / student / f"{day}.ipynb")
    for variant in answer_bank.VARIANTS:
        variant_days = [day for day in days if variant in answer_bank.variants(week, day)]
        for day in variant_days:
            notebook = answer_bank.submission(week, day, variant)
            (folder / variant).mkdir(parents=True, exist_ok=True)
            (folder / variant / f"{day}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        students += [variant] if variant_days else []
    return students


def _quiz_keys(week: str, day: str) -> list[str]:
    """Lines of the reference quiz answers (``q1 = "b"``), which feedback must never show."""
    keys = []
    for cell in nb.read(SOLUTIONS / week / f"{day}.ipynb")["cells"]:
        if nb.role(cell) == "answer" and "quiz" in (nb.grade_id(cell) or ""):
            keys += [line.strip() for line in nb.source_of(cell).splitlines()
                     if "=" in line and not line.lstrip().startswith("#")]
    return keys


@pytest.mark.slow
@pytest.mark.parametrize("week", weeks())
def test_stubs_zero_references_full_marks_and_the_answer_bank(week, tmp_path, work):
    days = [day for w, day in NOTEBOOKS if w == week]
    submissions = tmp_path / "submissions"
    students = _write_submissions(submissions, week, days)

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

    wrong_verdicts = []
    reference_cells = cell_scores(work, week, "reference")
    for variant in answer_bank.VARIANTS:
        variant_days = [day for day in days if variant in answer_bank.variants(week, day)]
        scores = cell_scores(work, week, variant) if variant_days else {}
        for day in variant_days:
            for test_id, kind in answer_bank.expectations(week, day, variant).items():
                score, full = scores[(day, test_id)], reference_cells[(day, test_id)]
                if kind == "wrong" and not score < full:
                    wrong_verdicts.append(f"{day}/{test_id}: the wrong answer scores {score}/{full}")
                if kind == "alternative" and score != full:
                    wrong_verdicts.append(f"{day}/{test_id}: the alternative answer scores {score}/{full}")
    assert wrong_verdicts == [], "\n".join(wrong_verdicts)

    test_sources = feedback.week_test_sources(week)
    for student in students:
        for day in days:
            if not (work / "feedback" / student / week / f"{day}.html").exists():
                continue  # bank_denied submits only the notebooks that deny a call
            html = (work / "feedback" / student / week / f"{day}.html").read_text(encoding="utf-8")
            assert feedback.leaks_in(html, test_sources) == [], f"{student}/{day} feedback leaks hidden tests"
            autograded = nb.read(work / "autograded" / student / week / f"{day}.ipynb")
            verdict_text = json.dumps([c.get("outputs", []) for c in autograded["cells"] if nb.role(c) == "test"])
            for key in _quiz_keys(week, day):
                assert key not in verdict_text, f"{student}/{day}: feedback shows the quiz key {key!r}"
            for cell in autograded["cells"]:
                for output in cell.get("outputs", []) if nb.role(cell) == "test" else []:
                    assert len(output.get("traceback", [])) <= 1, "test cells show a message, not a traceback"


REGRADE_WEEK = "week01_text_preprocessing_and_embeddings"
REGRADE_DAY = "day02_preprocessing_regex_edit_distance"


def _gradebook_snapshot(work, students: list[str]) -> dict:
    snapshot = {}
    for student in students:
        snapshot[student] = sorted(cell_scores(work, REGRADE_WEEK, student).items())
        autograded = nb.read(work / "autograded" / student / REGRADE_WEEK / f"{REGRADE_DAY}.ipynb")
        snapshot[student + "/verdicts"] = [c.get("outputs") for c in autograded["cells"] if nb.role(c) == "test"]
    return snapshot


@pytest.mark.slow
def test_regrading_the_same_submissions_gives_identical_gradebooks(tmp_path, work):
    submissions = tmp_path / "submissions"
    variants = ("bank_odd", "bank_even")
    for variant in variants:
        (submissions / variant).mkdir(parents=True)
        notebook = answer_bank.submission(REGRADE_WEEK, REGRADE_DAY, variant)
        (submissions / variant / f"{REGRADE_DAY}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    snapshots = []
    for jobs in (1, 2, 3):  # one at a time, then in parallel: the grades must not depend on it
        result = run_autograder(["grade", REGRADE_WEEK, str(submissions), "--jobs", str(jobs)], work)
        assert result.returncode == 0, result.stdout + result.stderr
        assert (f"with {jobs} at once" in result.stdout) == (jobs > 1), result.stdout
        snapshots.append(_gradebook_snapshot(work, list(variants)))
    assert snapshots[0] == snapshots[1] == snapshots[2]
    score, max_score, _ = read_grades(work, REGRADE_WEEK)[("bank_odd", REGRADE_DAY)]
    assert 0 < score < max_score, "the bank's wrong answers lose points, its alternatives keep theirs"
