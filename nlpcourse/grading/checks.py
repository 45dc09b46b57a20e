"""The hidden-test format: declare checks, and the reference decides what is right.

A hidden test block is a few calls such as::

    ### BEGIN HIDDEN TESTS
    import numpy as np
    from nlpcourse.grading import check_function, close

    check_function("softmax", cases=[(np.zeros(3),)], generate=lambda rng: (rng.normal(size=5),),
                   n_random=20, compare=close(1e-6))
    ### END HIDDEN TESTS

Each call names something the student defines and says which inputs to try. The expected answers
are never written down: they come from running the instructor's reference solution (the answer
cells of ``solutions/<week>/<day>.ipynb``) on the same inputs.

The same block works two ways:

- in a notebook kernel (the instructor runs ``solutions/``, or plain nbgrader autograding), each
  call runs at once: student code and reference in this process, AssertionError on a mismatch;
- in trusted grading (``python -m autograder grade``), the grader only *collects* the checks
  (see :func:`collecting`), makes the inputs, runs the student's cells in a sandbox and the
  reference in another process, and compares the plain-data results itself. A test cell then
  earns points in proportion to the ``weight`` of the checks it passes.

A hidden block must be self-contained: it imports what it uses and reads nothing the student
defined except by the names it passes as strings.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import zlib
from typing import Any, Callable, Iterator

import numpy as np

from nlpcourse.grading import encoding
from nlpcourse.grading.compare import Mismatch, close, exact

# ---------------------------------------------------------------------------------------------
# Calls: the plain-data requests sent to a runner, and the plain-data results it sends back.
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Call:
    """Positional and keyword arguments for one call of the student's function."""

    args: tuple = ()
    kwargs: dict = dataclasses.field(default_factory=dict)


def _as_call(case: Any) -> Call:
    if isinstance(case, Call):
        return case
    if isinstance(case, tuple):
        return Call(args=case)
    raise TypeError(f"a case must be a tuple of arguments or a Call, not {type(case).__name__}")


def ok(value: Any) -> dict:
    """A runner result for a call that returned ``value`` (converted to plain data)."""
    return {"ok": True, "value": encoding.to_plain(value)}


def failed(error: BaseException) -> dict:
    """A runner result for a call that raised."""
    return {"ok": False, "error": type(error).__name__, "message": str(error)[:500]}


def _describe_call(name: str, request: dict) -> str:
    parts = [repr(encoding.to_plain(a)) for a in request.get("args", [])]
    parts += [f"{key}={encoding.to_plain(val)!r}" for key, val in request.get("kwargs", {}).items()]
    text = f"{name}({', '.join(parts)})"
    return text if len(text) < 300 else text[:297] + "..."


def _torch_tensor(value: np.ndarray, requires_grad: bool = False):
    import torch

    tensor = torch.as_tensor(np.asarray(value))
    if tensor.is_floating_point():
        tensor = tensor.to(torch.get_default_dtype()).requires_grad_(requires_grad)
    return tensor


def _lookup(namespace: dict, name: str):
    if name not in namespace:
        raise NameError(f"{name!r} is not defined")
    return namespace[name]


def perform(request: dict, namespace: dict) -> dict:
    """Carry out one request against the names in ``namespace``; never raises.

    Used by both the sandboxed student runner and the reference runner, so both sides are
    called in exactly the same way.
    """
    try:
        kind = request["kind"]
        if kind == "function":
            target = _lookup(namespace, request["name"])
            args = copy.deepcopy(list(request["args"]))
            kwargs = copy.deepcopy(dict(request["kwargs"]))
            return ok(target(*args, **kwargs))
        if kind == "value":
            return ok(_lookup(namespace, request["name"]))
        if kind == "module":
            return ok(_run_module(request, namespace))
        if kind == "training":
            model = _lookup(namespace, request["train"])(*copy.deepcopy(list(request["train_args"])))
            predictions = _lookup(namespace, request["predict"])(model, copy.deepcopy(request["heldout_inputs"]))
            return ok(list(predictions) if not isinstance(predictions, np.ndarray) else predictions)
        raise ValueError(f"unknown request kind {kind!r}")
    except BaseException as error:  # the student's code may raise anything, SystemExit included
        return failed(error)


def _flat_outputs(output) -> list:
    """A module's output as a flat list, nested tuples and lists unpacked in order: nn.LSTM's
    ``(outputs, (h_n, c_n))`` becomes ``[outputs, h_n, c_n]``."""
    if isinstance(output, (tuple, list)):
        return [item for part in output for item in _flat_outputs(part)]
    return [output]


def _run_module(request: dict, namespace: dict) -> dict:
    """Build a torch module, load the given weights, run forward and backward."""
    import torch

    module = _lookup(namespace, request["name"])(**request["init"])
    state = {key: torch.as_tensor(np.asarray(value)) for key, value in request["weights"].items()}
    module.load_state_dict(state, strict=True)
    inputs = [_torch_tensor(value, requires_grad=True) for value in request["inputs"]]
    outputs = _flat_outputs(module(*inputs))
    result = {"outputs": [o.detach().numpy() for o in outputs]}
    if request.get("grads", True):
        rng = np.random.default_rng(request["cotangent_seed"])
        loss = sum((o * torch.as_tensor(rng.normal(size=tuple(o.shape)), dtype=o.dtype)).sum()
                   for o in outputs if o.is_floating_point())
        loss.backward()
        result["input_grads"] = [x.grad.numpy() if x.grad is not None else np.zeros(x.shape)
                                 for x in inputs if x.is_floating_point()]
        result["param_grads"] = {name: (p.grad.numpy() if p.grad is not None else np.zeros(tuple(p.shape)))
                                 for name, p in module.named_parameters()}
    return result


# ---------------------------------------------------------------------------------------------
# Checks: what a hidden block declares.
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    """How one check went: passed or not, with a message for the student."""

    passed: bool
    weight: float
    message: str


def _seed_for(label: str, run_seed: int) -> int:
    return (zlib.crc32(label.encode()) + 1_000_003 * run_seed) % (2**32)


@dataclasses.dataclass
class FunctionCheck:
    """Call the student's function and the reference on the same inputs; compare the results."""

    name: str
    cases: list
    generate: Callable[[np.random.Generator], Any] | None
    n_random: int
    compare: Callable
    weight: float
    needs_reference: bool = True

    def requests(self, run_seed: int) -> list[dict]:
        rng = np.random.default_rng(_seed_for(self.name, run_seed))
        calls = [_as_call(case) for case in self.cases]
        if self.generate is not None:
            calls += [_as_call(self.generate(rng)) for _ in range(self.n_random)]
        return [{"kind": "function", "name": self.name, "args": encoding.to_plain(list(c.args)),
                 "kwargs": encoding.to_plain(dict(c.kwargs))} for c in calls]

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict]) -> Outcome:
        failures = []
        for request, exp, act in zip(requests, expected, actual):
            problem = _compare_result(exp, act, self.compare, request)
            if problem:
                failures.append(f"{_describe_call(self.name, request)}: {problem}")
        return _outcome(self.name, len(requests), failures, self.weight)


@dataclasses.dataclass
class ValueCheck:
    """Compare a variable the student sets (a quiz answer, a measured number) with the reference's."""

    name: str
    compare: Callable
    weight: float
    needs_reference: bool = True

    def requests(self, run_seed: int) -> list[dict]:
        return [{"kind": "value", "name": self.name}]

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict]) -> Outcome:
        problem = _compare_result(expected[0], actual[0], self.compare, requests[0])
        if problem:
            return Outcome(False, self.weight, f"{self.name}: {problem}")
        return Outcome(True, self.weight, f"{self.name}: agrees with the reference")


@dataclasses.dataclass
class ModuleCheck:
    """Build the student's torch module with given weights; compare outputs and gradients."""

    name: str
    init: dict
    weights: Callable[[np.random.Generator], dict] | dict
    inputs: Callable[[np.random.Generator], tuple]
    n_random: int
    compare: Callable
    grads: bool
    weight: float
    needs_reference: bool = True

    def requests(self, run_seed: int) -> list[dict]:
        rng = np.random.default_rng(_seed_for(self.name, run_seed))
        requests = []
        for index in range(self.n_random):
            weights = self.weights(rng) if callable(self.weights) else self.weights
            requests.append({"kind": "module", "name": self.name, "init": encoding.to_plain(self.init),
                             "weights": encoding.to_plain(weights),
                             "inputs": encoding.to_plain(list(self.inputs(rng))), "grads": self.grads,
                             "cotangent_seed": int(rng.integers(2**31))})
        return requests

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict]) -> Outcome:
        failures = []
        for request, exp, act in zip(requests, expected, actual):
            problem = _compare_result(exp, act, self.compare, request)
            if problem:
                failures.append(f"{self.name}(**{self.init}) on inputs of shapes "
                                f"{[np.shape(x) for x in request['inputs']]}: {problem}")
        return _outcome(self.name, len(requests), failures, self.weight)


METRICS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {}


def metric(name: str):
    def register(function):
        METRICS[name] = function
        return function
    return register


@metric("accuracy")
def accuracy(labels: np.ndarray, predictions: np.ndarray) -> float:
    return float(np.mean(labels == predictions)) if len(labels) else 0.0


@metric("macro_f1")
def macro_f1(labels: np.ndarray, predictions: np.ndarray) -> float:
    scores = []
    for label in np.unique(labels):
        true_pos = np.sum((predictions == label) & (labels == label))
        predicted, actual = np.sum(predictions == label), np.sum(labels == label)
        precision = true_pos / predicted if predicted else 0.0
        recall = true_pos / actual if actual else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return float(np.mean(scores)) if scores else 0.0


@dataclasses.dataclass
class TrainingCheck:
    """Train the student's pipeline, predict on held-out inputs, score against a threshold."""

    train: str
    predict: str
    train_args: tuple
    heldout_inputs: Any
    heldout_labels: Any
    metric: str
    threshold: float
    weight: float
    needs_reference: bool = False

    @property
    def name(self) -> str:
        return self.train

    def requests(self, run_seed: int) -> list[dict]:
        return [{"kind": "training", "train": self.train, "predict": self.predict,
                 "train_args": encoding.to_plain(list(self.train_args)),
                 "heldout_inputs": encoding.to_plain(self.heldout_inputs)}]

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict]) -> Outcome:
        result = actual[0]
        if not result.get("ok"):
            return Outcome(False, self.weight, f"{self.train}/{self.predict} raised {result['error']}: {result['message']}")
        labels = np.asarray(encoding.to_plain(list(self.heldout_labels)))
        predictions = np.asarray(result["value"])
        if predictions.shape != labels.shape:
            return Outcome(False, self.weight, f"{self.predict} returned {predictions.shape[0] if predictions.ndim else 0} "
                                               f"predictions for {len(labels)} held-out examples")
        score = METRICS[self.metric](labels, predictions)
        passed = score >= self.threshold
        verdict = "reaches" if passed else "is below"
        return Outcome(passed, self.weight, f"{self.metric} on held-out data = {score:.3f}, which {verdict} "
                                            f"the threshold {self.threshold:.3f}")


def _compare_result(expected: dict, actual: dict, compare: Callable, request: dict) -> str | None:
    """None if ``actual`` agrees with ``expected``, else why not."""
    if not expected.get("ok"):
        if actual.get("ok"):
            return f"should raise {expected['error']}, but returned {actual['value']!r:.120}"
        if actual["error"] != expected["error"]:
            return f"should raise {expected['error']}, but raised {actual['error']}: {actual['message']}"
        return None
    if not actual.get("ok"):
        return f"raised {actual['error']}: {actual['message']}"
    try:
        compare(expected["value"], actual["value"], request)
    except Mismatch as mismatch:
        return str(mismatch)
    return None


def _outcome(name: str, total: int, failures: list[str], weight: float) -> Outcome:
    if not failures:
        return Outcome(True, weight, f"{name}: all {total} checks agree with the reference")
    return Outcome(False, weight, f"{name}: wrong on {len(failures)} of {total} inputs, e.g. {failures[0]}")


# ---------------------------------------------------------------------------------------------
# The public calls, and the two ways of running them.
# ---------------------------------------------------------------------------------------------

_collected: list | None = None  # set while the trusted grader collects checks


@contextlib.contextmanager
def collecting() -> Iterator[list]:
    """Within this block, check_* calls are recorded (and returned) instead of run."""
    global _collected
    previous, _collected = _collected, []
    try:
        yield _collected
    finally:
        _collected = previous


def _submit(check) -> Outcome | None:
    if _collected is not None:
        _collected.append(check)
        return None
    from nlpcourse.grading import kernel  # imported late: it needs IPython

    return kernel.run_here(check)


def check_function(name: str, cases: list = (), generate: Callable | None = None, n_random: int = 0,
                   compare: Callable | None = None, weight: float = 1.0) -> Outcome | None:
    """Compare the student's ``name(...)`` with the reference on ``cases`` plus ``n_random`` inputs
    from ``generate(rng)`` (each a tuple of positional arguments or a :class:`Call`).

    ``compare`` defaults to :func:`exact`. If the reference raises on an input, the student's
    function must raise the same exception type.
    """
    if not cases and generate is None:
        raise ValueError("check_function needs cases, a generate function, or both")
    return _submit(FunctionCheck(name, list(cases), generate, n_random if generate else 0,
                                 compare or exact(), weight))


def check_value(name: str, compare: Callable | None = None, weight: float = 1.0) -> Outcome | None:
    """Compare the variable ``name`` that the student sets with the reference's value."""
    return _submit(ValueCheck(name, compare or exact(), weight))


def check_module(name: str, init: dict, weights: Callable | dict, inputs: Callable, n_random: int = 3,
                 compare: Callable | None = None, grads: bool = True, weight: float = 1.0) -> Outcome | None:
    """Build ``name(**init)`` (a torch module) for the student and the reference, load the same
    ``weights`` (a dict of arrays, or ``weights(rng)``), run both on ``inputs(rng)`` and compare
    outputs and, if ``grads``, the gradients of a random projection of the outputs with respect
    to the inputs and to every parameter.
    """
    return _submit(ModuleCheck(name, dict(init), weights, inputs, n_random, compare or close(1e-5, 1e-6),
                               grads, weight))


def check_training(train: str, predict: str, train_args: tuple, heldout_inputs: Any, heldout_labels: Any,
                   metric: str = "accuracy", threshold: float = 0.0, weight: float = 1.0) -> Outcome | None:
    """Call ``model = train(*train_args)``, then ``predict(model, heldout_inputs)``, and require
    ``metric(heldout_labels, predictions) >= threshold``. The student's code never sees the labels.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {sorted(METRICS)}")
    return _submit(TrainingCheck(train, predict, tuple(train_args), heldout_inputs, heldout_labels,
                                 metric, threshold, weight))
