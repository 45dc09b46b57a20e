"""Verdicts computed ahead (``grade --jobs N``) are what autograde uses, for every student they fit.

A class has many identical submissions (everyone who left a notebook untouched). Each must find
the verdict computed ahead, not only the first: a missed verdict is graded again one at a time,
which made ``--jobs 2`` slower than ``--jobs 1`` on a class of 40.
"""

import copy
import types

import nbformat
import pytest

from autograder import trusted


def answer_notebook(source: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "answer_one",
                                 "schema_version": 3, "task": False}
    return nbformat.v4.new_notebook(cells=[cell])


def test_identical_submissions_share_the_verdict_computed_ahead(monkeypatch):
    executor = trusted.TrustedExecute()
    plan = types.SimpleNamespace(notebook="week00_x/day01_y", run_seed=7)
    monkeypatch.setattr(executor, "plan_for", lambda week, day: plan)
    monkeypatch.setattr(trusted.TrustedExecute, "_verdicts", {})
    monkeypatch.setattr(trusted, "grade_notebook", lambda *arguments: pytest.fail("graded again one at a time"))
    untouched = answer_notebook("raise NotImplementedError()")
    verdict = trusted.NotebookVerdict(cells={}, answer_outputs={"answer_one": {"ok": False, "output": "",
                                                                               "error": "NotImplementedError"}},
                                      problems=[])
    key = trusted.verdict_key(plan, trusted.answers_of(untouched), executor.limits())
    trusted.TrustedExecute._verdicts[key] = verdict
    resources = {"nbgrader": {"assignment": "week00_x", "notebook": "day01_y"}}
    for _student in range(3):
        graded, _ = executor.preprocess(copy.deepcopy(untouched), resources)
        assert graded.cells[0].outputs, "the answer cell shows what the verdict computed ahead says"
