"""Calls an answer may not make: the reference of its own exercise, or the one library call that
does the whole exercise.

The helper package ships reference code that later weeks build on (``nlpcourse.seq2seq`` holds a
working sequence loss and greedy decoder), and libraries have one-call answers to many exercises
(``F.cross_entropy(..., ignore_index=pad_id)`` *is* a masked sequence loss). A hidden check names
what its exercise may not call::

    check_function("masked_sequence_loss", ..., deny=["nlpcourse.seq2seq.sequence_loss",
                                                      "torch.nn.functional.cross_entropy"])

and the prompt says so in words. While the grader runs that check's calls of the student's code,
a denied function raises :class:`DeniedCall`, so the input earns nothing and the feedback says
which call was not allowed. Anywhere else (other exercises, the notebook's own cells, later
weeks) the function works as usual.

How: :func:`install` replaces each named function, where it is defined, with a guard that calls
the original unless the path is *armed*; :func:`armed` arms a set of paths for a block of code.
The sandbox runner installs every denied path of the notebook before the first cell runs, so an
answer that imports the function (``from torch.nn.functional import cross_entropy``) holds the
guard. Only the check's own calls are refused: an answer cell may try things out at its top
level with anything (a check must therefore not be passable by a table computed there: make its
inputs ones a precomputed table cannot cover). In a notebook kernel
the guards are installed when a check first runs, so there an earlier import still holds the
original: the instructor's run of the solutions checks that no reference calls what its own
exercise denies, and grading happens in the sandbox.

What it does not do: stop a student who copies the reference's source or digs the original out of
the guard by reflection. That is not an honest answer, and the original notebook of every
submission is kept for an instructor to read.
"""

from __future__ import annotations

import contextlib
import importlib
from typing import Callable, Iterable, Iterator


class DeniedCall(RuntimeError):
    """An answer called a function its exercise does not allow."""


_armed: frozenset = frozenset()
_originals: dict = {}  # dotted path -> the function the guard replaced


def checked_deny(deny: Iterable[str] | None) -> tuple:
    """``deny`` validated: dotted paths of functions or methods that can be found (and guarded)."""
    paths = tuple(deny or ())
    for path in paths:
        if not isinstance(path, str) or path.count(".") < 1:
            raise ValueError(f"deny: {path!r} is not a dotted path such as 'torch.nn.functional.cross_entropy'")
        owner, attribute = _owner_of(path)
        value = getattr(owner, attribute)
        if isinstance(value, type) or not callable(value):
            raise ValueError(f"deny: {path} is not a function or method (deny a class's method, e.g. "
                             f"'{path}.forward', so that isinstance keeps working)")
    return paths


def _owner_of(path: str):
    """(object holding the attribute, attribute name) for a dotted path 'module[.Class].name'."""
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:-1]:
            owner = getattr(owner, name)
        if not hasattr(owner, parts[-1]):
            break
        return owner, parts[-1]
    raise ValueError(f"deny: cannot find {path}")


def _guard(path: str, original: Callable) -> Callable:
    def guarded(*args, **kwargs):
        if path in _armed:
            raise DeniedCall(f"calling {path} is not allowed in this exercise: it does what the exercise asks "
                             "you to write (see the prompt)")
        return original(*args, **kwargs)

    guarded.__name__ = getattr(original, "__name__", path.rsplit(".", 1)[-1])
    guarded.__qualname__ = getattr(original, "__qualname__", guarded.__name__)
    guarded.__doc__ = getattr(original, "__doc__", None)
    return guarded


def install(paths: Iterable[str]) -> None:
    """Put a guard in place of each function (once; a guard does nothing until armed)."""
    for path in paths:
        if path in _originals:
            continue
        owner, attribute = _owner_of(path)
        stored = vars(owner).get(attribute) if isinstance(owner, type) else None
        if isinstance(stored, (staticmethod, classmethod)):
            guard = type(stored)(_guard(path, stored.__func__))
        else:
            guard = _guard(path, getattr(owner, attribute))
        _originals[path] = getattr(owner, attribute)
        setattr(owner, attribute, guard)


@contextlib.contextmanager
def armed(paths: Iterable[str]) -> Iterator[None]:
    """Within this block, calling any of ``paths`` raises :class:`DeniedCall`."""
    global _armed
    paths = frozenset(paths)
    install(paths)
    previous, _armed = _armed, _armed | paths
    try:
        yield
    finally:
        _armed = previous
