"""Grade a notebook's answer bank quickly, in this process (no nbgrader, no gradebook).

    PYTHONPATH=tests .venv/bin/python -m answer_bank WEEK/DAY [--each] [--seed N]

Prints, per test cell, the fraction of its points each bank submission earns and the grader's
messages, and ends with the verdict the test suite applies: every wrong answer loses points,
every alternative gets full marks. ``--each`` grades every wrong answer alone, with reference
answers everywhere else (slower; useful to tell a leaky hidden block from a dependency effect).
The test suite grades the same submissions through ``python -m autograder grade``.
"""

from __future__ import annotations

import argparse
import sys

import answer_bank
from autograder import sandbox, trusted
from nlpcourse.grading import notebook as nb


def answers_of(notebook: dict) -> dict:
    return {nb.grade_id(c): nb.source_of(c) for c in notebook["cells"] if nb.role(c) == "answer"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m answer_bank")
    parser.add_argument("notebook", help="WEEK/DAY, e.g. week01_text_preprocessing_and_embeddings/day02_...")
    parser.add_argument("--each", action="store_true", help="grade each wrong answer alone")
    parser.add_argument("--seed", type=int, default=0, help="input seed (default: the assignment's)")
    parser.add_argument("--quiet", action="store_true", help="only the verdict lines")
    args = parser.parse_args(argv)
    week, day = args.notebook.strip("/").removesuffix(".ipynb").split("/")
    missing = answer_bank.problems(week, day)
    if missing:
        print("bank incomplete:", *missing, sep="\n  ")
        return 1
    from autograder import seeds
    seed = args.seed or seeds.assignment_seed(week)
    limits = sandbox.Limits(wall_seconds=300, cpu_seconds=600)
    plan = trusted.Plan.build(week, day, seed, limits)
    source = nb.read(answer_bank.REPO / "solutions" / week / f"{day}.ipynb")
    reference = answers_of(source)
    bank = answer_bank.load(week, day)
    runs = []  # (label, answers, {test id: expected kind})
    if args.each:
        for exercise in answer_bank.exercises(source):
            answers = dict(reference, **{exercise.answer_id: bank[exercise.answer_id]["wrong"]})
            runs.append((f"wrong {exercise.answer_id} alone", answers,
                         {t: ("wrong" if t in exercise.test_ids else "alternative") for t in plan_test_ids(plan)}))
    else:
        for variant in answer_bank.variants(week, day):
            runs.append((variant, answers_of(answer_bank.submission(week, day, variant)),
                         answer_bank.expectations(week, day, variant)))
    failures = 0
    for label, answers, expected in runs:
        verdict = trusted.grade_notebook(plan, answers, limits)
        print(f"=== {label}")
        for problem in verdict.problems:
            print("  problem:", problem)
        for test_id, cell in verdict.cells.items():
            kind = expected[test_id]
            ok = cell.fraction < 1.0 if kind == "wrong" else cell.fraction == 1.0
            failures += not ok
            status = "ok " if ok else "BAD"
            print(f"  {status} {test_id:<40} {kind:<12} earned {cell.fraction:.3f}")
            if not args.quiet or not ok:
                for message in cell.messages:
                    print("        " + message.replace("\n", "\n        "))
    print(f"{failures} verdict(s) wrong" if failures else "all verdicts right")
    return 1 if failures else 0


def plan_test_ids(plan) -> list:
    return [test.grade_id for test in plan.tests]


if __name__ == "__main__":
    sys.exit(main())
