"""The seed that makes each assignment's generated test inputs: fixed, so grading is repeatable.

Hidden tests combine fixed edge cases with inputs drawn from a random generator. Drawing them
afresh for every grading run would make a score depend on the run (an answer wrong on 1% of
inputs caught in one run and not in the next), so every assignment (a week) has one seed, kept
in ``autograder/grading_seeds.json`` with the instructor's material, never in ``course/`` or
anything a student receives. The same submission then gets the same score on every run and
every machine.

Between course offerings, ``python -m autograder rotate-seeds OFFERING`` draws new seeds, so a
student who kept last year's feedback cannot know this year's generated inputs. ``grade --seed``
overrides the stored seed for one run (to replay an older offering's inputs, for example).
"""

from __future__ import annotations

import json
import secrets

from autograder import paths

SEEDS_FILE = paths.REPO / "autograder" / "grading_seeds.json"


def _read() -> dict:
    if not SEEDS_FILE.exists():
        return {"offering": "", "weeks": {}}
    return json.loads(SEEDS_FILE.read_text(encoding="utf-8"))


def _write(data: dict) -> None:
    SEEDS_FILE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def assignment_seed(week: str) -> int:
    """The stored seed of ``week``; one is drawn and stored the first time a week is graded."""
    data = _read()
    if week not in data["weeks"]:
        data["weeks"][week] = secrets.randbelow(2**31 - 1) + 1
        _write(data)
    return int(data["weeks"][week])


def rotate(offering: str) -> dict:
    """New seeds for every week, recorded under the name of the new ``offering``."""
    data = {"offering": offering, "weeks": {week: secrets.randbelow(2**31 - 1) + 1 for week in paths.weeks()}}
    _write(data)
    return data
