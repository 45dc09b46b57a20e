"""nbgrader's Validate agrees with grading: a helper in a cell of the student's own fails it."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest

from conftest import COURSE, REPO, SOLUTIONS, child_env
from nlpcourse.grading import notebook as nb

WEEK = "week01_text_preprocessing_and_embeddings"
DAY = "day02_preprocessing_regex_edit_distance"


def worked_notebook() -> nbformat.NotebookNode:
    """The released notebook with every reference answer typed in."""
    references = {nb.grade_id(cell): nb.source_of(cell) for cell in nbformat.read(SOLUTIONS / WEEK / f"{DAY}.ipynb", 4).cells
                  if nb.role(cell) == "answer"}
    notebook = nbformat.read(COURSE / WEEK / f"{DAY}.ipynb", 4)
    for cell in notebook.cells:
        if nb.role(cell) == "answer":
            cell.source = references[nb.grade_id(cell)]
    return notebook


def validate(notebook, folder) -> subprocess.CompletedProcess:
    """`nbgrader validate` as a student runs it from the course (its nbgrader_config.py applies)."""
    path = folder / f"{DAY}.ipynb"
    nbformat.write(notebook, path)
    nbgrader = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    return subprocess.run([nbgrader, "validate", str(path)], cwd=REPO, env=child_env(), capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_validate_runs_what_grading_runs(tmp_path):
    honest = validate(worked_notebook(), tmp_path)
    assert "Success! Your notebook passes all the tests." in honest.stdout, honest.stdout + honest.stderr

    notebook = worked_notebook()
    position, answer = next((index, cell) for index, cell in enumerate(notebook.cells) if nb.role(cell) == "answer")
    name = answer.source.split("def ", 1)[1].split("(", 1)[0]
    notebook.cells.insert(position, nbformat.v4.new_code_cell(answer.source.replace(f"def {name}(", f"def _helper_{name}(", 1)))
    answer.source = f"def {name}(*args, **kwargs):\n    return _helper_{name}(*args, **kwargs)\n"
    with_helper_cell = validate(notebook, tmp_path)
    assert "Success!" not in with_helper_cell.stdout
    assert f"_helper_{name}" in with_helper_cell.stdout + with_helper_cell.stderr, \
        "Validate names the helper that grading would not see"
