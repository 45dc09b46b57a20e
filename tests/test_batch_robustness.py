"""One grading batch holding every kind of broken or misplaced submission, beside honest students.

The batch must complete; honest students get their marks; each broken file is graded as the stub
with its reason in the grades CSV and the feedback; a file in one student's folder can never
touch another student's record; a structural mistake costs its own exercise only; a regrade that
lowers a grade says so; a wrong quiz answer does not reveal the key; and the exit status is 1
(graded, with problems listed). A file nobody can be named for is reported and skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from conftest import COURSE, SOLUTIONS, cell_scores, read_grades, run_autograder
from nlpcourse.grading import notebook as nb

WEEK = "week01_text_preprocessing_and_embeddings"
DAY = "day02_preprocessing_regex_edit_distance"


def _reference() -> dict:
    return nb.read(SOLUTIONS / WEEK / f"{DAY}.ipynb")


def _with(answers: dict) -> dict:
    notebook = _reference()
    for cell in notebook["cells"]:
        if nb.grade_id(cell) in answers:
            cell["source"] = answers[nb.grade_id(cell)]
    return notebook


def _write(path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content))


def _one_cell(cell: dict) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}


MALFORMED = {  # student -> (file content, words the CSV's problem column must contain)
    "metadata_list": (_one_cell({"cell_type": "code", "metadata": [], "source": "", "outputs": []}), "metadata"),
    "metadata_null": (_one_cell({"cell_type": "code", "metadata": None, "source": "", "outputs": []}), "metadata"),
    "nbgrader_string": (_one_cell({"cell_type": "code", "metadata": {"nbgrader": "solution"}, "source": ""}),
                        "nbgrader metadata"),
    "source_numbers": (_one_cell({"cell_type": "code", "source": [1, 2],
                                  "metadata": {"nbgrader": {"grade_id": "normalize", "solution": True}}}), "source"),
    "deeply_nested": ('{"nbformat": 4, "cells": [], "metadata": ' + "[" * 200_000 + "]" * 200_000 + "}",
                      "nested too deeply"),
    "invalid_json": ("{ this is not a notebook", "invalid JSON"),
}


@pytest.mark.slow
def test_a_batch_with_broken_and_misplaced_submissions_completes_fairly(tmp_path, work):
    baseline = tmp_path / "baseline"
    _write(baseline / "alice" / f"{DAY}.ipynb", _reference())
    _write(baseline / "bob" / f"{DAY}.ipynb", _reference())
    first = run_autograder(["grade", WEEK, str(baseline)], work)
    assert first.returncode == 0, first.stdout + first.stderr
    alice_before = cell_scores(work, WEEK, "alice")
    full = read_grades(work, WEEK)[("alice", DAY)][1]

    batch = tmp_path / "batch"
    _write(batch / "carol" / f"{DAY}.ipynb", _reference())
    # mallory's folder holds a file named after alice: it is mallory's (the stub), alice is untouched
    shutil.copy(COURSE / WEEK / f"{DAY}.ipynb", tmp_path / "stub.ipynb")
    _write(batch / "mallory" / WEEK / f"alice_{DAY}.ipynb", (tmp_path / "stub.ipynb").read_text())
    # bob resubmits a worse notebook: the lowered grade is reported
    _write(batch / "bob" / f"{DAY}.ipynb", (tmp_path / "stub.ipynb").read_text())
    # dave uploaded twice: the later resubmission (-1) is graded, with a warning
    _write(batch / "dave" / f"{DAY}.ipynb", (tmp_path / "stub.ipynb").read_text())
    _write(batch / "dave" / f"{DAY}-1.ipynb", _reference())
    # a notebook at the top with no student name: nobody's, reported, the batch goes on
    _write(batch / f"{DAY}.ipynb", _reference())
    # erin's notebook path is a folder
    (batch / "erin" / f"{DAY}.ipynb").mkdir(parents=True)
    for student, (content, _) in MALFORMED.items():
        _write(batch / student / f"{DAY}.ipynb", content)
    # honest structural mistakes: numbers instead of tokens, a list instead of a dict; a wrong quiz
    _write(batch / "frank" / f"{DAY}.ipynb", _with({
        "regex_tokenize": "def regex_tokenize(text):\n    return [len(word) for word in text.split()]\n",
        "find_patterns": "def find_patterns(text):\n    return [text]\n",
        "quiz": ('predicted_weighted_distance = 3.0\npredicted_wer = 1.5\n'       # the first forgets the cost of 2
                 'measured_weighted_distance = float(levenshtein("kitten", "sitting", sub_cost=2.0)[0])\n'
                 'measured_wer = word_error_rate("hello world", "oh hello there big world")\n')}))

    result = run_autograder(["grade", WEEK, str(batch)], work)
    assert result.returncode == 1, result.stdout + result.stderr  # graded, with problems listed
    grades = read_grades(work, WEEK)

    assert grades[("carol", DAY)][0] == full
    assert cell_scores(work, WEEK, "alice") == alice_before, "a file in mallory's folder changed alice's grades"
    assert grades[("mallory", DAY)][0] == 0
    assert grades[("dave", DAY)][0] == full and f"{DAY}-1.ipynb" in grades[("dave", DAY)][2]
    assert grades[("bob", DAY)][0] == 0 and f"lowered the score from {full:g} to 0" in grades[("bob", DAY)][2]
    assert grades[("erin", DAY)][0] == 0 and "not a file" in grades[("erin", DAY)][2]
    assert f"{DAY}.ipynb" in grades[("?", "*")][2] and "not graded" in grades[("?", "*")][2]
    for student, (_, reason) in MALFORMED.items():
        score, _, problem = grades[(student, DAY)]
        assert score == 0 and reason in problem and "empty submission" in problem, (student, problem)
    feedback = (work / "feedback" / "metadata_list" / WEEK / f"{DAY}.html").read_text(encoding="utf-8")
    assert "A note from the grader" in feedback and "metadata is not a JSON object" in feedback

    frank = cell_scores(work, WEEK, "frank")
    for cell, score in frank.items():
        if cell[0] != DAY:
            continue
        wrong = cell[1] in ("test_regex_tokenize", "test_find_patterns", "test_quiz")
        assert (score < alice_before[cell]) if wrong else (score == alice_before[cell]), (cell, score)
    assert frank[(DAY, "test_quiz")] > 0, "three of four quiz answers are right"
    frank_feedback = (work / "feedback" / "frank" / WEEK / f"{DAY}.html").read_text(encoding="utf-8")
    assert "predicted_weighted_distance: not the right answer" in frank_feedback
    assert "expected" not in frank_feedback.split("predicted_weighted_distance: not")[1][:200]


@pytest.mark.slow
def test_grading_works_from_a_venv_reached_through_a_symlink(tmp_path, work):
    """The sandbox recreates real folders only: a symlinked path to the interpreter once made every
    student fail (and the run still exit 0)."""
    _write(tmp_path / "batch" / "alice" / f"{DAY}.ipynb", _reference())
    linked_venv = tmp_path / "linked-venv"
    os.symlink(sys.prefix, linked_venv)
    result = run_autograder(["grade", WEEK, str(tmp_path / "batch")], work,
                            python=str(linked_venv / "bin" / os.path.basename(sys.executable)))
    assert result.returncode == 0, result.stdout + result.stderr
    grades = read_grades(work, WEEK)
    assert grades[("alice", DAY)][0] == grades[("alice", DAY)][1] > 0
