"""The answer bank: for every graded exercise, a plausible wrong answer and a correct answer
written differently from the reference.

One module per notebook, ``tests/answer_bank/<week>/<day>.py``, holding one dict::

    BANK = {
        "<answer cell grade id>": {
            "wrong": "<the whole answer cell as a student would submit it>",
            "why": "<the mistake, in a few words>",
            "alternative": "<a correct answer written differently from the reference>",
            "denied": "<optional: an answer that calls what the exercise's checks deny>",
        },
    }

Two submissions per notebook carry the whole bank, so it costs two gradings, not one per answer:
``bank_odd`` has the wrong answer in exercises 1, 3, 5, ... and the alternative in 2, 4, ...;
``bank_even`` the other way round. Every test cell of a wrong answer must lose points, every
test cell of an alternative must get full marks, even beside a wrong neighbour (a bug costs
points in its own exercise only). Where an exercise denies a call (``check_function(...,
deny=[...])``, see ``nlpcourse.grading.denied``), its entry has a ``denied`` answer that makes
that call; a third submission, ``bank_denied``, holds every such answer of the notebook (the
alternative elsewhere), and each must lose points.
"""

from __future__ import annotations

import copy
import dataclasses
import runpy
from pathlib import Path

from nlpcourse.grading import notebook as nb

BANK_DIR = Path(__file__).resolve().parent
REPO = BANK_DIR.parents[1]
VARIANTS = ("bank_odd", "bank_even", "bank_denied")


@dataclasses.dataclass
class Exercise:
    answer_id: str
    test_ids: list
    index: int  # 0-based position among the notebook's exercises


def exercises(notebook: dict) -> list[Exercise]:
    """The notebook's exercises: each answer cell with the test cells that follow it."""
    found = []
    for cell in notebook["cells"]:
        role = nb.role(cell)
        if role == "answer":
            found.append(Exercise(nb.grade_id(cell), [], len(found)))
        elif role == "test" and found:
            found[-1].test_ids.append(nb.grade_id(cell))
    return found


def bank_path(week: str, day: str) -> Path:
    return BANK_DIR / week / f"{day}.py"


def load(week: str, day: str) -> dict:
    """The BANK dict of one notebook ({} if it has no bank module yet)."""
    path = bank_path(week, day)
    return runpy.run_path(str(path))["BANK"] if path.exists() else {}


def problems(week: str, day: str) -> list[str]:
    """What is missing or malformed in a notebook's bank (empty when complete)."""
    source = nb.read(REPO / "solutions" / week / f"{day}.ipynb")
    bank = load(week, day)
    found = []
    ids = [exercise.answer_id for exercise in exercises(source)]
    for answer_id in ids:
        entry = bank.get(answer_id)
        if entry is None:
            found.append(f"{answer_id}: no entry")
            continue
        for key in ("wrong", "why", "alternative"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                found.append(f"{answer_id}: {key!r} missing")
        if "denied" in entry and (not isinstance(entry["denied"], str) or not entry["denied"].strip()):
            found.append(f"{answer_id}: 'denied' is empty")
    found += [f"{key}: no answer cell has this grade id" for key in bank if key not in ids]
    return found


def variants(week: str, day: str) -> list[str]:
    """The bank submissions of one notebook: bank_denied only where some entry has a denied answer."""
    has_denied = any("denied" in entry for entry in load(week, day).values())
    return [v for v in VARIANTS if v != "bank_denied" or has_denied]


def variant_of(exercise: Exercise, variant: str, entry: dict) -> str:
    """'wrong', 'alternative' or 'denied': which answer of ``entry`` ``variant`` puts in ``exercise``."""
    if variant == "bank_denied":
        return "denied" if "denied" in entry else "alternative"
    wrong_parity = 0 if variant == "bank_odd" else 1  # exercise 1 (index 0) is odd
    return "wrong" if exercise.index % 2 == wrong_parity else "alternative"


def submission(week: str, day: str, variant: str) -> dict:
    """The released notebook with the bank's answers of ``variant`` typed into its answer cells."""
    released = nb.read(REPO / "course" / week / f"{day}.ipynb")
    bank = load(week, day)
    notebook = copy.deepcopy(released)
    kinds = {e.answer_id: variant_of(e, variant, bank[e.answer_id]) for e in exercises(notebook)}
    for cell in notebook["cells"]:
        if nb.role(cell) == "answer":
            cell["source"] = bank[nb.grade_id(cell)][kinds[nb.grade_id(cell)]]
    return notebook


def expectations(week: str, day: str, variant: str) -> dict:
    """{test grade id: 'wrong' or 'alternative'} for a submission of ``variant`` (a denied answer
    is a wrong one: it must lose points)."""
    source = nb.read(REPO / "solutions" / week / f"{day}.ipynb")
    bank = load(week, day)
    expected = {}
    for exercise in exercises(source):
        kind = variant_of(exercise, variant, bank.get(exercise.answer_id, {}))
        for test_id in exercise.test_ids:
            expected[test_id] = "wrong" if kind == "denied" else kind
    return expected
