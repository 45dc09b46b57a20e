"""The hidden-test format of the course (see ``checks`` for how to write a hidden block)."""

from nlpcourse.grading.checks import Call, check_function, check_module, check_training, check_value
from nlpcourse.grading.compare import Mismatch, close, exact, satisfies, unordered
from nlpcourse.grading.encoding import rebuild

__all__ = ["Call", "check_function", "check_module", "check_training", "check_value",
           "Mismatch", "close", "exact", "rebuild", "satisfies", "unordered"]
