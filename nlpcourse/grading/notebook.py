"""Read the parts of a course notebook that grading needs.

Cell roles (from nbgrader's metadata and our tags):

- ``setup``: the locked setup cell (tag ``setup``): runs first everywhere;
- ``context``: an instructor cell that answer cells depend on (tag ``grading-context``), for
  example one that loads a data set; it runs before the answers in trusted grading;
- ``answer``: an nbgrader solution cell (the student's code);
- ``test``: an nbgrader autograded test cell (visible asserts, then the hidden block);
- ``other``: everything else (explanations, demos, plots): never run by the grader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
SETUP_TAG = "setup"
CONTEXT_TAG = "grading-context"
GRADED_ROLES = ("setup", "context", "answer", "test")  # the cells grading runs; the rest are skipped


def source_of(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def nbgrader_meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def role(cell: dict) -> str:
    meta = nbgrader_meta(cell)
    tags = cell.get("metadata", {}).get("tags", [])
    if cell.get("cell_type") != "code":
        return "other"
    if SETUP_TAG in tags:
        return "setup"
    if CONTEXT_TAG in tags:
        return "context"
    if meta.get("solution"):
        return "answer"
    if meta.get("grade"):
        return "test"
    return "other"


def grade_id(cell: dict) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def hidden_block(source: str) -> str:
    """The code between the hidden-test markers ('' if there is none)."""
    match = re.search(re.escape(BEGIN_HIDDEN) + r"\n?(.*?)" + re.escape(END_HIDDEN), source, re.S)
    return match.group(1) if match else ""


def visible_part(source: str) -> str:
    """A test cell's source without its hidden block."""
    return re.sub(re.escape(BEGIN_HIDDEN) + r".*?" + re.escape(END_HIDDEN) + r"\n?", "", source, flags=re.S)


def read(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def find_solutions(notebook: str, start: Path | None = None) -> Path | None:
    """Path of ``solutions/<notebook>.ipynb``, searched upwards from ``start`` (default: cwd).

    The environment variable NLPCOURSE_SOLUTIONS, if set, names the solutions folder directly.
    """
    import os

    if os.environ.get("NLPCOURSE_SOLUTIONS"):
        candidate = Path(os.environ["NLPCOURSE_SOLUTIONS"]) / f"{notebook}.ipynb"
        return candidate if candidate.exists() else None
    folder = (start or Path.cwd()).resolve()
    for parent in (folder, *folder.parents):
        candidate = parent / "solutions" / f"{notebook}.ipynb"
        if candidate.exists():
            return candidate
    return None
