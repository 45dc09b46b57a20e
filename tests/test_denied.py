"""Deny lists: an answer cannot get its marks by calling what its exercise asks it to write."""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder import sandbox
from nlpcourse.grading import checks, denied, encoding


class Shapes:
    @staticmethod
    def area(width, height):
        return width * height

    @classmethod
    def unit(cls):
        return cls.area(1, 1)

    def perimeter(self, width, height):
        return 2 * (width + height)


def test_a_guard_refuses_only_while_armed():
    denied.install([f"{__name__}.Shapes.area", f"{__name__}.Shapes.unit", f"{__name__}.Shapes.perimeter"])
    captured = Shapes.area  # taken after install: the guard, as an answer importing it would get
    assert Shapes.area(2, 3) == 6 and Shapes.unit() == 1 and Shapes().perimeter(1, 2) == 6
    with denied.armed([f"{__name__}.Shapes.area"]):
        with pytest.raises(denied.DeniedCall, match="Shapes.area is not allowed"):
            captured(2, 3)
        with pytest.raises(denied.DeniedCall):
            Shapes.unit()  # calls area on the way
        assert Shapes().perimeter(1, 2) == 6  # not denied
    assert captured(2, 3) == 6


@pytest.mark.parametrize("deny, message", [
    (["numpy"], "not a dotted path"),
    (["numpy.not_a_function"], "cannot find"),
    (["torch.nn.CrossEntropyLoss"], "not a function or method"),
    (["numpy.pi"], "not a function or method"),
])
def test_deny_lists_are_checked_when_written(deny, message):
    with pytest.raises(ValueError, match=message):
        checks.check_function("anything", cases=[(1,)], deny=deny)


def _job(answer: str) -> dict:
    request = {"kind": "function", "name": "loss", "args": encoding.to_plain([np.zeros((2, 3)), np.array([0, 2])]),
               "kwargs": {}, "deny": ["torch.nn.functional.cross_entropy"]}
    return {"deny": ["torch.nn.functional.cross_entropy"],
            "cells": [{"id": "setup", "source": "import torch\nimport torch.nn.functional as F\n"
                                                "provided = F.cross_entropy(torch.zeros(1, 2), torch.tensor([0]))"},
                      {"id": "answer", "source": answer},
                      {"id": "after", "source": "later = F.cross_entropy(torch.zeros(1, 2), torch.tensor([0]))"}],
            "requests": [{"id": "r", "request": json.loads(encoding.dumps(request))}]}


def _run(answer: str):
    result = sandbox.run_job(_job(answer), sandboxed=False)
    return result.cells, encoding.loads(result.results["r"])


def test_the_runner_refuses_a_denied_call_even_through_an_early_import():
    cells, outcome = _run("from torch.nn.functional import cross_entropy\n"
                          "def loss(logits, targets):\n"
                          "    return cross_entropy(torch.as_tensor(logits), torch.as_tensor(targets))\n")
    assert cells["setup"]["ok"] and cells["answer"]["ok"] and cells["after"]["ok"], cells
    assert not outcome["ok"] and outcome["error"] == "DeniedCall", outcome


def test_an_answer_cell_may_try_a_denied_call_but_its_check_may_not_make_it():
    cells, outcome = _run("TRIAL = F.cross_entropy(torch.zeros(1, 2), torch.tensor([0]))\n"
                          "def loss(logits, targets):\n"
                          "    return F.cross_entropy(torch.as_tensor(logits), torch.as_tensor(targets))\n")
    assert cells["answer"]["ok"] and cells["after"]["ok"], cells
    assert not outcome["ok"] and outcome["error"] == "DeniedCall", outcome


def test_an_answer_that_does_the_work_itself_passes():
    cells, outcome = _run("def loss(logits, targets):\n"
                          "    logits = torch.as_tensor(logits)\n"
                          "    picked = torch.log_softmax(logits, -1).gather(1, torch.as_tensor(targets)[:, None])\n"
                          "    return -picked.mean()\n")
    assert outcome["ok"] and np.isclose(float(outcome["value"]), np.log(3)), outcome
