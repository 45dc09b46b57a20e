"""Run a check at once, in the current process (a notebook kernel or a plain script).

The reference comes from the instructor's ``solutions/`` notebook: its answer and context cells
are run in a copy of the kernel's namespace, so they see the same imports as the student's code
but replace the student's definitions. Used when the instructor runs a solution notebook and by
plain nbgrader autograding; trusted grading does not use this module.
"""

from __future__ import annotations

from pathlib import Path

from nlpcourse import environment
from nlpcourse.grading import notebook as nb
from nlpcourse.grading import rules
from nlpcourse.grading.checks import FunctionCheck, Outcome, make_requests, perform

KERNEL_RUN_SEED = 0
_reference_cache: dict[tuple[str, float], tuple[dict, list]] = {}


def student_namespace() -> dict:
    """The namespace the notebook's code runs in."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None:
        return shell.user_ns
    import __main__

    return vars(__main__)


def _solutions_path() -> Path:
    course = environment.current()
    if course is None:
        raise RuntimeError("Run the setup cell first: hidden tests need to know which notebook this is.")
    path = nb.find_solutions(course.notebook)
    if path is None:
        raise RuntimeError(
            f"Hidden tests compare with the instructor's solutions/{course.notebook}.ipynb, which is not "
            "reachable from here. Set NLPCOURSE_SOLUTIONS to the solutions folder."
        )
    return path


def _reference(student_ns: dict, path: Path) -> tuple[dict, list]:
    """(namespace with the reference run over ``student_ns``, the reference answer sources), cached."""
    key = (str(path), path.stat().st_mtime)
    if key not in _reference_cache:
        namespace, answers = dict(student_ns), []
        for cell in nb.read(Path(path))["cells"]:
            if nb.role(cell) in ("context", "answer"):
                exec(compile(nb.source_of(cell), f"<reference {nb.grade_id(cell) or 'context'}>", "exec"), namespace)
            if nb.role(cell) == "answer":
                answers.append(nb.source_of(cell))
        _reference_cache.clear()
        _reference_cache[key] = (namespace, answers)
    return _reference_cache[key]


def run_here(check) -> Outcome:
    """Run ``check`` now; print a line if it passes, raise AssertionError if it fails."""
    student_ns = student_namespace()
    requests = make_requests(check, KERNEL_RUN_SEED)
    actual = [perform(request, student_ns) for request in requests]
    if check.needs_reference:
        reference_ns, reference_sources = _reference(student_ns, _solutions_path())
        expected = [perform(request, reference_ns) for request in requests]
        if isinstance(check, FunctionCheck):
            problem = rules.errors_problem(check.name, reference_sources, expected, check.relax)
            if problem:
                raise AssertionError(problem)
    else:
        expected = [None] * len(requests)
    outcome = check.judge(requests, expected, actual)
    if not outcome.passed:
        raise AssertionError(outcome.message)
    print("passed:", outcome.message)
    return outcome
