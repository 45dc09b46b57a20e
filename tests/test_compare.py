"""Comparators of the hidden-test format."""

import numpy as np
import pytest

from nlpcourse.grading import Mismatch, close, exact, satisfies, unordered


def test_exact_accepts_equal_structures_and_int_float_equality():
    exact()({"a": [1, 2.0], "b": "x"}, {"a": [1, 2], "b": "x"})


@pytest.mark.parametrize("expected, actual, fragment", [
    ([1, 2], [1, 2, 3], "length"),
    ({"a": 1}, {"b": 1}, "keys"),
    (True, 1, "expected True"),
    ("cat", "dog", "expected 'cat'"),
    (np.zeros((2, 3)), np.zeros((3, 2)), "shape"),
    (np.zeros(3), np.array([0, 0, 1e-3]), "index (2,)"),
    ([1, 2], "12", "list"),
])
def test_exact_explains_mismatches(expected, actual, fragment):
    with pytest.raises(Mismatch, match=None) as error:
        exact()(expected, actual)
    assert fragment in str(error.value)


def test_close_uses_tolerances():
    close(rtol=1e-3)(np.array([1.0, 2.0]), np.array([1.0005, 2.001]))
    with pytest.raises(Mismatch):
        close(rtol=1e-6, atol=0)(np.array([1.0]), np.array([1.001]))
    close()(1.0, 1.0 + 1e-9)


def test_unordered_ignores_order_but_not_multiplicity():
    unordered()([3, 1, 2], [1, 2, 3])
    unordered()([{"x": 1}, {"x": 2}], [{"x": 2}, {"x": 1}])
    with pytest.raises(Mismatch):
        unordered()([1, 1, 2], [1, 2, 2])


def test_satisfies_turns_assertions_and_false_into_mismatch():
    def even(args, expected, actual):
        assert actual % 2 == 0, f"{actual} is odd"

    satisfies(even)(None, 4)
    with pytest.raises(Mismatch, match="3 is odd"):
        satisfies(even)(None, 3)
    with pytest.raises(Mismatch, match="positive"):
        satisfies(lambda a, e, x: x > 0, "positive")(None, -1)
    with pytest.raises(Mismatch, match="TypeError"):
        satisfies(lambda a, e, x: x > 0, "positive")(None, "text")
