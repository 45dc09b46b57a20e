"""Metadata lint for every notebook: what nbgrader, the grader and students rely on."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from autograder import headers
from conftest import COURSE, REPO, SOLUTIONS, notebook_id, solution_notebooks
from nlpcourse.grading import checks
from nlpcourse.grading import notebook as nb

NOTEBOOKS = solution_notebooks()
NAME = re.compile(r"^week\d\d_[a-z0-9_]+/day\d\d_[a-z0-9_]+$")


def test_there_are_notebooks():
    assert NOTEBOOKS, "solutions/ holds no day notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_notebook_metadata(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    week, day = path.parent.name, path.stem
    assert NAME.match(f"{week}/{day}"), "folder and file names follow the course map"
    assert headers.check(notebook, week, day) == [], "run `python -m autograder release` to regenerate headers"

    cells = notebook.cells
    code_cells = [c for c in cells if c.cell_type == "code"]
    assert nb.role(code_cells[0]) == "setup", "the first code cell is the setup cell"
    grade_ids = [nb.grade_id(c) for c in cells if nb.grade_id(c)]
    assert len(grade_ids) == len(set(grade_ids)), f"duplicate grade ids: {grade_ids}"
    cell_ids = [c.get("id") for c in cells]
    assert None not in cell_ids and len(cell_ids) == len(set(cell_ids)), "every cell has a unique id"

    answers = [c for c in cells if nb.role(c) == "answer"]
    tests = [c for c in cells if nb.role(c) == "test"]
    assert len(tests) >= 3, "at least three graded exercises"
    answer_text = "\n".join(c.source for c in answers)
    for cell in answers:
        assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source, nb.grade_id(cell)
    for cell in tests:
        meta = nb.nbgrader_meta(cell)
        assert meta.get("points", 0) > 0 and meta.get("locked"), f"{meta.get('grade_id')}: points and locked"
        hidden = nb.hidden_block(cell.source)
        assert hidden.strip(), f"{meta['grade_id']}: has a hidden block"
        assert nb.visible_part(cell.source).strip(), f"{meta['grade_id']}: has visible tests"
        with checks.collecting() as collected:
            exec(compile(hidden, meta["grade_id"], "exec"), {"__name__": "__hidden__"})
        assert collected, f"{meta['grade_id']}: the hidden block declares at least one check"
        for check in collected:
            assert check.requests(run_seed=1), f"{meta['grade_id']}: {check.name} makes inputs"
            assert re.search(rf"\b{re.escape(check.name)}\b", answer_text), \
                f"{meta['grade_id']}: checks {check.name!r}, which no answer cell defines"


@pytest.mark.parametrize("folder", [SOLUTIONS, COURSE], ids=["solutions", "course"])
def test_committed_notebooks_have_no_outputs(folder):
    for path in sorted(folder.glob("week*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name} carries outputs"


def test_every_notebook_is_on_the_course_map():
    course_map = REPO.parent / "shared" / "COURSE_MAP.md"
    if not course_map.exists():
        pytest.skip("shared/COURSE_MAP.md is not beside this checkout")
    text = course_map.read_text()
    for path in NOTEBOOKS:
        assert f"## {path.parent.name}" in text, f"{path.parent.name} is not a week of the course map"
        assert f"`{path.stem}`" in text, f"{path.stem} is not a day of the course map"


@pytest.mark.parametrize("week", sorted({path.parent.name for path in NOTEBOOKS}))
def test_no_line_a_student_sees_repeats_a_hidden_line(week):
    """Feedback is withheld when it contains a line of a hidden block (autograder.feedback), and
    feedback shows every cell a student sees: answer cells, demos and the visible part of tests.
    A hidden line equal to one of those would withhold honest feedback, so write it differently."""
    from autograder import feedback

    hidden = feedback.hidden_lines(feedback.week_test_sources(week))
    repeated = []
    for path in sorted((SOLUTIONS / week).glob("day*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            source = nb.source_of(cell)
            visible = source.split(nb.BEGIN_HIDDEN)[0] if nb.role(cell) == "test" else source
            repeated += [f"{path.stem}: {line}" for line in hidden if line in visible]
    assert not repeated, "hidden lines that students also see:\n" + "\n".join(repeated)


def countable_parts(notebook) -> dict:
    """The parts NOTEBOOK_STANDARD.md asks every notebook for, counted:

    - ``find_the_bug``: exercise headings "Exercise ... find the bug" followed, before the next
      exercise heading, by an answer cell and then its graded test cell;
    - ``transfer_quiz``: answer cells that set both ``predicted_...`` and ``measured_...`` variables
      (a predict-then-run question) followed by a graded test cell.
    """
    cells = notebook.cells

    def graded_answer_follows(index: int) -> bool:
        """An answer cell and then a test cell come after cell ``index``, before the next exercise heading."""
        for position in range(index + 1, len(cells)):
            cell = cells[position]
            if cell.cell_type == "markdown" and re.search(r"^#+ .*exercise", cell.source, re.I | re.M):
                return False
            if nb.role(cell) == "answer":   # its test cell may come after a grading-context cell
                next_code = [c for c in cells[position + 1:] if c.cell_type == "code" and nb.role(c) != "context"][:1]
                return bool(next_code) and nb.role(next_code[0]) == "test"
        return False

    found = {"find_the_bug": 0, "transfer_quiz": 0}
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and re.search(r"^#+ .*exercise.*find the bug", cell.source, re.I | re.M):
            found["find_the_bug"] += graded_answer_follows(index)
        if nb.role(cell) == "answer" and re.search(r"^\s*predicted_\w+\s*=", cell.source, re.M) \
                and re.search(r"^\s*measured_\w+\s*=", cell.source, re.M):
            found["transfer_quiz"] += graded_answer_follows(index - 1)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_every_notebook_has_a_find_the_bug_exercise_and_a_transfer_quiz(path):
    parts = countable_parts(nbformat.read(path, as_version=4))
    assert parts["find_the_bug"] >= 1, "a graded find-the-bug exercise (a heading 'Exercise N — find the bug: ...')"
    assert parts["transfer_quiz"] >= 1, "a graded predict-then-run question (predicted_... and measured_... variables)"


def _defined_in_answers(cells) -> set[str]:
    """Names of the functions and classes the student writes (defined in answer cells)."""
    names = set()
    for cell in cells:
        if nb.role(cell) == "answer":
            for node in ast.walk(ast.parse(_python_only(cell.source))):
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    names.add(node.name)
    return names


def _python_only(source: str) -> str:
    """A cell's source without IPython magics and shell lines, which ``ast`` cannot parse."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def quiz_checks_only_format(test_source: str, student_code: set[str]) -> bool:
    """True when the visible part of a quiz's test cell (before the hidden block) never checks a
    ``measured_...`` value against what the student's own code computes: no ``assert`` names a
    ``measured_`` (or ``computed_``) variable together with a call of a function or class of the answer cells (or a
    variable assigned from such a call). Type and range checks alone leave a number typed in by
    hand, or measured with other code, looking right until the grades come back."""
    visible = _python_only(test_source.split("### BEGIN HIDDEN TESTS")[0])
    tree = ast.parse(visible)

    def calls_student_code(node) -> bool:
        return any(isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in student_code
                   for call in ast.walk(node))

    computed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and calls_student_code(node.value):
            computed |= {name.id for target in node.targets for name in ast.walk(target) if isinstance(name, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            names = {name.id for name in ast.walk(node.test) if isinstance(name, ast.Name)}
            if any(name.startswith(("measured_", "computed_")) for name in names) and (names & computed or calls_student_code(node.test)):
                return False
    return True


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_no_quiz_whose_visible_test_checks_only_the_format(path):
    notebook = nbformat.read(path, as_version=4)
    cells = notebook.cells
    student_code = _defined_in_answers(cells)
    quizzes = 0
    for index, cell in enumerate(cells):
        if nb.role(cell) == "answer" and re.search(r"^\s*measured_\w+\s*=", cell.source, re.M):
            test_cell = next(c for c in cells[index + 1:] if c.cell_type == "code" and nb.role(c) != "context")
            assert nb.role(test_cell) == "test", f"{nb.grade_id(cell)}: a graded test cell follows the quiz"
            quizzes += 1
            assert not quiz_checks_only_format(test_cell.source, student_code), (
                f"{nb.grade_id(test_cell)}: the visible checks only test types and ranges. Recompute at least one "
                "measured_... value with the notebook's own functions, e.g. `assert measured_x == own_function(...)`, "
                "with a message saying which call to make (this gives away nothing of the prediction)")
    assert quizzes, "a predict-then-run quiz (measured_... variables)"


def test_the_format_only_quiz_lint_tells_a_recomputation_from_a_format_check():
    student_code = {"perplexity", "Tokenizer"}
    format_only = ("assert type(measured_x) is float, 'a float'\nassert 0 <= measured_x <= 1\n"
                   "### BEGIN HIDDEN TESTS\nassert measured_x == perplexity([1])\n### END HIDDEN TESTS")
    assert quiz_checks_only_format(format_only, student_code)
    assert not quiz_checks_only_format("assert abs(measured_x - perplexity([1, 2])) < 1e-9", student_code)
    assert not quiz_checks_only_format("_own = len(Tokenizer().split('a b'))\nassert measured_n == _own", student_code)
    assert quiz_checks_only_format("_own = len('a b'.split())\nassert measured_n == _own", student_code)
    assert quiz_checks_only_format("assert measured_n == 3\nperplexity([1])", student_code)
