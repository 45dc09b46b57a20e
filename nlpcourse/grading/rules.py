"""The rules a prompt states, graded on every input without the author writing a check for them.

A hidden check compares the student's *values* with the reference's (``compare``); on top of
that, every input is held to these rules unless the check relaxes one with a reason
(``relax={"type": "any float dtype is fine: the prompt does not fix one"}``):

- ``type``: every part of the answer has the reference's type: an array (a NumPy array or a
  tensor) of the same dtype where the reference returns one, a list where it returns a list or
  tuple, and ``int``, ``float``, ``bool``, ``str`` or ``None`` where it returns that (NumPy
  scalars count as the Python number they hold). Shapes are the comparator's business.
- ``inputs``: the arguments after the call are what the reference leaves them: unchanged where
  the reference does not modify them, modified the same way where it works in place.
- ``errors`` (checked when the author runs the solution notebook, see ``kernel``): when the
  reference raises on invalid arguments, some hidden case must make it raise, so that a student
  who does not raise loses points.

What it does not do: check values (that is the comparator) or shapes of nested parts the
reference does not have.
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

RULES = ("type", "inputs", "errors")


def checked_relax(relax: dict | None) -> dict:
    """``relax`` validated: known rule names, each with a reason."""
    relax = dict(relax or {})
    for rule, reason in relax.items():
        if rule not in RULES:
            raise ValueError(f"relax: unknown rule {rule!r}; rules are {', '.join(RULES)}")
        if not isinstance(reason, str) or len(reason.strip()) < 10:
            raise ValueError(f"relax: say why the {rule!r} rule does not apply (a sentence, not {reason!r})")
    return relax


def _kind(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a dict"
    if value is None:
        return "None"
    return f"a Python {type(value).__name__}"


def type_problem(expected: Any, actual: Any, path: str = "") -> str | None:
    """Where ``actual`` breaks the ``type`` rule against ``expected``, or None."""
    where = f" at {path}" if path else ""
    if isinstance(expected, np.ndarray):
        if not isinstance(actual, np.ndarray):
            return f"type{where}: expected {_kind(expected)} (a NumPy array or tensor), got {_kind(actual)}"
        if actual.dtype != expected.dtype:
            return f"dtype{where}: expected {expected.dtype}, got {actual.dtype}"
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"type{where}: expected a list or tuple, got {_kind(actual)}"
        for index, (exp_item, act_item) in enumerate(zip(expected, actual)):
            problem = type_problem(exp_item, act_item, f"{path}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"type{where}: expected a dict, got {_kind(actual)}"
        for key in expected:
            if key in actual:
                problem = type_problem(expected[key], actual[key], f"{path}[{key!r}]")
                if problem:
                    return problem
        return None
    if type(expected) is not type(actual):
        return f"type{where}: expected {_kind(expected)}, got {_kind(actual)}"
    return None


def changed_arguments(before: list, after: list) -> list[int]:
    """Positions whose plain value differs between ``before`` and ``after`` (deep comparison)."""
    return [index for index, (old, new) in enumerate(zip(before, after)) if not same_plain(old, new)]


def same_plain(a: Any, b: Any) -> bool:
    """Exact equality of two plain values (arrays by dtype, shape and values; nan equals nan)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype
                and a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_plain(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_plain(a[k], b[k]) for k in a)
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and a != a and b != b:
        return True
    return a == b


def argument_name(position: int, request: dict) -> str:
    """'argument 2' for positional arguments, 'argument mask=' for keyword ones (1-based)."""
    n_positional = len(request.get("args", []))
    if position < n_positional:
        return f"argument {position + 1}"
    keys = list(request.get("kwargs", {}))
    return f"argument {keys[position - n_positional]}="


def raised_exceptions(source: str, name: str) -> set[str]:
    """Exception names the top-level function ``name`` in ``source`` raises itself with ``raise X``
    (NotImplementedError and bare re-raises left out); empty if ``name`` is not a function there."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Raise) and inner.exc is not None:
                    target = inner.exc.func if isinstance(inner.exc, ast.Call) else inner.exc
                    label = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "an exception")
                    if label != "NotImplementedError":
                        found.add(label)
    return found


def errors_problem(name: str, reference_sources: list[str], expected: list, relax: dict) -> str | None:
    """The ``errors`` rule, for the author: a reference that raises must be made to raise by a case."""
    if "errors" in relax:
        return None
    raised = set().union(*(raised_exceptions(source, name) for source in reference_sources))
    if raised and all(result is None or result.get("ok") for result in expected):
        return (f"authoring: the reference {name} raises {', '.join(sorted(raised))} on invalid arguments, but no "
                f"hidden input makes it raise, so a student who never raises loses nothing. Add an invalid input "
                f"to cases=[...], or relax={{'errors': '<why not>'}}.")
    return None
