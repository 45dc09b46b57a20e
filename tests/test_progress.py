"""The student's progress view runs visible tests only, counts what was attempted, and draws a figure."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from conftest import COURSE, SOLUTIONS, child_env
from nlpcourse import progress
from nlpcourse.grading import notebook as nb

WEEK = "week01_text_preprocessing_and_embeddings"
DAY = "day02_preprocessing_regex_edit_distance"
UNTOUCHED_DAY = "day01_nlp_pipeline_overview"


@pytest.fixture
def student_course(tmp_path, monkeypatch):
    """A student's course/ folder: DAY with every reference answer but the first typed in, and an
    untouched day. solutions/ is nowhere near it."""
    for key, value in child_env().items():
        monkeypatch.setenv(key, value)
    folder = tmp_path / "course"
    (folder / WEEK).mkdir(parents=True)
    shutil.copy(COURSE / WEEK / f"{UNTOUCHED_DAY}.ipynb", folder / WEEK)
    references = {nb.grade_id(cell): nb.source_of(cell) for cell in nbformat.read(SOLUTIONS / WEEK / f"{DAY}.ipynb", 4).cells
                  if nb.role(cell) == "answer"}
    notebook = nbformat.read(COURSE / WEEK / f"{DAY}.ipynb", 4)
    answers = [cell for cell in notebook.cells if nb.role(cell) == "answer"]
    for cell in answers[1:]:
        cell.source = references[nb.grade_id(cell)]
    nbformat.write(notebook, folder / WEEK / f"{DAY}.ipynb")
    return folder, len(answers)


@pytest.mark.slow
def test_progress_counts_attempts_and_passing_visible_tests(student_course, tmp_path, capsys):
    folder, n_answers = student_course
    before = (folder / WEEK / f"{DAY}.ipynb").read_bytes()
    figure = tmp_path / "progress.png"
    assert progress.main([str(folder), "--figure", str(figure)]) == 0
    days = {d.day: d for d in progress.course_progress(folder)}

    worked = days[DAY]
    assert (worked.exercises, worked.attempted) == (n_answers, n_answers - 1)
    assert worked.problem == ""
    assert worked.passing == worked.test_cells - 1, "every typed-in reference passes; the stub's test cell fails"
    assert 0 < worked.points_passing < worked.points

    untouched = days[UNTOUCHED_DAY]
    assert (untouched.attempted, untouched.passing, untouched.points_passing) == (0, 0, 0.0)
    assert untouched.points > 0

    assert figure.stat().st_size > 0
    assert (folder / WEEK / f"{DAY}.ipynb").read_bytes() == before, "the student's notebook is never changed"
    printed = capsys.readouterr().out
    assert DAY in printed and "not started" in printed and nb.BEGIN_HIDDEN not in printed



def test_a_wrong_answer_fails_its_visible_test(student_course):
    folder, _ = student_course
    path = folder / WEEK / f"{DAY}.ipynb"
    notebook = nbformat.read(path, 4)
    first = next(cell for cell in notebook.cells if nb.role(cell) == "answer")
    name = first.source.split("def ", 1)[1].split("(", 1)[0]
    first.source = first.source.split("raise NotImplementedError()")[0] + "return None\n"
    assert f"def {name}" in first.source
    nbformat.write(notebook, path)
    worked = progress.day_progress(path)
    assert worked.attempted == worked.exercises
    assert worked.passing == worked.test_cells - 1


def test_an_empty_folder_is_a_clear_error(tmp_path, capsys):
    assert progress.main([str(tmp_path)]) == 2
    assert "no week*/day*.ipynb" in capsys.readouterr().err


def test_a_helper_in_an_extra_cell_fails_here_as_it_fails_in_grading(student_course):
    """Grading runs only the setup, answer and test cells. An answer that calls a helper defined in
    a cell the student added passes a full Run All, but not grading, and not the progress view."""
    folder, _ = student_course
    path = folder / WEEK / f"{DAY}.ipynb"
    notebook = nbformat.read(path, 4)
    position, answer = next((index, cell) for index, cell in enumerate(notebook.cells)
                            if nb.role(cell) == "answer" and progress.STUB_LINE not in cell.source)
    name = answer.source.split("def ", 1)[1].split("(", 1)[0]
    helper = nbformat.v4.new_code_cell(answer.source.replace(f"def {name}(", f"def _my_helper_{name}(", 1))
    answer.source = f"def {name}(*args, **kwargs):\n    return _my_helper_{name}(*args, **kwargs)\n"
    notebook.cells.insert(position, helper)
    nbformat.write(notebook, path)
    before = progress.day_progress(path)
    assert before.passing == before.test_cells - 2, "the exercise whose helper lives in an extra cell fails"
