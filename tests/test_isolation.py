"""A mistake costs points in its own exercise only (trusted grading, real sandbox).

A small notebook: ``double`` (exercise 1), ``quadruple`` that calls ``double`` (exercise 2) and
an unrelated ``negate`` (exercise 3). A wrong ``double`` must not cost ``quadruple`` anything, a
wrong ``quadruple`` must still lose its points, and the second run, which holds the reference
``double``, must not let the student see it.
"""

from __future__ import annotations

import json

import pytest

from autograder import paths, sandbox, trusted

WEEK, DAY = "week00_isolation", "day01_chain"
HIDDEN = ("### BEGIN HIDDEN TESTS\nimport numpy as np\nfrom nlpcourse.grading import check_function, close\n"
          "check_function({name!r}, cases=[([1.0, 2.0],), ([0.0],)], generate=lambda rng: (rng.normal(size=4),), "
          "n_random=6, compare=close())\n### END HIDDEN TESTS\n")
REFERENCE = {
    "double": "def double(x):\n    return np.asarray(x, dtype=float) * 2\n",
    "quadruple": "def quadruple(x):\n    return double(double(x))\n",
    "negate": "def negate(x):\n    return -np.asarray(x, dtype=float)\n",
}


def _cell(cell_type, source, **meta):
    cell = {"cell_type": cell_type, "id": meta.pop("id"), "metadata": meta, "source": source}
    if cell_type == "code":
        cell.update(outputs=[], execution_count=None)
    return cell


def _notebook(answers: dict) -> dict:
    cells = [_cell("code", "import numpy as np\n", id="setup", tags=["setup"])]
    for name, source in answers.items():
        cells.append(_cell("code", source, id=name, nbgrader={"grade_id": name, "solution": True, "grade": False,
                                                                "locked": False, "schema_version": 3}))
        cells.append(_cell("code", "assert True\n" + HIDDEN.format(name=name), id=f"test_{name}",
                           nbgrader={"grade_id": f"test_{name}", "grade": True, "solution": False, "locked": True,
                                     "points": 2, "schema_version": 3}))
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for folder, answers in (("solutions", REFERENCE),
                            ("course", {k: v.split(":\n")[0] + ":\n    raise NotImplementedError()\n"
                                        for k, v in REFERENCE.items()})):
        (root / folder / WEEK).mkdir(parents=True)
        (root / folder / WEEK / f"{DAY}.ipynb").write_text(json.dumps(_notebook(answers)))
    patch = pytest.MonkeyPatch()
    patch.setattr(paths, "SOLUTIONS", root / "solutions")
    patch.setattr(paths, "COURSE", root / "course")
    try:
        yield trusted.Plan.build(WEEK, DAY, run_seed=3, limits=sandbox.Limits(wall_seconds=120))
    finally:
        patch.undo()


def _grade(plan, **answers):
    return trusted.grade_notebook(plan, dict(REFERENCE, **answers), sandbox.Limits(wall_seconds=120)).cells


WRONG_DOUBLE = "def double(x):\n    return np.asarray(x, dtype=float) * 3\n"


def test_a_wrong_dependency_costs_points_only_in_its_own_exercise(plan):
    cells = _grade(plan, double=WRONG_DOUBLE)
    assert cells["test_double"].fraction < 1
    assert cells["test_quadruple"].fraction == 1.0
    assert "graded again with the reference versions" in "\n".join(cells["test_quadruple"].messages)
    assert "double" in cells["test_quadruple"].messages[0]
    assert cells["test_negate"].fraction == 1.0


def test_a_wrong_answer_on_top_of_a_wrong_dependency_still_loses_its_points(plan):
    cells = _grade(plan, double=WRONG_DOUBLE, quadruple="def quadruple(x):\n    return double(x) * 3\n")
    assert cells["test_double"].fraction < 1 and cells["test_quadruple"].fraction < 1


def test_the_students_own_helpers_stay_defined_in_the_second_run(plan):
    double_with_helper = "def as_floats(x):\n    return np.asarray(x, dtype=float)\n" + WRONG_DOUBLE
    cells = _grade(plan, double=double_with_helper, quadruple="def quadruple(x):\n    return double(double(as_floats(x)))\n")
    assert cells["test_double"].fraction < 1 and cells["test_quadruple"].fraction == 1.0


def test_the_second_run_shows_nothing_the_student_code_returns_or_prints(plan):
    leak = ("import inspect\nprint(open('job.json').read())\n"
            "def quadruple(x):\n    print(inspect.getsource(double))\n    return inspect.getsource(double)\n")
    verdict = trusted.grade_notebook(plan, dict(REFERENCE, double=WRONG_DOUBLE, quadruple=leak),
                                     sandbox.Limits(wall_seconds=120))
    text = json.dumps([cell.messages for cell in verdict.cells.values()]) + json.dumps(verdict.answer_outputs)
    assert "dtype=float) * 2" not in text, "the reference double reached the student's feedback"
    assert verdict.cells["test_quadruple"].fraction == 0.0


def test_an_untouched_stub_is_not_graded_twice(plan):
    stub = "def quadruple(x):\n    raise NotImplementedError()\n"
    assert trusted._cells_to_isolate(plan, dict(REFERENCE, double=WRONG_DOUBLE, quadruple=stub),
                                     {"test_double": trusted.CellVerdict("test_double", 0.5, []),
                                      "test_quadruple": trusted.CellVerdict("test_quadruple", 0.0, [])}) == {}


def test_modifying_an_input_costs_half_in_trusted_grading(plan):
    in_place = "def negate(x):\n    x[:] = [-v for v in x]\n    return -np.asarray(x, dtype=float) * -1\n"
    cells = _grade(plan, negate=in_place)
    # Negating [0.0] leaves it equal (-0.0 == 0.0): edge cases 1.5/2, generated inputs 6 x 0.5 / 6.
    assert cells["test_negate"].fraction == pytest.approx(0.5 * 0.75 + 0.5 * 0.5)
    assert "modified argument 1" in "\n".join(cells["test_negate"].messages)
