"""The hidden-test format: the same checks run in a kernel and in the trusted grader."""

import json

import numpy as np
import pytest

from nlpcourse import environment
from nlpcourse.grading import checks, check_function, check_module, check_training, check_value, close, satisfies
from nlpcourse.grading import kernel


def _cell(source, **nbgrader):
    meta = {"nbgrader": {"grade_id": nbgrader.pop("grade_id", "x"), **nbgrader}} if nbgrader else {}
    return {"cell_type": "code", "source": source, "metadata": meta, "outputs": [], "execution_count": None}


REFERENCE = {
    "cells": [
        _cell("def scale(x, factor=2):\n    return np.asarray(x) * factor\n", grade_id="scale", solution=True),
        _cell("answer = 'b'\n", grade_id="quiz", solution=True),
        _cell("import torch\nclass Affine(torch.nn.Module):\n    def __init__(self, n):\n        super().__init__()\n"
              "        self.weight = torch.nn.Parameter(torch.zeros(n, n))\n"
              "    def forward(self, x):\n        return torch.tanh(x @ self.weight)\n", grade_id="affine", solution=True),
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}


@pytest.fixture
def kernel_notebook(tmp_path, monkeypatch):
    """A fake notebook kernel namespace plus a solutions folder holding the reference."""
    folder = tmp_path / "solutions" / "week00"
    folder.mkdir(parents=True)
    (folder / "day00.ipynb").write_text(json.dumps(REFERENCE))
    monkeypatch.setenv("NLPCOURSE_SOLUTIONS", str(tmp_path / "solutions"))
    monkeypatch.setattr(environment, "_current", environment.Course("week00/day00", 0, "cpu", "small", False, "local"))
    namespace = {"np": np}
    monkeypatch.setattr(kernel, "student_namespace", lambda: namespace)
    kernel._reference_cache.clear()
    return namespace


def test_correct_function_passes_and_wrong_one_fails_with_the_input(kernel_notebook):
    kernel_notebook["scale"] = lambda x, factor=2: np.asarray(x) * factor
    outcome = check_function("scale", cases=[([1, 2],), checks.Call(([1.0],), {"factor": 3})],
                             generate=lambda rng: (rng.normal(size=4),), n_random=5, compare=close())
    assert outcome.passed
    kernel_notebook["scale"] = lambda x, factor=2: np.asarray(x) * 2
    with pytest.raises(AssertionError, match=r"1 of 2 inputs right.*\n.*Smallest failing input: scale\(\[1.0\], factor=3\)"):
        check_function("scale", cases=[([1, 2],), checks.Call(([1.0],), {"factor": 3})], compare=close())


def test_student_must_raise_where_reference_raises(kernel_notebook):
    kernel_notebook["scale"] = lambda x, factor=2: []  # returns where the reference raises
    with pytest.raises(AssertionError, match="should raise TypeError"):
        check_function("scale", cases=[(None,)])


def test_modifying_an_input_the_reference_leaves_alone_costs_half_of_that_input(kernel_notebook):
    def scale(x, factor=2):
        result = np.asarray(x) * factor
        x.clear()
        return result
    kernel_notebook["scale"] = scale
    with checks.collecting() as collected:
        check_function("scale", cases=[([1, 2],)], compare=close())
    check = collected[0]
    requests = check.requests(0)
    reference = {"scale": lambda x, factor=2: np.asarray(x) * factor}
    outcome = check.judge(requests, [checks.perform(r, reference) for r in requests],
                          [checks.perform(r, kernel_notebook) for r in requests])
    assert outcome.score == checks.RULE_CREDIT and "modified argument 1" in outcome.message
    assert check_function("scale", cases=[([1, 2],)], compare=close(),
                          relax={"inputs": "this exercise empties the list on purpose"}).passed


def test_undefined_names_and_unplain_answers_fail(kernel_notebook):
    with pytest.raises(AssertionError, match="'scale' is not defined"):
        check_function("scale", cases=[([1],)])

    class AlwaysEqual:
        def __eq__(self, other):
            return True
    kernel_notebook["scale"] = lambda x, factor=2: AlwaysEqual()
    with pytest.raises(AssertionError, match="EncodingError"):
        check_function("scale", cases=[([1],)])


def test_check_value(kernel_notebook):
    kernel_notebook["answer"] = "b"
    assert check_value("answer").passed
    kernel_notebook["answer"] = "c"
    with pytest.raises(AssertionError, match="answer: not the right answer") as error:
        check_value("answer")
    assert "'b'" not in str(error.value), "feedback must not give the quiz key away"
    with pytest.raises(AssertionError, match="expected 'b'"):
        check_value("answer", reveal=True)


def test_check_module_compares_outputs_and_gradients(kernel_notebook):
    torch = pytest.importorskip("torch")
    exec(REFERENCE["cells"][2]["source"], kernel_notebook)
    weights = lambda rng: {"weight": rng.normal(size=(3, 3))}
    inputs = lambda rng: (rng.normal(size=(2, 3)),)
    assert check_module("Affine", init={"n": 3}, weights=weights, inputs=inputs).passed

    class NoTanh(torch.nn.Module):  # right output shape, wrong function
        def __init__(self, n):
            super().__init__()
            self.weight = torch.nn.Parameter(torch.zeros(n, n))

        def forward(self, x):
            return x @ self.weight
    kernel_notebook["Affine"] = NoTanh
    with pytest.raises(AssertionError, match="Affine"):
        check_module("Affine", init={"n": 3}, weights=weights, inputs=inputs)


def test_check_module_compares_nested_outputs(kernel_notebook):
    torch = pytest.importorskip("torch")
    exec(REFERENCE["cells"][2]["source"], kernel_notebook)
    reference = kernel_notebook["Affine"]

    class Nested(reference):  # nn.LSTM's shape of output: (outputs, (h_n, c_n))
        def forward(self, x):
            y = super().forward(x)
            return y, (y[-1], 2 * y[0])
    kernel_notebook["Affine"] = Nested
    weights = lambda rng: {"weight": rng.normal(size=(3, 3))}
    inputs = lambda rng: (rng.normal(size=(2, 3)),)
    outcome = checks.perform({"kind": "module", "name": "Affine", "init": {"n": 3}, "weights": weights(np.random.default_rng(0)),
                              "inputs": list(inputs(np.random.default_rng(1))), "cotangent_seed": 0}, kernel_notebook)
    assert outcome["ok"] and len(outcome["value"]["outputs"]) == 3, outcome


def test_check_training_scores_held_out_predictions(kernel_notebook):
    kernel_notebook["train"] = lambda xs, ys: dict(zip(xs, ys))
    kernel_notebook["predict"] = lambda model, xs: [model.get(x, 0) for x in xs]
    assert check_training("train", "predict", (["a", "b"], [1, 0]), ["a", "b", "c"], [1, 0, 0], threshold=1.0).passed
    with pytest.raises(AssertionError, match="below the threshold"):
        check_training("train", "predict", (["a", "b"], [1, 0]), ["a", "b", "c"], [1, 0, 1], threshold=0.9)


def test_word_accuracy_is_one_minus_corpus_word_error_rate(kernel_notebook):
    word_accuracy = checks.METRICS["word_accuracy"]
    labels = np.asarray(["four one seven", "two two"])
    assert word_accuracy(labels, labels.copy()) == 1.0
    # one substitution + one deletion over 5 reference words
    assert abs(word_accuracy(labels, np.asarray(["four one six", "two"])) - 3 / 5) < 1e-12
    assert word_accuracy(labels, np.asarray(["one " * 9, "three " * 9])) == 0.0, "clipped at 0 when WER > 1"
    kernel_notebook["train"] = lambda: None
    kernel_notebook["predict"] = lambda model, audios: ["four one seven" for _ in audios]
    assert check_training("train", "predict", (), [0, 1], ["four one seven", "four one"], metric="word_accuracy",
                          threshold=0.8).passed
    with pytest.raises(AssertionError, match="below the threshold"):
        check_training("train", "predict", (), [0, 1], ["four one seven", "two two"], metric="word_accuracy",
                       threshold=0.8)


def test_collect_mode_records_instead_of_running():
    with checks.collecting() as collected:
        result = check_function("anything", cases=[(1,)], generate=lambda rng: (float(rng.normal()),), n_random=3)
    assert result is None and len(collected) == 1
    first, again = collected[0].requests(run_seed=5), collected[0].requests(run_seed=5)
    assert first == again and len(first) == 4, "inputs are reproducible from the run seed"
    assert collected[0].requests(run_seed=6)[1:] != first[1:], "a new grading run draws new inputs"
    assert collected[0].requests(run_seed=6)[0] == first[0], "fixed cases stay"


def test_property_check_accepts_any_valid_answer(kernel_notebook):
    kernel_notebook["scale"] = lambda x, factor=2: (np.asarray(x) * factor)[::-1]
    same_items = satisfies(lambda req, exp, act: sorted(np.ravel(exp)) == sorted(np.ravel(act)), "same items")
    assert check_function("scale", cases=[([1, 2, 3],)], compare=same_items).passed


def test_declaring_a_check_without_inputs_is_an_error():
    with pytest.raises(ValueError):
        check_function("scale")


def test_errors_inside_the_student_function_are_reported_as_they_are(kernel_notebook):
    kernel_notebook["scale"] = lambda x, factor=2: {}["missing"]
    with pytest.raises(AssertionError, match="raised KeyError"):
        check_function("scale", cases=[([1],)])
