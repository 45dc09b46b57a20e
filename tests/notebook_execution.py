"""What the suite adds to nbval when it executes the solution notebooks (`pytest --nbval-lax solutions`).

nbval runs a notebook in a fresh kernel, one pytest item per code cell, and fails the first cell
that raises; with ``--nbval-lax`` it does not compare outputs (ours change with every run: timings,
figures). This plugin (loaded with ``-p notebook_execution``, see pyproject.toml) adds what nbval
cannot do by itself:

- the kernel starts offline and small, as a student's would without a network: the environment of
  :func:`conftest.child_env`, and no ``NLPCOURSE_SOLUTIONS`` pointing at the reference answers;
- every cell is marked ``slow`` like the other tests that execute notebooks (``-m "not slow"`` skips them);
- a cell that writes to stderr fails: nbgrader scores such a test cell 0, so no cell may do it;
- the seconds each notebook took (kernel start included) are summed over its cells, printed after
  the run (slowest first) and appended to test-artifacts/notebook-times.tsv.

What it does not do: anything for items that are not nbval cells, or execute the student copies
(tests/test_notebooks.py runs their graded cells, with the reference answers typed into ``course/``). The cells of
one notebook share a kernel, so under xdist they must stay on one worker: run nbval with
``--dist loadfile`` (``--dist loadgroup`` cannot group them: with pytest 9, xdist 3.8's group
suffix on node ids is lost, so loadgroup schedules like ``load``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _is_notebook_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def pytest_itemcollected(item):
    if _is_notebook_cell(item):
        item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """The kernel is started while the notebook's first cell is set up: give it the offline
    environment, then put the test process's own environment back."""
    if not _is_notebook_cell(item):
        yield
        return
    from conftest import child_env

    saved = dict(os.environ)
    os.environ.update(child_env())
    os.environ.pop("NLPCOURSE_SOLUTIONS", None)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    outcome = yield
    if not _is_notebook_cell(item) or outcome.excinfo is not None:
        return
    written = [output.get("text", "") for output in (item.test_outputs or [])
               if output.get("output_type") == "stream" and output.get("name") == "stderr"]
    if written:
        outcome.force_exception(AssertionError(
            f"the cell wrote to stderr (nbgrader scores such a test cell 0): {''.join(written)[:500]!r}"))


_seconds = defaultdict(float)


def pytest_runtest_logreport(report):
    """Runs in the controller for every worker's report: add up each notebook's cells."""
    if report.nodeid.endswith(".ipynb") or ".ipynb::" in report.nodeid:
        notebook = report.nodeid.split("::")[0]
        _seconds[notebook] += report.duration


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workerinput") or not _seconds:
        return
    terminalreporter.write_sep("=", "seconds per executed notebook (nbval; kernel start included)")
    for notebook, seconds in sorted(_seconds.items(), key=lambda pair: -pair[1])[:15]:
        terminalreporter.write_line(f"{seconds:7.1f}  {notebook}")


def pytest_sessionfinish(session):
    if hasattr(session.config, "workerinput") or not _seconds:   # an xdist worker, or no notebook ran
        return
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "notebook-times.tsv", "a", encoding="utf-8") as handle:
        for notebook, seconds in sorted(_seconds.items()):
            handle.write(f"{notebook.removesuffix('.ipynb')}\t{seconds:.1f}\n")

