"""What the grader holds every input to, beyond its values: types and dtypes, inputs left alone,
raising where the reference raises; partial credit by share of inputs; reproducible feedback;
comparators and the decoder that never crash on what a student returns."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlpcourse.grading import Call, checks, close, encoding, exact, rebuild, rules, satisfies, unordered
from nlpcourse.grading.compare import Mismatch, compare_safely


def _grade(check, reference, student):
    """Judge ``check`` with two plain namespaces, as the trusted grader would."""
    requests = check.requests(run_seed=7)
    expected = [checks.perform(r, reference) for r in requests]
    actual = [checks.perform(r, student) for r in requests]
    return check.judge(requests, expected, actual)


def _function_check(**kwargs):
    with checks.collecting() as collected:
        checks.check_function(**kwargs)
    return collected[0]


def double(x):
    return np.asarray(x, dtype=float) * 2


SCALE_CHECK = dict(name="double", cases=[([1.0, 2.0],), ([0.0],)],
                   generate=lambda rng: (rng.normal(size=3),), n_random=10, compare=close())


def test_right_values_of_the_wrong_dtype_earn_half_and_say_dtype():
    outcome = _grade(_function_check(**SCALE_CHECK), {"double": double},
                     {"double": lambda x: double(x).astype(np.float32)})
    assert outcome.score == checks.RULE_CREDIT
    assert "dtype: expected float64, got float32" in outcome.message


@pytest.mark.parametrize("student, fragment", [
    (lambda x: double(x).tolist(), "got a list"),
    (lambda x: [float(v) for v in double(x)], "got a list"),
])
def test_a_list_where_the_reference_returns_an_array_breaks_the_type_rule(student, fragment):
    outcome = _grade(_function_check(**SCALE_CHECK), {"double": double}, {"double": student})
    assert outcome.score == checks.RULE_CREDIT and fragment in outcome.message


def test_int_for_float_and_zero_d_array_for_float_break_the_type_rule():
    check = _function_check(name="mean", cases=[([2, 4],)], compare=exact())
    reference = {"mean": lambda xs: float(sum(xs) / len(xs))}
    assert _grade(check, reference, {"mean": lambda xs: sum(xs) // len(xs)}).score == checks.RULE_CREDIT
    assert _grade(check, reference, {"mean": lambda xs: np.mean(xs)}).passed, "NumPy scalars count as Python numbers"
    assert _grade(check, reference, {"mean": lambda xs: np.asarray(np.mean(xs))}).score == checks.RULE_CREDIT


def test_a_relaxed_rule_is_not_charged_and_needs_a_reason():
    relaxed = dict(SCALE_CHECK, relax={"type": "the prompt accepts any float dtype"})
    assert _grade(_function_check(**relaxed), {"double": double},
                  {"double": lambda x: double(x).astype(np.float32)}).passed
    with pytest.raises(ValueError, match="say why"):
        _function_check(**dict(SCALE_CHECK, relax={"type": ""}))
    with pytest.raises(ValueError, match="unknown rule"):
        _function_check(**dict(SCALE_CHECK, relax={"values": "never"}))


def test_an_in_place_reference_requires_the_same_change():
    def sort_in_place(items):
        items.sort()

    check = _function_check(name="sort_in_place", cases=[([3, 1, 2],), ([],)], compare=exact())
    reference = {"sort_in_place": sort_in_place}
    assert _grade(check, reference, {"sort_in_place": sort_in_place}).passed
    untouched = _grade(check, reference, {"sort_in_place": lambda items: None})
    assert untouched.score < 1 and "should modify argument 1 in place" in untouched.message
    reversed_ = _grade(check, reference, {"sort_in_place": lambda items: items.sort(reverse=True)})
    assert reversed_.score < 1 and "argument 1 after the call differs" in reversed_.message


def test_credit_is_the_share_of_inputs_with_edge_cases_and_generated_inputs_half_each():
    # Wrong only on the edge case [0.0] (returns 1.0 there): 1 of 2 edge cases, all 10 generated.
    student = {"double": lambda x: double(x) if np.any(np.asarray(x) != 0) else np.ones(1)}
    outcome = _grade(_function_check(**SCALE_CHECK), {"double": double}, student)
    assert outcome.score == pytest.approx(0.5 * 0.5 + 0.5 * 1.0)
    assert "edge inputs: 1/2 right, generated inputs: 10/10 right" in outcome.message
    assert "Smallest failing input: double([0.0])" in outcome.message


def test_raising_where_the_reference_raises_is_graded_by_exception_type():
    def checked_sqrt(x):
        if x < 0:
            raise ValueError("negative")
        return float(np.sqrt(x))

    check = _function_check(name="checked_sqrt", cases=[(4.0,), (-1.0,)])
    reference = {"checked_sqrt": checked_sqrt}
    silent = _grade(check, reference, {"checked_sqrt": lambda x: float(np.sqrt(abs(x)))})
    assert silent.score == 0.5 and "should raise ValueError, but returned 1.0" in silent.message
    other_type = _grade(check, reference, {"checked_sqrt": lambda x: float(np.sqrt(x)) if x >= 0 else [][0]})
    assert "should raise ValueError, but raised IndexError" in other_type.message


def test_the_errors_rule_asks_the_author_for_an_invalid_case():
    source = "def checked_sqrt(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x ** 0.5\n"
    assert rules.raised_exceptions(source, "checked_sqrt") == {"ValueError"}
    assert rules.raised_exceptions("def f():\n    raise NotImplementedError()\n", "f") == set()
    never_raises = [{"ok": True, "value": 2.0}]
    assert "no hidden input makes it raise" in rules.errors_problem("checked_sqrt", [source], never_raises, {})
    assert rules.errors_problem("checked_sqrt", [source], never_raises, {"errors": "raising is not taught here"}) is None
    assert rules.errors_problem("checked_sqrt", [source], [{"ok": False, "error": "ValueError"}], {}) is None


def test_failing_inputs_are_shown_whole_or_as_a_rebuild_line():
    small = {"args": [np.array([[1.5, float("nan")]], dtype=np.float32), "x"], "kwargs": {"axis": -1}}
    text = checks.describe_call("f", small)
    assert text == "f(np.array([[1.5, float('nan')]], dtype=np.float32), 'x', axis=-1)"
    assert "..." not in text
    big = {"args": [np.random.default_rng(0).normal(size=(20, 30))], "kwargs": {}}
    line = checks.describe_call("f", big)
    assert line.startswith("from nlpcourse.grading import rebuild; args, kwargs = rebuild(")
    packed = line.split('rebuild("')[1].split('")')[0]
    args, kwargs = rebuild(packed)
    np.testing.assert_array_equal(args[0], big["args"][0])
    assert kwargs == {}


def test_generated_inputs_depend_only_on_the_seed():
    check = _function_check(**SCALE_CHECK)
    first, again, other = check.requests(5), check.requests(5), check.requests(6)
    assert encoding.dumps(first) == encoding.dumps(again)
    assert encoding.dumps(first[2:]) != encoding.dumps(other[2:])


def test_quiz_feedback_never_shows_the_key():
    with checks.collecting() as collected:
        checks.check_value("q1")
    outcome = _grade(collected[0], {"q1": "c"}, {"q1": "a"})
    assert outcome.score == 0 and "'c'" not in outcome.message and "q1" in outcome.message


# --- Comparators never raise on student data (issue: honest structural mistakes crashed grading) ---

plain_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=5),
    st.lists(st.floats(-1e3, 1e3), max_size=4).map(np.array),
    st.lists(st.integers(-5, 5), max_size=4).map(lambda xs: np.array(xs, dtype=np.int64)),
)
plain_values = st.recursive(plain_leaves, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(st.text(max_size=3), children, max_size=3)), max_leaves=12)
COMPARATORS = [exact(), close(), close(1e-3, 1e-3), unordered(), unordered(close()),
               satisfies(lambda args, expected, actual: actual[0] > expected[0], "bigger")]


@settings(max_examples=300, deadline=None)
@given(expected=plain_values, actual=plain_values, which=st.integers(0, len(COMPARATORS) - 1))
def test_comparators_report_mismatches_and_never_crash(expected, actual, which):
    result = compare_safely(COMPARATORS[which], expected, actual, None)
    assert result is None or isinstance(result, Mismatch)
    if isinstance(result, Mismatch):
        assert result.rule in ("value", "shape", "structure", "type", "dtype")
    assert rules.type_problem(expected, actual) is None or isinstance(rules.type_problem(expected, actual), str)


@settings(max_examples=200, deadline=None)
@given(value=plain_values)
def test_plain_values_survive_the_encoder_exactly(value):
    back = encoding.round_trip(value)
    assert rules.same_plain(encoding.to_plain(value), back)
    assert compare_safely(exact(), encoding.to_plain(value), back) is None or _has_nan(value)


def _has_nan(value) -> bool:
    text = repr(value)
    return "nan" in text


def test_the_issue_examples_are_mismatches_not_crashes():
    assert compare_safely(close(), [np.zeros((1, 2)), np.zeros((1, 3))], np.zeros((1, 2))).rule == "type"
    assert compare_safely(exact(), ["a"], np.array([1])).rule == "type"
    nested = []
    for _ in range(5000):
        nested = [nested]
    assert isinstance(compare_safely(exact(), [1], nested), Mismatch)
    assert encoding.round_trip(np.array(3.0)).shape == ()


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_the_decoder_refuses_garbage_with_one_error_type(text):
    try:
        encoding.loads(text)
    except (ValueError, TypeError):  # EncodingError is a TypeError; JSONDecodeError a ValueError
        pass


def test_call_objects_and_tuples_make_the_same_requests():
    with_tuple = _function_check(name="f", cases=[(1, 2)])
    with_call = _function_check(name="f", cases=[Call((1, 2))])
    assert with_tuple.requests(1) == with_call.requests(1)
