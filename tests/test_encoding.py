"""The plain-data encoding that carries answers out of the sandbox."""

import math

import numpy as np
import pytest

from nlpcourse.grading import encoding


@pytest.mark.parametrize("value", [None, True, 0, -3, 2.5, "héllo", [1, [2, "x"]], {"a": {"b": [1.0]}}])
def test_plain_values_round_trip(value):
    assert encoding.round_trip(value) == value


def test_tuples_become_lists_and_numpy_scalars_become_python_numbers():
    assert encoding.round_trip((1, np.int64(2), np.float32(0.5), np.bool_(True))) == [1, 2, 0.5, True]
    assert type(encoding.round_trip(np.int64(2))) is int


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "bool", "uint8", "complex128"])
def test_arrays_keep_dtype_shape_and_values(dtype):
    array = (np.random.default_rng(0).normal(size=(3, 4)) * 10).astype(dtype)
    back = encoding.round_trip(array)
    assert back.dtype == array.dtype and back.shape == array.shape
    np.testing.assert_array_equal(back, array)


def test_non_finite_floats_survive():
    back = encoding.round_trip([float("nan"), float("inf"), -float("inf")])
    assert math.isnan(back[0]) and back[1:] == [float("inf"), -float("inf")]


def test_torch_tensors_become_arrays():
    torch = pytest.importorskip("torch")
    back = encoding.round_trip(torch.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(back, np.arange(6.0).reshape(2, 3))


class AlwaysEqual:
    def __eq__(self, other):
        return True


class LyingFloat(float):
    def __eq__(self, other):
        return True


class LyingStr(str):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value", [AlwaysEqual(), LyingFloat(1.0), LyingStr("x"), [1, AlwaysEqual()],
                                   {1: "non-str key"}, np.array([object()]), lambda: 1, b"bytes"])
def test_anything_not_plain_is_refused(value):
    with pytest.raises(encoding.EncodingError):
        encoding.dumps(value)


@pytest.mark.parametrize("text", [
    '{"__ndarray__": {"dtype": "object", "shape": [1], "data": ""}}',
    '{"__float__": "__import__(\'os\')"}',
])
def test_decoder_builds_nothing_else(text):
    with pytest.raises(encoding.EncodingError):
        encoding.loads(text)
