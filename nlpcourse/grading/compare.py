"""Ways to compare a student's answer with the reference answer.

Every comparator is called as ``comparator(expected, actual, args)`` on plain data (see
``encoding``) and raises :class:`Mismatch` with a message a student can act on, or returns None.

- ``exact()``: same structure, same values (``3 == 3.0`` counts here; whether an int may stand for
  a float is the ``type`` rule's business, see ``rules``).
- ``close(rtol, atol)``: like exact, but numbers and arrays within tolerance, shapes must agree.
- ``unordered(inner)``: lists compared as multisets, then element-wise with ``inner``.
- ``satisfies(prop)``: any property; ``prop(args, expected, actual)`` raises AssertionError or
  returns False when the answer is wrong (use it where several answers are right).

A comparator never raises anything but :class:`Mismatch` on what a student returns, whatever its
structure, type, dtype or depth: :func:`compare_safely` turns any other exception into a
``structure`` mismatch.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import numpy as np


class Mismatch(AssertionError):
    """The student's answer differs from the reference; the message says how.

    ``rule`` names what failed: ``value``, ``shape``, ``structure`` (length, keys, nesting),
    ``type`` or ``dtype``.
    """

    def __init__(self, message: str = "", rule: str = "value"):
        super().__init__(message)
        self.rule = rule


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _type_name(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _as_numeric_array(value: Any, where: str) -> np.ndarray:
    """``value`` as a numeric array, or a Mismatch (ragged lists, strings, dicts, None)."""
    if isinstance(value, (dict, str)) or value is None:
        raise Mismatch(f"expected an array{where}, got {_type_name(value)}", "type")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        raise Mismatch(f"expected an array{where}, got a ragged {_type_name(value)}", "structure") from None
    if array.dtype == object or array.dtype.kind in "USV":
        raise Mismatch(f"expected a numeric array{where}, got {_type_name(value)}", "type")
    return array


def _walk(expected: Any, actual: Any, numbers_equal: Callable[[Any, Any], bool], path: str) -> None:
    where = f" at {path}" if path else ""
    if isinstance(expected, list) and isinstance(actual, np.ndarray):
        try:
            exp = _as_numeric_array(expected, where)
        except Mismatch:  # e.g. a tuple (output, weights) expected, a single array returned
            raise Mismatch(f"expected a list/tuple of {len(expected)} items{where}, got {_type_name(actual)}",
                           "type") from None
    if isinstance(expected, np.ndarray) or isinstance(actual, np.ndarray):
        exp = _as_numeric_array(expected, where)
        act = _as_numeric_array(actual, where)
        if exp.shape != act.shape:
            raise Mismatch(f"shape{where}: expected {exp.shape}, got {act.shape}", "shape")
        if not numbers_equal(exp, act):
            bad = np.argwhere(~np.isclose(exp.astype(complex), act.astype(complex), equal_nan=True)
                              if exp.size else np.zeros((0, exp.ndim), bool))
            first = tuple(int(i) for i in bad[0]) if len(bad) else ()
            hint = (f"; first difference at index {first}: expected {exp[first].tolist()!r}, "
                    f"got {act[first].tolist()!r}") if len(bad) else ""
            raise Mismatch(f"values differ{where}{hint}")
        return
    if type(expected) is bool or type(actual) is bool:
        if type(expected) is not type(actual) or expected != actual:
            raise Mismatch(f"expected {_short(expected)}{where}, got {_short(actual)}")
        return
    if _is_number(expected) and _is_number(actual):
        if not numbers_equal(np.asarray(expected), np.asarray(actual)):
            raise Mismatch(f"expected {_short(expected)}{where}, got {_short(actual)}")
        return
    if isinstance(expected, list):
        if not isinstance(actual, list):
            raise Mismatch(f"expected a list/tuple{where}, got {_type_name(actual)}", "type")
        if len(expected) != len(actual):
            raise Mismatch(f"length{where}: expected {len(expected)}, got {len(actual)}", "structure")
        for index, (exp_item, act_item) in enumerate(zip(expected, actual)):
            _walk(exp_item, act_item, numbers_equal, f"{path}[{index}]")
        return
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            raise Mismatch(f"expected a dict{where}, got {_type_name(actual)}", "type")
        if set(expected) != set(actual):
            missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
            raise Mismatch(f"keys{where}: missing {missing}, unexpected {extra}", "structure")
        for key in expected:
            _walk(expected[key], actual[key], numbers_equal, f"{path}[{key!r}]")
        return
    if type(expected) is not type(actual) and not (_is_number(expected) and _is_number(actual)):
        raise Mismatch(f"expected {_short(expected)}{where}, got {_type_name(actual)} {_short(actual)}", "type")
    if expected != actual:
        raise Mismatch(f"expected {_short(expected)}{where}, got {_short(actual)}")


def compare_safely(compare: Callable, expected: Any, actual: Any, args: Any = None) -> Mismatch | None:
    """Run ``compare``; its Mismatch, or a ``structure`` Mismatch for any other error, or None."""
    try:
        compare(expected, actual, args)
    except Mismatch as mismatch:
        return mismatch
    except RecursionError:
        return Mismatch("the answer is nested far more deeply than the reference's", "structure")
    except Exception as error:  # a comparator met a structure it did not expect: the answer is wrong
        return Mismatch(f"the answer's structure differs from the reference's ({type(error).__name__})", "structure")
    return None


class exact:
    """Equal structure and values."""

    def __call__(self, expected: Any, actual: Any, args: Any = None) -> None:
        _walk(expected, actual, lambda e, a: bool(np.array_equal(e, a, equal_nan=True)), "")

    def __repr__(self) -> str:
        return "exact()"


class close:
    """Equal structure; numbers and arrays equal within ``rtol``/``atol`` (like ``np.allclose``)."""

    def __init__(self, rtol: float = 1e-5, atol: float = 1e-8):
        self.rtol, self.atol = rtol, atol

    def __call__(self, expected: Any, actual: Any, args: Any = None) -> None:
        def numbers_equal(e: np.ndarray, a: np.ndarray) -> bool:
            try:
                return bool(np.allclose(a, e, rtol=self.rtol, atol=self.atol, equal_nan=True))
            except TypeError:
                return bool(np.array_equal(e, a))

        _walk(expected, actual, numbers_equal, "")

    def __repr__(self) -> str:
        return f"close(rtol={self.rtol}, atol={self.atol})"


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=lambda v: np.asarray(v).tolist())


class unordered:
    """Lists that must hold the same items in any order (compared with ``inner`` once sorted)."""

    def __init__(self, inner: Callable = None):
        self.inner = inner or exact()

    def __call__(self, expected: Any, actual: Any, args: Any = None) -> None:
        if not isinstance(actual, list):
            raise Mismatch(f"expected a list, got {_type_name(actual)}", "type")
        if len(expected) != len(actual):
            raise Mismatch(f"expected {len(expected)} items, got {len(actual)}", "structure")
        self.inner(sorted(expected, key=_sort_key), sorted(actual, key=_sort_key), args)

    def __repr__(self) -> str:
        return f"unordered({self.inner!r})"


class satisfies:
    """A property of the answer; ``prop(args, expected, actual)`` fails by assert or False."""

    def __init__(self, prop: Callable[[Any, Any, Any], Any], description: str = ""):
        self.prop = prop
        self.description = description or getattr(prop, "__name__", "property")

    def __call__(self, expected: Any, actual: Any, args: Any = None) -> None:
        try:
            ok = self.prop(args, expected, actual)
        except Mismatch:
            raise
        except AssertionError as error:
            raise Mismatch(str(error) or f"does not satisfy {self.description}") from None
        except Exception as error:  # the answer had the wrong shape for the property
            raise Mismatch(f"does not satisfy {self.description}: {type(error).__name__}: {error}") from None
        if ok is False:
            raise Mismatch(f"does not satisfy {self.description}")

    def __repr__(self) -> str:
        return f"satisfies({self.description})"
