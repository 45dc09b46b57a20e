"""Make nbgrader's Validate run a notebook the way grading runs it.

Grading runs the setup cell, the instructor's context cells, the answer cells and the test cells,
and nothing else (see ``autograder.trusted``): demo cells and any cell a student adds are skipped.
A helper defined in a cell of the student's own would therefore pass a Run All but fail grading.
``nbgrader_config.py`` sets :func:`keep_graded_cells_when_validating` as the ``on_notebook_start``
hook of nbgrader's ``Execute``; while nbgrader validates (``NBGRADER_EXECUTION=validate``, set by
nbgrader's Validator for the Validate button and ``nbgrader validate``) it drops the other code
cells from the copy being executed, so Validate fails in that case too, before the student
submits. (nbgrader's ``Validator.preprocessors`` is not configurable, so the hook is the place.)

What it does not do: run hidden tests (a student's copy has none), change anything while
autograding, or touch the student's file (Validate executes a copy).
"""

from __future__ import annotations

import os

from nlpcourse.grading import notebook as nb


def keep_graded_cells_when_validating(notebook, **_) -> None:
    """nbclient ``on_notebook_start`` hook: while validating, keep only the cells grading runs."""
    if os.environ.get("NBGRADER_EXECUTION") != "validate":
        return
    notebook.cells[:] = [cell for cell in notebook.cells
                         if cell.get("cell_type") != "code" or nb.role(cell) in nb.GRADED_ROLES]
