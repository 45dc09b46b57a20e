"""Regression suite for trusted grading: no known attack gains anything on the attacked cell.

Each attacker submits the reference solution except for one answer (``normalize`` of week 1
day 2), which is wrong and carries the attack. A control student submits the same wrong answer
without an attack: an attacker may score no more than the control on that cell (partial credit
means the wrong answer alone earns the share of inputs it gets right). One honest student is
graded in the same batch and must keep full marks; another, graded before the batch, must keep
exactly the scores it had.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import SOLUTIONS, cell_scores, read_grades, run_autograder
from nlpcourse.grading import notebook as nb

WEEK = "week01_text_preprocessing_and_embeddings"
DAY = "day02_preprocessing_regex_edit_distance"
TARGET, TARGET_TEST = "normalize", "test_normalize"
WRONG = "def normalize(text):\n    return text\n"
LINGER_TOKEN = "nlpcourse-attack-lingering-process"

ANSWER_ATTACKS = {
    "patch_test_helpers": WRONG + (
        "import nlpcourse.grading.compare as compare, nlpcourse.grading.checks as checks\n"
        "compare.exact.__call__ = lambda *args, **kwargs: None\n"
        "checks._compare_result = lambda *args, **kwargs: None\n"
        "checks.FunctionCheck.judge = lambda self, *a: checks.Outcome(True, self.weight, 'ok')\n"),
    "patch_builtins": WRONG + "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.type = lambda *a: str\n",
    "patch_numpy": WRONG + "import numpy\nnumpy.array_equal = lambda *a, **k: True\nnumpy.allclose = lambda *a, **k: True\n",
    "patch_math_isclose": WRONG + "import math\nmath.isclose = lambda *a, **k: True\n",
    "always_equal_str": "class Same(str):\n    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\n"
                        "def normalize(text):\n    return Same(text)\n",
    "always_equal_object": "class Anything:\n    def __eq__(self, other):\n        return True\n"
                           "def normalize(text):\n    return Anything()\n",
    "ast_transformer": WRONG + "import ast\nclass NoAsserts(ast.NodeTransformer):\n"
                               "    def visit_Assert(self, node):\n        return ast.Pass()\n"
                               "get_ipython().ast_transformers.append(NoAsserts())\n",
    "input_transformer": WRONG + "get_ipython().input_transformers_post.append(lambda lines: [])\n",
    "custom_exception_handler": WRONG + "get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)\n",
    "displayhook_forgery": "import sys\ndef normalize(text):\n    sys.displayhook(2)\n    return text\nsys.displayhook(2)\n",
    "read_solutions_from_disk": (
        "import glob, json\n"
        "def normalize(text):\n    return text\n"
        f"for path in glob.glob('/**/solutions/**/{DAY}.ipynb', recursive=True) + [{str(SOLUTIONS / WEEK / (DAY + '.ipynb'))!r}]:\n"
        "    try:\n"
        "        cells = json.load(open(path))['cells']\n"
        "        exec(next(''.join(c['source']) for c in cells if 'def normalize' in ''.join(c['source'])))\n"
        "        break\n"
        "    except Exception:\n"
        "        pass\n"),
    "os_exit": WRONG + "import os\nos._exit(0)\n",
    "sys_exit": WRONG + "import sys\nsys.exit(0)\n",
    "infinite_loop_ignoring_sigint": WRONG + "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                             "signal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass\n",
    "infinite_loop_in_function": "def normalize(text):\n    while True:\n        pass\n",
    "memory_bomb": WRONG + "hog = []\nwhile True:\n    hog.append(bytearray(10**8))\n",
    "fork_bomb": WRONG + "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
    "output_20mb": WRONG + "import os\nprint('x' * 20_000_000)\nos.write(1, b'y' * 20_000_000)\n",
    "lingering_process": WRONG + (
        "import subprocess, sys\n"
        f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)  # {LINGER_TOKEN}'],\n"
        "                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"),
}


def _day_scores(work, student: str) -> dict:
    """Scores of the test cells of DAY (the only notebook these submissions contain)."""
    return {cell: score for (day, cell), score in cell_scores(work, WEEK, student).items() if day == DAY}


def _reference() -> dict:
    return nb.read(SOLUTIONS / WEEK / f"{DAY}.ipynb")


def _with_answer(source: str) -> dict:
    notebook = _reference()
    for cell in notebook["cells"]:
        if nb.grade_id(cell) == TARGET:
            cell["source"] = source
    return notebook


def _test_cell(notebook: dict) -> dict:
    return next(c for c in notebook["cells"] if nb.grade_id(c) == TARGET_TEST)


def _structural_attacks(gradebook: str) -> dict:
    attacks = {}

    notebook = _with_answer(WRONG + (
        "import sqlite3\n"
        "try:\n"
        f"    db = sqlite3.connect({gradebook!r})\n"
        "    db.execute(\"update source_cell set source = 'pass'\")\n"
        "    db.execute('update grade_cell set max_score = 1000')\n"
        "    db.commit()\n"
        "except Exception:\n"
        "    pass\n"))
    attacks["write_gradebook"] = notebook

    notebook = _with_answer(WRONG)
    _test_cell(notebook)["outputs"] = [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                                        "data": {"text/plain": "2"}}]
    attacks["forged_outputs"] = notebook

    notebook = _with_answer(WRONG)
    notebook["cells"].remove(_test_cell(notebook))
    attacks["deleted_test_cell"] = notebook

    notebook = _with_answer(WRONG)
    cell = _test_cell(notebook)
    cell["cell_type"] = "markdown"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)
    attacks["retyped_test_cell"] = notebook

    notebook = _with_answer(WRONG)
    _test_cell(notebook)["metadata"]["nbgrader"].update(grade_id="test_normalize_renamed", points=100)
    attacks["renamed_test_cell"] = notebook

    notebook = _with_answer(WRONG)
    cell = _test_cell(notebook)
    cell["metadata"]["nbgrader"].update(grade=False, solution=True, grade_id=TARGET)
    notebook["cells"].remove(cell)
    notebook["cells"].insert(0, cell)
    attacks["repointed_grade_cell"] = notebook
    return attacks


def _write(folder, student: str, content) -> None:
    (folder / student).mkdir(parents=True)
    path = folder / student / f"{DAY}.ipynb"
    path.write_text(content if isinstance(content, str) else json.dumps(content))


@pytest.mark.slow
def test_attacks_score_zero_without_harming_anyone_else(tmp_path, work):
    baseline = tmp_path / "baseline"
    _write(baseline, "earlier_student", _reference())
    assert run_autograder(["grade", WEEK, str(baseline), "--seed", "11"], work).returncode == 0
    earlier = _day_scores(work, "earlier_student")

    batch = tmp_path / "batch"
    _write(batch, "honest", _reference())
    _write(batch, "control", _with_answer(WRONG))
    for name, source in ANSWER_ATTACKS.items():
        _write(batch, name, _with_answer(source))
    for name, notebook in _structural_attacks(str(work / "gradebook.db")).items():
        _write(batch, name, notebook)
    _write(batch, "shadow_module", _with_answer(WRONG))
    (batch / "shadow_module" / "numpy.py").write_text("def array_equal(*a, **k):\n    return True\n")
    _write(batch, "invalid_json", "{ this is not a notebook")
    _write(batch, "nbformat3", json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {},
                                           "worksheets": [{"cells": []}]}))

    result = run_autograder(["grade", WEEK, str(batch), "--seed", "12", "--time-limit", "20"], work)
    assert result.returncode == 1, result.stdout + result.stderr  # graded; the malformed files are listed as problems

    honest = _day_scores(work, "honest")
    assert honest == earlier and all(score > 0 for score in honest.values()), honest
    assert _day_scores(work, "earlier_student") == earlier, "another student's grades changed"

    grades = read_grades(work, WEEK)
    max_score = grades[("honest", DAY)][1]
    assert grades[("honest", DAY)][0] == max_score
    control = cell_scores(work, WEEK, "control")[(DAY, TARGET_TEST)]
    assert control < _day_scores(work, "honest")[TARGET_TEST], "the wrong answer must lose points"
    attackers = [*ANSWER_ATTACKS, *_structural_attacks("unused"), "shadow_module"]
    for attacker in attackers:
        scores = cell_scores(work, WEEK, attacker)
        assert scores[(DAY, TARGET_TEST)] <= control, \
            f"{attacker} scored {scores[(DAY, TARGET_TEST)]} on {TARGET_TEST}, the plain wrong answer {control}"
        assert grades[(attacker, DAY)][0] < max_score
    for malformed, reason in (("invalid_json", "invalid JSON"), ("nbformat3", "nbformat 3")):
        score, _, problem = grades[(malformed, DAY)]
        assert score == 0 and reason in problem, (malformed, problem)

    lingering = subprocess.run(["pgrep", "-f", LINGER_TOKEN], capture_output=True, text=True)
    assert lingering.stdout.strip() == "", "a process started by student code outlived grading"
