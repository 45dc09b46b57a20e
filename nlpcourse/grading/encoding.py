"""Turn answers into plain data and back: JSON with NumPy arrays embedded, never pickle.

A student's return value leaves the sandbox only as the text that :func:`dumps` writes, and the
grader reads it back with :func:`loads`, which can build nothing but ``None``, ``bool``, ``int``,
``float``, ``str``, ``list``, ``dict`` with string keys and numeric ``numpy.ndarray``. So an object
whose ``__eq__`` always answers True, or a subclass of ``float`` or ``str`` with a lying ``__eq__``,
cannot reach the comparison. NumPy scalars are the one exception to "exact types only": they are
converted to the Python number they hold (``np.float64(0.5)`` becomes ``0.5``), because NumPy
returns them from everyday code such as ``array.sum()``; their values cannot lie.

What it does not do: keep the difference between tuples and lists, or between dict insertion
orders; comparisons treat those as equal.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from typing import Any

import numpy as np

ARRAY_TAG = "__ndarray__"
FLOAT_TAG = "__float__"  # nan and infinities, which JSON cannot spell
ALLOWED_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                  "float16", "float32", "float64", "complex64", "complex128"}
MAX_DEPTH = 64


class EncodingError(TypeError):
    """The value holds something that is not plain data."""


def to_plain(value: Any, _depth: int = 0) -> Any:
    """A copy of ``value`` made only of plain types (see the module docstring).

    Torch tensors become arrays; NumPy scalars become Python numbers; tuples become lists.
    Raises :class:`EncodingError` naming the first type it cannot convert.
    """
    if _depth > MAX_DEPTH:
        raise EncodingError("value is nested too deeply")
    # Exact type checks: a subclass of int/float/str could lie about its value or equality.
    if value is None or type(value) in (bool, int, str):
        return value
    if type(value) is float:
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if type(value) in (list, tuple):
        return [to_plain(item, _depth + 1) for item in value]
    if type(value) is dict:
        plain = {}
        for key, item in value.items():
            if type(key) is not str:
                raise EncodingError(f"dictionary keys must be str, got {type(key).__name__}")
            plain[key] = to_plain(item, _depth + 1)
        return plain
    if type(value) is np.ndarray:
        if value.dtype.name not in ALLOWED_DTYPES:
            raise EncodingError(f"arrays must be numeric, got dtype {value.dtype}")
        return np.array(value, copy=True)
    if type(value).__module__.startswith("torch") and type(value).__name__ in ("Tensor", "Parameter"):
        return to_plain(value.detach().cpu().numpy(), _depth)
    raise EncodingError(f"cannot grade a value of type {type(value).__module__}.{type(value).__qualname__}")


def _encode(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        data = np.ascontiguousarray(value)  # a 0-d array comes back 1-d: keep value.shape
        return {ARRAY_TAG: {"dtype": data.dtype.name, "shape": list(value.shape),
                            "data": base64.b64encode(data.tobytes()).decode("ascii")}}
    if isinstance(value, float) and not math.isfinite(value):
        return {FLOAT_TAG: repr(value)}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


def dumps(value: Any) -> str:
    """JSON text for ``value`` (converted with :func:`to_plain` first)."""
    return json.dumps(_encode(to_plain(value)), allow_nan=False)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if set(value) == {ARRAY_TAG}:
            spec = value[ARRAY_TAG]
            dtype = str(spec["dtype"])
            if dtype not in ALLOWED_DTYPES:
                raise EncodingError(f"refusing array of dtype {dtype!r}")
            shape = tuple(int(n) for n in spec["shape"])
            array = np.frombuffer(base64.b64decode(spec["data"]), dtype=np.dtype(dtype))
            return array.reshape(shape).copy()
        if set(value) == {FLOAT_TAG}:
            text = value[FLOAT_TAG]
            if text not in ("nan", "inf", "-inf"):
                raise EncodingError(f"bad float {text!r}")
            return float(text)
        return {str(key): _decode(item) for key, item in value.items()}
    if value is None or type(value) in (bool, int, float, str):
        return value
    raise EncodingError(f"unexpected JSON value {value!r}")


def loads(text: str) -> Any:
    """The plain value that :func:`dumps` wrote. Builds no other kind of object."""
    return _decode(json.loads(text))


def round_trip(value: Any) -> Any:
    """``loads(dumps(value))``: what the grader will see of ``value``."""
    return loads(dumps(value))


def literal(value: Any) -> str:
    """Python source that rebuilds the plain ``value`` exactly (arrays as ``np.array(..., dtype=...)``)."""
    if isinstance(value, np.ndarray):
        if value.size == 0:
            return f"np.zeros({tuple(value.shape)!r}, dtype=np.{value.dtype.name})"
        return f"np.array({literal(value.tolist())}, dtype=np.{value.dtype.name})"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"float({repr(value)!r})"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {literal(item)}" for key, item in value.items()) + "}"
    return repr(value)


def packed(value: Any) -> str:
    """``value`` as one short ASCII string that :func:`rebuild` turns back into it."""
    return base64.b64encode(zlib.compress(dumps(value).encode("utf-8"), 9)).decode("ascii")


def rebuild(text: str) -> Any:
    """The value that :func:`packed` wrote (a failing input copied from grading feedback)."""
    return loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))
