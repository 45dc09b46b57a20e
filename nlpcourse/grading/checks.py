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
cells of ``solutions/<week>/<day>.ipynb``) on the same inputs. Generated inputs come from a seed
fixed per assignment (``autograder/seeds.py``), so the same submission always gets the same score.

Every input is judged on its values (the ``compare`` function) and on the rules of ``rules``
(types and dtypes, inputs left unchanged); a check earns the share of its inputs that pass, with
the fixed edge cases and the generated inputs each worth half (see ``docs/hidden-tests.md``).

The same block works two ways:

- in a notebook kernel (the instructor runs ``solutions/``, or plain nbgrader autograding), each
  call runs at once: student code and reference in this process, AssertionError on a mismatch;
- in trusted grading (``python -m autograder grade``), the grader only *collects* the checks
  (see :func:`collecting`), makes the inputs, runs the student's cells in a sandbox and the
  reference in another process, and compares the plain-data results itself. A test cell then
  earns points in proportion to the ``weight`` of its checks and the score of each.

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

from nlpcourse.grading import denied, encoding, rules
from nlpcourse.grading.compare import _short, close, compare_safely, exact

RULE_CREDIT = 0.5  # an input whose values are right but that breaks a rule (dtype, inputs) earns half
SHOW_LIMIT = 800  # characters: a failing call this short is printed as Python source
PACKED_LIMIT = 8000  # characters: up to this, a longer one is printed as a rebuild one-liner

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


def _plain_or_marker(value: Any) -> Any:
    try:
        return encoding.to_plain(value)
    except encoding.EncodingError:
        return "<no longer plain data>"


def _call_function(request: dict, namespace: dict) -> dict:
    """Call the function on copies of the arguments; report which arguments it changed."""
    target = _lookup(namespace, request["name"])
    args = copy.deepcopy(list(request["args"]))
    kwargs = copy.deepcopy(dict(request["kwargs"]))
    before = copy.deepcopy(args + list(kwargs.values()))
    result = ok(target(*args, **kwargs))
    after = [_plain_or_marker(value) for value in args + list(kwargs.values())]
    changed = rules.changed_arguments(before, after)
    if changed:
        result["changed"] = {str(position): after[position] for position in changed}
    return result


def perform(request: dict, namespace: dict) -> dict:
    """Carry out one request against the names in ``namespace``; never raises.

    Used by both the sandboxed student runner and the reference runner, so both sides are
    called in exactly the same way.
    """
    try:
        with denied.armed(request.get("deny", ())):
            return _perform(request, namespace)
    except BaseException as error:  # the student's code may raise anything, SystemExit included
        return failed(error)


def _perform(request: dict, namespace: dict) -> dict:
    kind = request["kind"]
    if kind == "function":
        return _call_function(request, namespace)
    if kind == "value":
        return ok(_lookup(namespace, request["name"]))
    if kind == "module":
        return ok(_run_module(request, namespace))
    if kind == "training":
        model = _lookup(namespace, request["train"])(*copy.deepcopy(list(request["train_args"])))
        predictions = _lookup(namespace, request["predict"])(model, copy.deepcopy(request["heldout_inputs"]))
        return ok(list(predictions) if not isinstance(predictions, np.ndarray) else predictions)
    raise ValueError(f"unknown request kind {kind!r}")


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
# Judging one input, and a whole check.
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    """How one check went: the share of its inputs it got right (``score``), with a message."""

    score: float
    weight: float
    message: str

    @property
    def passed(self) -> bool:
        return self.score >= 1.0


@dataclasses.dataclass
class InputVerdict:
    """One input: credit 1, RULE_CREDIT or 0, what failed and how (the detail quotes the answer)."""

    credit: float
    rule: str | None = None
    detail: str = ""


def judge_input(request: dict, expected: dict | None, actual: dict, compare: Callable, relax: dict) -> InputVerdict:
    """Judge the student's result on one input against the reference's; never raises."""
    if expected is not None and not expected.get("ok"):
        if actual.get("ok"):
            return InputVerdict(0.0, "exception", f"should raise {expected['error']}, but returned "
                                                  f"{_short(actual.get('value'), 120)}")
        if actual.get("error") != expected.get("error"):
            return InputVerdict(0.0, "exception", f"should raise {expected['error']}, but raised "
                                                  f"{actual.get('error')}: {actual.get('message', '')}")
        return InputVerdict(1.0)
    if not actual.get("ok"):
        return InputVerdict(0.0, "exception", f"raised {actual.get('error')}: {actual.get('message', '')}")
    if expected is None:
        return InputVerdict(1.0)
    mismatch = compare_safely(compare, expected["value"], actual["value"], request)
    if mismatch is not None:
        return InputVerdict(0.0, mismatch.rule, str(mismatch))
    if "type" not in relax:
        problem = rules.type_problem(expected["value"], actual["value"])
        if problem:
            return InputVerdict(RULE_CREDIT, problem.split(" ", 1)[0], problem)
    if "inputs" not in relax:
        problem = _inputs_problem(request, expected, actual, compare)
        if problem:
            return InputVerdict(RULE_CREDIT, "inputs", problem)
    return InputVerdict(1.0)


def _inputs_problem(request: dict, expected: dict, actual: dict, compare: Callable) -> str | None:
    expected_changed, actual_changed = expected.get("changed") or {}, actual.get("changed") or {}
    if not isinstance(actual_changed, dict):
        return "the record of changed arguments is malformed"
    for position in sorted(set(expected_changed) | set(actual_changed), key=str):
        try:
            name = rules.argument_name(int(position), request)
        except (ValueError, IndexError):
            return "the record of changed arguments is malformed"
        if position not in expected_changed:
            return f"inputs: modified {name}, which must be left unchanged (work on a copy)"
        if position not in actual_changed:
            return f"inputs: should modify {name} in place, as the prompt says, but left it unchanged"
        mismatch = compare_safely(compare, expected_changed[position], actual_changed[position], request)
        if mismatch is not None:
            return f"inputs: {name} after the call differs from the reference's: {mismatch}"
    return None


def describe_call(name: str, request: dict) -> str:
    """The call on one input, as Python a student can paste and run (whole, never cut short)."""
    args, kwargs = request.get("args", []), request.get("kwargs", {})
    parts = [encoding.literal(a) for a in args] + [f"{key}={encoding.literal(v)}" for key, v in kwargs.items()]
    text = f"{name}({', '.join(parts)})"
    if len(text) <= SHOW_LIMIT:
        return text
    try:
        packed = encoding.packed([args, kwargs])
    except encoding.EncodingError:
        packed = None
    if packed is not None and len(packed) <= PACKED_LIMIT:
        return (f'from nlpcourse.grading import rebuild; args, kwargs = rebuild("{packed}"); '
                f"{name}(*args, **kwargs)")
    shapes = [list(np.shape(a)) if isinstance(a, np.ndarray) else type(a).__name__ for a in args]
    return f"{name}(...) on arguments of shapes/types {shapes} (too large to print)"


def _request_size(request: dict) -> int:
    try:
        return len(encoding.dumps([request.get("args", []), request.get("kwargs", {}), request.get("inputs", [])]))
    except encoding.EncodingError:
        return 10**9


def judge_inputs(label: str, requests: list[dict], verdicts: list[InputVerdict], weight: float,
                 describe: Callable[[dict], str], redact: bool = False) -> Outcome:
    """A check's outcome from its inputs' verdicts: edge cases and generated inputs half each.

    The message names the smallest failing input (reproducible), the rule it broke and, unless
    ``redact``, what the answer was. Redacted messages quote nothing the student's code returned.
    """
    groups: dict[str, list[float]] = {}
    for request, verdict in zip(requests, verdicts):
        groups.setdefault(request.get("group", "edge"), []).append(verdict.credit)
    score = float(np.mean([np.mean(credits) for credits in groups.values()])) if groups else 0.0
    total = len(verdicts)
    failing = [(request, verdict) for request, verdict in zip(requests, verdicts) if verdict.credit < 1.0]
    if not failing:
        return Outcome(1.0, weight, f"{label}: all {total} inputs agree with the reference")
    counts = ", ".join(f"{group} inputs: {sum(c == 1.0 for c in credits)}/{len(credits)} right"
                       for group, credits in groups.items())
    request, verdict = min(failing, key=lambda pair: _request_size(pair[0]))
    rules_broken = sorted({v.rule or "value" for _, v in failing})
    detail = f"{verdict.rule} differs from the reference" if redact else verdict.detail
    message = (f"{label}: {total - len(failing)} of {total} inputs right ({counts}); this check earns "
               f"{score:.0%}.\n  Smallest failing input: {describe(request)}\n  -> {detail}")
    if len(rules_broken) > 1:
        message += f"\n  Failing inputs break: {', '.join(rules_broken)}"
    return Outcome(score, weight, message)


# ---------------------------------------------------------------------------------------------
# Checks: what a hidden block declares.
# ---------------------------------------------------------------------------------------------


def make_requests(check, run_seed: int) -> list[dict]:
    """The check's requests, each carrying the check's deny list (what the runner arms)."""
    requests = check.requests(run_seed)
    return [{**request, "deny": list(check.deny)} for request in requests] if check.deny else requests


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
    relax: dict = dataclasses.field(default_factory=dict)
    needs_reference: bool = True
    deny: tuple = ()  # dotted paths the student's code may not call (nlpcourse.grading.denied)

    def requests(self, run_seed: int) -> list[dict]:
        rng = np.random.default_rng(_seed_for(self.name, run_seed))
        calls = [("edge", _as_call(case)) for case in self.cases]
        if self.generate is not None:
            calls += [("generated", _as_call(self.generate(rng))) for _ in range(self.n_random)]
        return [{"kind": "function", "name": self.name, "args": encoding.to_plain(list(c.args)),
                 "kwargs": encoding.to_plain(dict(c.kwargs)), "group": group} for group, c in calls]

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict], redact: bool = False) -> Outcome:
        verdicts = [judge_input(r, e, a, self.compare, self.relax) for r, e, a in zip(requests, expected, actual)]
        return judge_inputs(self.name, requests, verdicts, self.weight,
                            lambda request: describe_call(self.name, request), redact)


@dataclasses.dataclass
class ValueCheck:
    """Compare a variable the student sets (a quiz answer, a measured number) with the reference's.

    The message never shows the reference's value unless ``reveal`` (one submission must not
    give the answer key to the class).
    """

    name: str
    compare: Callable
    weight: float
    relax: dict = dataclasses.field(default_factory=dict)
    reveal: bool = False
    needs_reference: bool = True
    deny: tuple = ()  # dotted paths the student's code may not call (nlpcourse.grading.denied)

    def requests(self, run_seed: int) -> list[dict]:
        return [{"kind": "value", "name": self.name, "group": "edge"}]

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict], redact: bool = False) -> Outcome:
        verdict = judge_input(requests[0], expected[0], actual[0], self.compare, self.relax)
        if verdict.credit >= 1.0:
            return Outcome(1.0, self.weight, f"{self.name}: right")
        if not actual[0].get("ok"):
            why = verdict.detail if not redact else "raised an error"
        elif verdict.rule in ("type", "dtype") and verdict.credit > 0:
            why = verdict.detail  # the rule message names types only, never the reference's value
        elif self.reveal and not redact:
            why = verdict.detail
        else:
            why = "not the right answer"
        return Outcome(verdict.credit, self.weight, f"{self.name}: {why}")


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
    relax: dict = dataclasses.field(default_factory=dict)
    needs_reference: bool = True
    deny: tuple = ()  # dotted paths the student's code may not call (nlpcourse.grading.denied)

    def requests(self, run_seed: int) -> list[dict]:
        rng = np.random.default_rng(_seed_for(self.name, run_seed))
        requests = []
        for index in range(self.n_random):
            weights = self.weights(rng) if callable(self.weights) else self.weights
            requests.append({"kind": "module", "name": self.name, "init": encoding.to_plain(self.init),
                             "weights": encoding.to_plain(weights),
                             "inputs": encoding.to_plain(list(self.inputs(rng))), "grads": self.grads,
                             "cotangent_seed": int(rng.integers(2**31)), "group": "generated"})
        return requests

    def describe(self, request: dict) -> str:
        shapes = [list(np.shape(x)) for x in request["inputs"]]
        text = f"{self.name}(**{self.init!r}) with the given weights, on inputs of shapes {shapes}"
        try:
            packed = encoding.packed({"init": request["init"], "weights": request["weights"],
                                      "inputs": request["inputs"]})
        except encoding.EncodingError:
            return text
        if len(packed) > PACKED_LIMIT:
            return text + " (too large to print)"
        return (f'{text}; to rerun it: from nlpcourse.grading import rebuild; case = rebuild("{packed}"); '
                f'module = {self.name}(**case["init"]); module.load_state_dict({{k: torch.as_tensor(v) for k, v in '
                f'case["weights"].items()}}); module(*[torch.as_tensor(x) for x in case["inputs"]])')

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict], redact: bool = False) -> Outcome:
        verdicts = [judge_input(r, e, a, self.compare, self.relax) for r, e, a in zip(requests, expected, actual)]
        return judge_inputs(self.name, requests, verdicts, self.weight, self.describe, redact)


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


@metric("word_accuracy")
def word_accuracy(labels: np.ndarray, predictions: np.ndarray) -> float:
    """1 - corpus word error rate of transcripts (word edit operations summed over all pairs,
    divided by the number of reference words), clipped at 0."""
    operations, reference_words = 0, 0
    for label, prediction in zip(labels, predictions):
        wanted, said = str(label).split(), str(prediction).split()
        previous = list(range(len(said) + 1))  # one row of the word-level Levenshtein table
        for row, word in enumerate(wanted, start=1):
            current = [row]
            for column, guess in enumerate(said, start=1):
                current.append(min(previous[column] + 1, current[-1] + 1, previous[column - 1] + (word != guess)))
            previous = current
        operations += previous[-1]
        reference_words += len(wanted)
    return max(0.0, 1.0 - operations / reference_words) if reference_words else 0.0


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
    relax: dict = dataclasses.field(default_factory=dict)
    needs_reference: bool = False
    deny: tuple = ()  # dotted paths the student's code may not call (nlpcourse.grading.denied)

    @property
    def name(self) -> str:
        return self.train

    def requests(self, run_seed: int) -> list[dict]:
        return [{"kind": "training", "train": self.train, "predict": self.predict,
                 "train_args": encoding.to_plain(list(self.train_args)),
                 "heldout_inputs": encoding.to_plain(self.heldout_inputs), "group": "edge"}]

    def judge(self, requests: list[dict], expected: list[dict], actual: list[dict], redact: bool = False) -> Outcome:
        result = actual[0]
        if not result.get("ok"):
            detail = f"raised {result.get('error')}" + ("" if redact else f": {result.get('message', '')}")
            return Outcome(0.0, self.weight, f"{self.train}/{self.predict} {detail}")
        labels = np.asarray(encoding.to_plain(list(self.heldout_labels)))
        try:
            predictions = np.asarray(result["value"])
        except (ValueError, TypeError):
            predictions = np.zeros(0)
        if predictions.shape != labels.shape:
            return Outcome(0.0, self.weight, f"{self.predict} returned predictions of shape {predictions.shape} "
                                             f"for {len(labels)} held-out examples")
        score = METRICS[self.metric](labels, predictions)
        passed = score >= self.threshold
        verdict = "reaches" if passed else "is below"
        return Outcome(1.0 if passed else 0.0, self.weight, f"{self.metric} on held-out data = {score:.3f}, "
                                                             f"which {verdict} the threshold {self.threshold:.3f}")


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
                   compare: Callable | None = None, weight: float = 1.0, relax: dict | None = None,
                   deny: list | None = None) -> Outcome | None:
    """Compare the student's ``name(...)`` with the reference on ``cases`` plus ``n_random`` inputs
    from ``generate(rng)`` (each a tuple of positional arguments or a :class:`Call`).

    ``compare`` defaults to :func:`exact`. If the reference raises on an input, the student's
    function must raise the same exception type. The rules of :mod:`rules` apply to every input
    unless ``relax`` names them with a reason: ``relax={"inputs": "the prompt asks to sort in place"}``.
    ``deny`` lists dotted paths of functions the student's code may not call while it is checked
    (the exercise's own reference in ``nlpcourse``, a library call that does the whole exercise;
    see :mod:`nlpcourse.grading.denied`); every check_* call takes it.
    """
    if not cases and generate is None:
        raise ValueError("check_function needs cases, a generate function, or both")
    return _submit(FunctionCheck(name, list(cases), generate, n_random if generate else 0,
                                 compare or exact(), weight, rules.checked_relax(relax),
                                 deny=denied.checked_deny(deny)))


def check_value(name: str, compare: Callable | None = None, weight: float = 1.0, relax: dict | None = None,
                reveal: bool = False, deny: list | None = None) -> Outcome | None:
    """Compare the variable ``name`` that the student sets with the reference's value.

    Feedback says only whether it is right, unless ``reveal`` (for a measured number where seeing
    the expected value is the lesson); a quiz key must never reach the class through feedback.
    """
    return _submit(ValueCheck(name, compare or exact(), weight, rules.checked_relax(relax), reveal,
                              deny=denied.checked_deny(deny)))


def check_module(name: str, init: dict, weights: Callable | dict, inputs: Callable, n_random: int = 3,
                 compare: Callable | None = None, grads: bool = True, weight: float = 1.0,
                 relax: dict | None = None, deny: list | None = None) -> Outcome | None:
    """Build ``name(**init)`` (a torch module) for the student and the reference, load the same
    ``weights`` (a dict of arrays, or ``weights(rng)``), run both on ``inputs(rng)`` and compare
    outputs and, if ``grads``, the gradients of a random projection of the outputs with respect
    to the inputs and to every parameter.
    """
    return _submit(ModuleCheck(name, dict(init), weights, inputs, n_random, compare or close(1e-5, 1e-6),
                               grads, weight, rules.checked_relax(relax), deny=denied.checked_deny(deny)))


def check_training(train: str, predict: str, train_args: tuple, heldout_inputs: Any, heldout_labels: Any,
                   metric: str = "accuracy", threshold: float = 0.0, weight: float = 1.0,
                   deny: list | None = None) -> Outcome | None:
    """Call ``model = train(*train_args)``, then ``predict(model, heldout_inputs)``, and require
    ``metric(heldout_labels, predictions) >= threshold``. The student's code never sees the labels.
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {sorted(METRICS)}")
    return _submit(TrainingCheck(train, predict, tuple(train_args), heldout_inputs, heldout_labels,
                                 metric, threshold, weight, deny=denied.checked_deny(deny)))
