"""Run a grading job: execute some notebook cells, then answer plain-data requests.

    python -I -m nlpcourse.grading.runner JOB.json RESULTS.jsonl

``JOB.json`` holds ``{"cells": [{"id": ..., "source": ...}], "requests": [{"id": ..., ...}]}`` and,
optionally, ``"phases": [{"cells": [...], "requests": [...]}]``: each phase starts again from the
namespace the top-level cells left (so it can define other versions of the same names), runs its
cells, then answers its requests. The trusted grader uses phases to check an exercise with the
reference versions of the exercises it builds on. ``"deny"`` lists the dotted paths the
notebook's checks deny (``nlpcourse.grading.denied``): guarded before the first cell, and armed
while a request of a check that denies them runs.
Each line of ``RESULTS.jsonl`` is one JSON object, written as soon as it is known, so whatever
finished before a time limit still counts:

- ``{"type": "cell", "id": ..., "ok": bool, "output": "...", "error": "..."}`` per cell;
- ``{"type": "result", "id": ..., "ok": true, "value": ...}`` or ``{... "ok": false, "error": ...}``
  per request (values encoded by ``encoding.dumps``).

The trusted grader runs this twice per notebook: on the student's answer cells inside a sandbox,
and on the instructor's reference cells in a separate process. It never decides pass or fail.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

from nlpcourse.grading import checks, denied, encoding

OUTPUT_LIMIT = 10_000  # characters of printed output kept per cell


class CappedText(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters and drops the rest."""

    def __init__(self, limit: int = OUTPUT_LIMIT):
        self.limit, self.parts, self.size, self.dropped = limit, [], 0, False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(room, len(text))
        if len(text) > room:
            self.dropped = True
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts) + ("\n[output truncated]" if self.dropped else "")


@contextlib.contextmanager
def captured_output():
    """Send stdout and stderr into one :class:`CappedText` while the block runs."""
    captured = CappedText()
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = captured
    try:
        yield captured
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr


def make_shell():
    """An IPython shell without history or a kernel, so cells may use magics like a notebook."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    return InteractiveShell.instance(config=config)


def run_cell(shell, source: str) -> dict:
    with captured_output() as captured:
        try:
            result = shell.run_cell(source, store_history=False, silent=True)
            error = result.error_before_exec or result.error_in_exec
        except BaseException as exc:  # SystemExit and friends from the student's cell
            error = exc
    outcome = {"ok": error is None, "output": captured.getvalue()}
    if error is not None:
        outcome["error"] = f"{type(error).__name__}: {str(error)[:500]}"
    return outcome


def main(job_path: str, results_path: str) -> None:
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    results = open(results_path, "w", encoding="utf-8")

    def emit(record: dict) -> None:
        results.write(json.dumps(record) + "\n")
        results.flush()

    def run(cells: list, requests: list) -> None:
        for cell in cells:
            emit({"type": "cell", "id": cell["id"], **run_cell(shell, cell["source"])})
        for request in requests:
            with captured_output():  # what the student's function prints is not kept
                result = checks.perform(encoding.loads(json.dumps(request["request"])), shell.user_ns)
            try:
                text = encoding.dumps(result)
            except encoding.EncodingError as error:
                text = encoding.dumps({"ok": False, "error": "TypeError", "message": str(error)})
            emit({"type": "result", "id": request["id"], "payload": text})

    denied.install(job.get("deny", []))  # before any student code: an import of a denied function gets the guard
    shell = make_shell()
    run(job["cells"], job["requests"])
    start = dict(shell.user_ns)
    for phase in job.get("phases", []):
        shell.user_ns.clear()  # in place: functions defined here look their globals up in this dict
        shell.user_ns.update(start)
        run(phase["cells"], phase["requests"])
    results.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
