"""The student's notebook, with the reference answers typed in, passes its visible tests the way
Validate, the progress view and the grader run them: only the graded cells.

The instructor's ``solutions/`` notebooks are executed top to bottom by nbval: ``pytest
--nbval-lax --nbval-current-env solutions`` (part of ``make test``), with the checks of
tests/notebook_execution.py; the demonstration cells are the same in the student's copy. Here:
the ``course/`` notebook with the reference answers in its answer cells, reduced to its setup,
grading-context, answer and test cells (``nb.GRADED_ROLES``), must pass every visible test without
anything from ``solutions/`` being reachable and without the demonstration cells (a visible test
that leans on a variable made in a demo cell fails when a student clicks Validate on correct
work), and write nothing to stderr (nbgrader would score such a test cell 0). Seconds per notebook
are written to test-artifacts/notebook-times.tsv (budgets are measured by `make bench`, not
asserted).
"""

from __future__ import annotations

import shutil
import time

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ARTIFACTS, COURSE, notebook_id, solution_notebooks, child_env
from nlpcourse.grading import notebook as nb

EXECUTION_TIMEOUT = 600  # per cell; generous because CI machines are shared


def execute(notebook, folder, monkeypatch) -> float:
    for key, value in child_env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("NLPCOURSE_SOLUTIONS", raising=False)
    client = NotebookClient(notebook, timeout=EXECUTION_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    started = time.perf_counter()
    client.execute()
    return time.perf_counter() - started


def stderr_outputs(notebook) -> list[str]:
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"cell {index}: {output.get('text', '')[:300]}")
    return found


def record_time(label: str, seconds: float) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "notebook-times.tsv", "a", encoding="utf-8") as handle:
        handle.write(f"{label}\t{seconds:.1f}\n")


@pytest.mark.slow
@pytest.mark.parametrize("path", solution_notebooks(), ids=notebook_id)
def test_graded_cells_of_the_student_notebook_pass_with_the_reference_answers(path, monkeypatch, tmp_path):
    released = nbformat.read(COURSE / path.parent.name / path.name, as_version=4)
    references = {nb.grade_id(c): c.source for c in nbformat.read(path, as_version=4).cells if nb.role(c) == "answer"}
    for cell in released.cells:
        if nb.role(cell) == "answer":
            assert "raise NotImplementedError()" in cell.source, f"{nb.grade_id(cell)} is stubbed in course/"
            cell.source = references[nb.grade_id(cell)]
        if nb.role(cell) == "test":
            assert nb.BEGIN_HIDDEN not in cell.source, "hidden tests removed from course/"
    graded = nbformat.v4.new_notebook(cells=[c for c in released.cells if nb.role(c) in nb.GRADED_ROLES],
                                      metadata=released.metadata)
    # A student's machine: the notebook folder alone, no solutions/ anywhere above it.
    folder = tmp_path / path.parent.name
    shutil.copytree(COURSE / path.parent.name, folder)
    seconds = execute(graded, folder, monkeypatch)
    record_time(f"course/{notebook_id(path)} (graded cells, reference answers)", seconds)
    assert stderr_outputs(graded) == []
