"""Trusted grading: every hidden-test verdict is decided in a process that never ran student code.

For one notebook and one grading run, a :class:`Plan` is made once from the instructor's source
notebook in ``solutions/`` (the trust root, never the submission):

1. the hidden block of each test cell is executed here in *collect* mode, which records its
   checks (``nlpcourse.grading.checks``) and makes their inputs from the run's seed;
2. the reference job (setup, context and answer cells of the source notebook) runs those inputs
   in a separate process; its plain-data answers stay in this process.

Then, per student, :func:`grade_notebook` runs the same requests on the student's answer cells
(plus the instructor's setup and context cells) in the sandbox, and compares. The
:class:`TrustedExecute` preprocessor puts this in nbgrader's autograde in place of ``Execute``:
each test cell's outputs are replaced by the verdict (nothing for full marks, the score as an
``execute_result`` for partial credit, an error for zero), so nbgrader's gradebook, formgrader,
feedback and export work unchanged.

A mistake costs points in its own exercise only. When a test cell fails and its exercise builds on
another exercise that also fails its own checks (``padded_attention`` calling the student's
``scaled_dot_product_attention``), the cell is checked again in a second sandboxed run in which
the reference versions of those earlier exercises replace the student's, and it keeps the better
of the two scores. That run holds reference code, so nothing of it reaches the student except
which inputs failed and which rule they broke: no printed output, no returned values.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool, Float, Integer

from autograder import paths, sandbox, seeds
from nlpcourse.grading import checks, encoding
from nlpcourse.grading import notebook as nb

MESSAGE_LIMIT = 20_000  # characters of verdict text per test cell


@dataclasses.dataclass
class CellChecks:
    """The checks of one test cell and the requests made for them."""

    grade_id: str
    checks: list
    requests: list  # one list of request dicts per check


@dataclasses.dataclass
class Plan:
    """What to run for one notebook in one grading run, and the reference's answers."""

    notebook: str  # "<week>/<day>"
    run_seed: int
    instructor_cells: dict  # grade id or cell id -> source, for setup and context cells
    cell_order: list  # [(role, key)] for setup/context/answer cells, in notebook order
    reference_answers: dict  # answer grade id -> reference source
    tests: list  # [CellChecks]
    expected: dict  # request id -> plain result of the reference
    data_dir: Path
    stubs: dict = dataclasses.field(default_factory=dict)  # answer grade id -> released stub source
    exercise_of: dict = dataclasses.field(default_factory=dict)  # test grade id -> its answer grade id
    defined: dict = dataclasses.field(default_factory=dict)  # answer grade id -> names its reference defines

    @classmethod
    def build(cls, week: str, day: str, run_seed: int, limits: sandbox.Limits) -> "Plan":
        source_path = paths.SOLUTIONS / week / f"{day}.ipynb"
        source = nb.read(source_path)
        instructor_cells, cell_order, reference_answers, tests, exercise_of = {}, [], {}, [], {}
        last_answer = None
        for index, cell in enumerate(source["cells"]):
            cell_role = nb.role(cell)
            key = nb.grade_id(cell) or cell.get("id") or f"cell-{index}"
            if cell_role in ("setup", "context"):
                instructor_cells[key] = nb.source_of(cell)
                cell_order.append((cell_role, key))
            elif cell_role == "answer":
                reference_answers[key] = nb.source_of(cell)
                cell_order.append(("answer", key))
                last_answer = key
            elif cell_role == "test":
                tests.append(_collect(key, nb.hidden_block(nb.source_of(cell)), run_seed, source_path))
                exercise_of[key] = last_answer
        released_path = paths.COURSE / week / f"{day}.ipynb"
        stubs = ({nb.grade_id(c): nb.source_of(c) for c in nb.read(released_path)["cells"] if nb.role(c) == "answer"}
                 if released_path.exists() else {})
        plan = cls(f"{week}/{day}", run_seed, instructor_cells, cell_order, reference_answers, tests, {},
                   paths.COURSE / week, stubs, exercise_of,
                   {key: top_level_names(text) for key, text in reference_answers.items()})
        reference_job = plan.job(reference_answers, only_reference_checks=True)
        result = sandbox.run_job(reference_job, sandboxed=False, limits=limits, data_dir=plan.data_dir)
        failed_cells = {key: cell["error"] for key, cell in result.cells.items() if not cell["ok"]}
        missing = [r["id"] for r in reference_job["requests"] if r["id"] not in result.results]
        if failed_cells or missing or result.timed_out:
            raise RuntimeError(f"The reference solution of {plan.notebook} did not run cleanly "
                               f"(cells failing: {failed_cells}; requests unanswered: {len(missing)}; "
                               f"timed out: {result.timed_out}). {result.log[-2000:]}")
        plan.expected = {rid: encoding.loads(text) for rid, text in result.results.items()}
        return plan

    def job(self, answers: dict, only_reference_checks: bool = False) -> dict:
        """A runner job: instructor setup/context cells, the given answer sources, every request."""
        cells = []
        for cell_role, key in self.cell_order:
            source = self.instructor_cells[key] if cell_role != "answer" else answers.get(key, "")
            cells.append({"id": key, "source": source})
        requests = []
        for test in self.tests:
            for check, check_requests in zip(test.checks, test.requests):
                if only_reference_checks and not check.needs_reference:
                    continue
                for request in check_requests:
                    requests.append(_runner_request(request["id"], request["body"]))
        return {"cells": cells, "requests": requests, "deny": self.denied()}

    def denied(self) -> list:
        """Every path some check of this notebook denies: guarded from the first cell on (see
        ``nlpcourse.grading.denied``)."""
        return sorted({path for test in self.tests for check in test.checks for path in check.deny})

    def builds_on(self, answer_id: str, student_source: str) -> set:
        """The other exercises whose names the reference or the student's answer ``answer_id`` uses."""
        used = used_names(self.reference_answers.get(answer_id, "")) | used_names(student_source)
        own = self.defined.get(answer_id, set())
        return {other for other, names in self.defined.items() if other != answer_id and (names - own) & used}

    def isolated_job(self, answers: dict, isolate: dict) -> dict:
        """A job with one phase per exercise in ``isolate`` (answer id -> :class:`Isolation`): the
        student's answer for that exercise, the reference for every other (after the student's own
        cell, so the student's helpers stay defined), and the requests of the given test cells."""
        setup = [(role, key) for role, key in self.cell_order if role == "setup"]
        phases = []
        for answer_id, isolation in isolate.items():
            cells = []
            for cell_role, key in self.cell_order:
                if cell_role == "context":
                    cells.append({"id": f"iso/{answer_id}/{key}", "source": self.instructor_cells[key]})
                elif cell_role == "answer":
                    cells.append({"id": f"iso/{answer_id}/{key}", "source": answers.get(key, "")})
                    if key != answer_id:
                        cells.append({"id": f"iso/{answer_id}/{key}/reference", "source": self.reference_answers[key]})
            requests = [_runner_request(f"iso/{answer_id}/{request['id']}", request["body"])
                        for test in self.tests if test.grade_id in isolation.test_ids
                        for check_requests in test.requests for request in check_requests]
            phases.append({"cells": cells, "requests": requests})
        return {"cells": [{"id": key, "source": self.instructor_cells[key]} for _, key in setup],
                "requests": [], "phases": phases, "deny": self.denied()}


def _runner_request(request_id: str, body: dict) -> dict:
    """A request as the runner reads it: plain JSON (arrays encoded)."""
    return {"id": request_id, "request": json.loads(encoding.dumps(body))}


def top_level_names(source: str) -> set:
    """Names a cell defines at top level (functions, classes, assignments)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def used_names(source: str) -> set:
    """Every name a cell reads (plain names and attribute names), or none if it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def _collect(grade_id: str, hidden_source: str, run_seed: int, source_path: Path) -> CellChecks:
    """Run a hidden block in collect mode (trusted: it is the instructor's code)."""
    if not hidden_source.strip():
        raise ValueError(f"{source_path}: test cell {grade_id!r} has no hidden checks")
    with checks.collecting() as collected:
        exec(compile(hidden_source, f"<hidden tests {grade_id}>", "exec"), {"__name__": "__hidden__"})
    if not collected:
        raise ValueError(f"{source_path}: the hidden block of {grade_id!r} declares no check_* call")
    requests = []
    for check_index, check in enumerate(collected):
        bodies = checks.make_requests(check, run_seed)
        requests.append([{"id": f"{grade_id}/{check_index}/{n}", "body": body} for n, body in enumerate(bodies)])
    return CellChecks(grade_id, collected, requests)


@dataclasses.dataclass
class CellVerdict:
    grade_id: str
    fraction: float  # of the cell's points
    messages: list


@dataclasses.dataclass
class NotebookVerdict:
    cells: dict  # test grade id -> CellVerdict
    answer_outputs: dict  # answer grade id -> {"ok", "output", "error"}
    problems: list  # messages about the whole run (time limit, crashed sandbox)


def grade_notebook(plan: Plan, answers: dict, limits: sandbox.Limits) -> NotebookVerdict:
    """Run the student's ``answers`` (grade id -> source) in the sandbox and judge every check."""
    result = sandbox.run_job(plan.job(answers), sandboxed=True, limits=limits, data_dir=plan.data_dir)
    setup_cells = [key for role_, key in plan.cell_order if role_ == "setup"]
    if setup_cells and not result.cells.get(setup_cells[0], {}).get("ok"):
        # No student code runs before the setup cell: if it failed, the sandbox itself is broken,
        # and a silent 0 would be a wrong grade.
        raise RuntimeError(f"The grading sandbox could not run the instructor's setup cell of {plan.notebook}: "
                           f"{result.cells.get(setup_cells[0], {}).get('error', 'no result')}. {result.log[-1500:]}")
    problems = _run_problems(result, limits)
    verdicts = {test.grade_id: _judge_cell(plan, test, result.results) for test in plan.tests}
    isolate = _cells_to_isolate(plan, answers, verdicts)
    if isolate:
        _regrade_isolated(plan, answers, isolate, verdicts, limits)
    answer_outputs = {key: result.cells.get(key, {"ok": False, "output": "", "error": "not run"})
                      for role_, key in plan.cell_order if role_ == "answer"}
    return NotebookVerdict(verdicts, answer_outputs, problems)


def answers_of(notebook: dict) -> dict:
    """Answer grade id -> source of every answer cell of a (submitted) notebook."""
    return {nb.grade_id(cell): nb.source_of(cell) for cell in notebook["cells"]
            if nb.role(cell) == "answer" and nb.grade_id(cell)}


def verdict_key(plan: Plan, answers: dict, limits: sandbox.Limits) -> tuple:
    """What a verdict depends on: the notebook, the input seed, the limits and the answers."""
    digest = hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()
    return plan.notebook, plan.run_seed, repr(limits), digest


def grade_ahead(executor: "TrustedExecute", week: str, notebooks: dict, jobs: int, on_done=None) -> dict:
    """Compute the verdicts of many submitted notebooks in ``jobs`` worker processes at once.

    ``notebooks`` maps (student, day) to a submitted notebook's path. Each verdict is stored for
    :meth:`TrustedExecute.preprocess`, so that nbgrader's autograde, which must run one student at
    a time because its SQLite gradebook takes one writer, only copies verdicts in. A verdict is
    exactly what the serial path would compute: the same function, plan, answers and limits.

    The plans are built here, before the workers start, and the workers are forked, so each
    notebook's reference runs once for the whole batch. ``on_done(key, error_or_None)`` is called
    as each notebook finishes. Returns (student, day) -> error for notebooks that could not be
    graded ahead; autograde grades those again itself and reports what goes wrong the usual way.
    This never stops for one notebook: a crash, even of a worker process, is an entry returned.
    """
    limits = executor.limits()
    tasks = {}
    for (student, day), path in sorted(notebooks.items()):
        plan = executor.plan_for(week, day)
        answers = answers_of(nb.read(path))
        tasks[(student, day)] = (plan, answers)
    failures = {}
    with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(_grade_from_inherited_plan, (plan.notebook, plan.run_seed), answers, limits): key
                   for key, (plan, answers) in tasks.items()}
        for future in as_completed(futures):
            key = futures[future]
            plan, answers = tasks[key]
            try:
                executor._verdicts[verdict_key(plan, answers, limits)] = future.result()
                error = None
            except Exception as problem:  # includes a worker that died (BrokenProcessPool)
                error = failures[key] = f"{type(problem).__name__}: {problem}"
            if on_done is not None:
                on_done(key, error)
    return failures


def _grade_from_inherited_plan(plan_id: tuple, answers: dict, limits: sandbox.Limits) -> "NotebookVerdict":
    """Worker side of :func:`grade_ahead`: the plan was built by the parent before the fork."""
    (notebook, run_seed) = plan_id
    week, day = notebook.split("/")
    return grade_notebook(TrustedExecute._plans[(week, day, run_seed)], answers, limits)


def _run_problems(result: sandbox.JobResult, limits: sandbox.Limits) -> list:
    if result.timed_out:
        return [f"Your code ran longer than the time limit ({limits.wall_seconds:.0f} s) and was stopped; "
                "checks that had not finished count as failed."]
    if result.returncode not in (0, None):
        return [f"The grading process stopped early (exit status {result.returncode}); "
                "checks that had not finished count as failed."]
    return []


def _judge_cell(plan: Plan, test: CellChecks, results: dict, prefix: str = "", redact: bool = False) -> CellVerdict:
    """A test cell's share of its points: each check's weight times its score."""
    earned, total, messages = 0.0, 0.0, []
    for check, requests in zip(test.checks, test.requests):
        ids = [r["id"] for r in requests]
        actual = [_decode_result(results.get(prefix + rid)) for rid in ids]
        expected = [plan.expected.get(rid) for rid in ids]
        outcome = check.judge([r["body"] for r in requests], expected, actual, redact=redact)
        total += outcome.weight
        earned += outcome.weight * outcome.score
        messages.append(("passed: " if outcome.passed else "FAILED: ") + outcome.message)
    return CellVerdict(test.grade_id, earned / total if total else 0.0, messages)


@dataclasses.dataclass
class Isolation:
    """The failing test cells of one exercise, and the failing exercises it builds on."""

    test_ids: list
    failing_deps: set


def _cells_to_isolate(plan: Plan, answers: dict, verdicts: dict) -> dict:
    """{answer id: Isolation} for failing cells whose exercise builds on another failing exercise.

    Untouched stubs are left alone: there is nothing of the student's to check again.
    """
    failing = {plan.exercise_of.get(test_id) for test_id, verdict in verdicts.items() if verdict.fraction < 1.0}
    isolate: dict = {}
    for test_id, verdict in verdicts.items():
        answer_id = plan.exercise_of.get(test_id)
        source = answers.get(answer_id, "")
        if verdict.fraction >= 1.0 or answer_id is None or source.strip() == plan.stubs.get(answer_id, "").strip():
            continue
        failing_deps = plan.builds_on(answer_id, source) & failing
        if failing_deps:
            isolate.setdefault(answer_id, Isolation([], failing_deps)).test_ids.append(test_id)
    return isolate


def _regrade_isolated(plan: Plan, answers: dict, isolate: dict, verdicts: dict, limits: sandbox.Limits) -> None:
    """Check the cells of ``isolate`` again with the reference versions of the exercises they build on."""
    result = sandbox.run_job(plan.isolated_job(answers, isolate), sandboxed=True, limits=limits,
                             data_dir=plan.data_dir)
    for answer_id, isolation in isolate.items():
        used = used_names(answers.get(answer_id, "")) | used_names(plan.reference_answers.get(answer_id, ""))
        names = sorted({name for dep in isolation.failing_deps for name in plan.defined.get(dep, set()) & used})
        for test in plan.tests:
            if test.grade_id not in isolation.test_ids:
                continue
            again = _judge_cell(plan, test, result.results, prefix=f"iso/{answer_id}/", redact=True)
            if again.fraction > verdicts[test.grade_id].fraction:
                note = (f"This exercise uses {', '.join(names) or 'earlier exercises'}, which fail their own checks; "
                        "it was graded again with the reference versions of those in place of yours, so that a "
                        "mistake costs points only once:")
                verdicts[test.grade_id] = CellVerdict(test.grade_id, again.fraction, [note, *again.messages])


def _decode_result(payload: str | None) -> dict:
    if payload is None:
        return {"ok": False, "error": "NoResult", "message": "no answer (the code stopped before this check)"}
    try:
        result = encoding.loads(payload)
    except (ValueError, TypeError, encoding.EncodingError):
        return {"ok": False, "error": "BadResult", "message": "the answer could not be read as plain data"}
    if not isinstance(result, dict) or not isinstance(result.get("ok"), bool):
        return {"ok": False, "error": "BadResult", "message": "malformed result"}
    if result["ok"]:
        decoded = {"ok": True, "value": result.get("value")}
        if isinstance(result.get("changed"), dict):  # arguments the call modified (the inputs rule)
            decoded["changed"] = result["changed"]
        return decoded
    return {"ok": False, "error": str(result.get("error", "Error"))[:80], "message": str(result.get("message", ""))[:500]}


class TrustedExecute(Preprocessor):
    """nbgrader autograde step that replaces ``Execute``: verdicts come from :mod:`trusted`."""

    enabled = Bool(True)
    run_seed = Integer(0, help="Seed for generated inputs; 0 uses the assignment's stored seed "
                              "(autograder/grading_seeds.json).").tag(config=True)
    wall_seconds = Float(300.0, help="Wall-clock limit for one student's notebook.").tag(config=True)
    memory_gb = Float(4.0, help="Address-space limit for one student's notebook, in GiB.").tag(config=True)

    _plans: dict = {}
    _verdicts: dict = {}  # verdict_key(...) -> NotebookVerdict computed ahead by grade_ahead()

    def limits(self) -> sandbox.Limits:
        return sandbox.Limits(wall_seconds=self.wall_seconds, cpu_seconds=int(self.wall_seconds * 2),
                              memory_bytes=int(self.memory_gb * 2**30))

    def plan_for(self, week: str, day: str) -> Plan:
        seed = self.run_seed or seeds.assignment_seed(week)
        key = (week, day, seed)
        if key not in self._plans:
            self.log.info("Trusted grading %s/%s with input seed %d", week, day, seed)
            self._plans[key] = Plan.build(week, day, seed, self.limits())
        return self._plans[key]

    def preprocess(self, notebook: NotebookNode, resources: dict):
        info = resources["nbgrader"]
        plan = self.plan_for(info["assignment"], info["notebook"])
        answers = answers_of(notebook)
        # get, not pop: two students who submit the same answers (untouched stubs, say) share a verdict
        verdict = self._verdicts.get(verdict_key(plan, answers, self.limits()))
        if verdict is None:
            verdict = grade_notebook(plan, answers, self.limits())
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            cell.outputs = []
            cell.execution_count = None
            key = nb.grade_id(cell)
            if nb.role(cell) == "test" and key in verdict.cells:
                cell.outputs = _verdict_outputs(verdict.cells[key], cell, verdict.problems)
            elif nb.role(cell) == "answer" and key in verdict.answer_outputs:
                cell.outputs = _answer_outputs(verdict.answer_outputs[key])
        return notebook, resources


def _verdict_outputs(verdict: CellVerdict, cell: NotebookNode, problems: list) -> list:
    points = float(cell.metadata["nbgrader"]["points"])
    text = "\n".join([*problems, *verdict.messages])[:MESSAGE_LIMIT]
    if verdict.fraction >= 1.0:
        return [new_output("stream", name="stdout", text=text + "\n")]
    if verdict.fraction <= 0.0:
        return [new_output("error", ename="AssertionError", evalue=text, traceback=[text])]
    score = round(points * verdict.fraction, 4)
    return [new_output("stream", name="stdout", text=text + "\n"),
            new_output("execute_result", data={"text/plain": repr(score)}, metadata={}, execution_count=None)]


def _answer_outputs(outcome: dict) -> list:
    outputs = []
    if outcome.get("output"):
        outputs.append(new_output("stream", name="stdout", text=outcome["output"][:MESSAGE_LIMIT]))
    if not outcome.get("ok"):
        error = outcome.get("error") or "Error"
        name, _, message = error.partition(": ")
        outputs.append(new_output("error", ename=name[:80], evalue=message[:500], traceback=[error[:500]]))
    return outputs
