"""Run a grading job (see ``nlpcourse.grading.runner``) in a separate, limited process.

``run_job(job, sandboxed=True)`` is for student code. The process:

- runs under bubblewrap with new user, PID, network, IPC and UTS namespaces: no network, and it
  sees only the Python installation, the system libraries, the ``nlpcourse`` package and a fresh
  job folder, never ``solutions/``, the gradebook, other submissions or the reference results;
- starts Python isolated (``-I``, and ``-B``: ``-I`` ignores PYTHONDONTWRITEBYTECODE, and no
  ``__pycache__`` may be written into the checkout): no PYTHONPATH, no user site, and the job folder is not on the
  import path, so a submitted ``numpy.py`` shadows nothing;
- has limits on CPU time, address space, file size, core dumps and (where cgroups allow, else by
  RLIMIT_NPROC) the number of processes, and a wall-clock limit after which the whole PID
  namespace is killed, so no descendant outlives it;
- returns plain data only: its JSON-lines results file, read back with a size cap.

``run_job(job, sandboxed=False)`` runs the instructor's reference the same way but without
bubblewrap (same limits), in its own process, so reference code never shares a process with the
grader either.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import nlpcourse

PIDS_CGROUP_ROOT = Path("/sys/fs/cgroup/pids")
# Numba's compiled code (librosa uses numba with cache=True). Its usual cache, beside the library's
# sources, is read-only in the sandbox, so each job would compile the same functions again (about
# 15-30 s per notebook that uses librosa). The reference runs, which are trusted, compile into this
# folder; every sandboxed job gets its own writable copy, so student code can never change what
# another job loads.
NUMBA_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nlpcourse-grader" / "numba"
JOB_NUMBA_CACHE = ".numba-cache"
RESULTS_READ_LIMIT = 64 * 2**20


@dataclasses.dataclass
class Limits:
    wall_seconds: float = 120.0
    cpu_seconds: int = 240
    memory_bytes: int = 4 * 2**30
    file_bytes: int = 32 * 2**20
    processes: int = 64
    stdout_bytes: int = 64 * 2**10


@dataclasses.dataclass
class JobResult:
    cells: dict  # cell id -> {"ok", "output", "error"}
    results: dict  # request id -> encoded payload text
    timed_out: bool
    returncode: int | None
    log: str  # what the process printed outside the runner's capture (capped)


def bubblewrap_available() -> bool:
    """True if bubblewrap is installed and can create namespaces here."""
    if shutil.which("bwrap") is None:
        return False
    probe = subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"], capture_output=True)
    return probe.returncode == 0


def _python_roots() -> list[str]:
    """Folders the sandboxed Python needs to read: its install, the venv and this package."""
    roots = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix),
             os.path.realpath(os.path.dirname(nlpcourse.__file__))}
    roots.add(os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))))
    roots.add(os.path.dirname(os.path.dirname(interpreter())))
    # Drop folders inside other folders of the list: bwrap binds each one.
    ordered = sorted(roots, key=len)
    return [r for i, r in enumerate(ordered) if not any(r.startswith(o + os.sep) for o in ordered[:i])]


def interpreter() -> str:
    """This interpreter, reached through real folders but keeping its own name.

    A venv's ``bin/python`` is a symlink that must be started by its venv path (that is how Python
    finds the venv), but a folder above it may be a symlink that the sandbox does not recreate
    (``/tmp/link/.venv/bin/python``): resolve the folder, not the file.
    """
    return os.path.join(os.path.realpath(os.path.dirname(sys.executable)), os.path.basename(sys.executable))


def _bwrap_command(job_dir: Path, python_args: list[str]) -> list[str]:
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
               "--uid", "65534", "--gid", "65534",
               # Mount the fresh /tmp first: a bind made before it would vanish under it (a venv
               # or a checkout may well live in /tmp).
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in ("/usr", "/etc/alternatives", "/etc/ld.so.cache", "/etc/fonts"):
        if os.path.exists(path):
            command += ["--ro-bind", path, path]
    for link, target in (("/lib", "usr/lib"), ("/lib64", "usr/lib64"), ("/bin", "usr/bin"), ("/sbin", "usr/sbin")):
        if os.path.islink(link):
            command += ["--symlink", target, link]
        elif os.path.isdir(link):
            command += ["--ro-bind", link, link]
    for root in _python_roots():
        command += ["--ro-bind", root, root]
    command += ["--bind", str(job_dir), "/job", "--chdir", "/job"]
    return command + ["--"] + python_args


class _PidsCgroup:
    """A cgroup-v1 ``pids`` group capping the number of processes, where we may create one."""

    def __init__(self, limit: int):
        self.path = None
        if PIDS_CGROUP_ROOT.is_dir() and os.access(PIDS_CGROUP_ROOT, os.W_OK):
            path = PIDS_CGROUP_ROOT / f"nlpcourse-{uuid.uuid4().hex[:12]}"
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(limit))
                self.path = path
            except OSError:
                self.path = None

    def enter(self) -> None:
        """Called in the child before exec: move this process into the group."""
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def kill_all_and_remove(self) -> None:
        if self.path is None:
            return
        for _ in range(50):
            pids = [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        try:
            self.path.rmdir()
        except OSError:
            pass


def _limit_child(limits: Limits, cgroup: _PidsCgroup):
    def apply() -> None:
        cgroup.enter()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if os.getuid() != 0:  # root ignores RLIMIT_NPROC; the cgroup covers that case
            resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    return apply


def _child_env(home: str) -> dict:
    return {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": "/tmp", "IPYTHONDIR": "/tmp/ipython", "NLPCOURSE_SIZE": "small",
            "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def run_job(job: dict, sandboxed: bool, limits: Limits | None = None, data_dir: Path | None = None) -> JobResult:
    """Run ``job`` in a fresh folder (with copies of the files in ``data_dir``) and read its results."""
    limits = limits or Limits()
    if sandboxed and not bubblewrap_available():
        raise RuntimeError("Trusted grading needs bubblewrap (Debian package `bubblewrap`): "
                           "run `make setup` as root, or `sudo apt-get install bubblewrap`.")
    with tempfile.TemporaryDirectory(prefix="nlpcourse-job-") as tmp:
        job_dir = Path(tmp)
        if data_dir is not None and data_dir.is_dir():
            for item in data_dir.iterdir():
                if item.is_file() and item.suffix != ".ipynb":
                    shutil.copy2(item, job_dir / item.name)
        if sandboxed and NUMBA_CACHE.is_dir():
            _copy_writable(NUMBA_CACHE, job_dir / JOB_NUMBA_CACHE)
        (job_dir / "job.json").write_text(json.dumps(job))
        (job_dir / "results.jsonl").touch()
        os.chmod(job_dir, 0o777)
        python_args = [interpreter(), "-I", "-B", "-m", "nlpcourse.grading.runner", "job.json", "results.jsonl"]
        if sandboxed:
            command, cwd, env = _bwrap_command(job_dir, python_args), None, _child_env("/job")
            env["NUMBA_CACHE_DIR"] = f"/job/{JOB_NUMBA_CACHE}"
        else:
            command, cwd, env = python_args, str(job_dir), _child_env(str(job_dir))
            env["MPLCONFIGDIR"] = env["IPYTHONDIR"] = str(job_dir / ".config")
            NUMBA_CACHE.mkdir(mode=0o700, parents=True, exist_ok=True)
            env["NUMBA_CACHE_DIR"] = str(NUMBA_CACHE)
        cgroup = _PidsCgroup(limits.processes)
        log_path = job_dir.parent / f"{job_dir.name}.log"
        timed_out = False
        try:
            with open(log_path, "wb") as log:
                process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                           stderr=subprocess.STDOUT, start_new_session=True,
                                           preexec_fn=_limit_child(limits, cgroup))
                try:
                    process.wait(timeout=limits.wall_seconds)
                except subprocess.TimeoutExpired:
                    timed_out = True
                finally:
                    try:
                        os.killpg(process.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    process.wait()
        finally:
            cgroup.kill_all_and_remove()
        with open(log_path, "rb") as log:
            printed = log.read(limits.stdout_bytes).decode("utf-8", "replace")
        os.unlink(log_path)
        cells, results = _read_results(job_dir / "results.jsonl")
    return JobResult(cells, results, timed_out, process.returncode, printed)


def _copy_writable(source: Path, target: Path) -> None:
    """Copy the folder ``source`` to ``target``, readable and writable by the sandbox's user."""
    shutil.copytree(source, target)
    for folder, _, files in os.walk(target):
        os.chmod(folder, 0o777)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o666)


def check_works(limits: Limits | None = None) -> None:
    """RuntimeError unless the sandbox can start Python and run a cell: without this, a broken
    grading machine would give every student 0 and look like a batch of failed submissions."""
    result = run_job({"cells": [{"id": "probe", "source": "import nlpcourse.grading"}], "requests": []},
                     sandboxed=True, limits=limits)
    if not result.cells.get("probe", {}).get("ok"):
        raise RuntimeError(f"The grading sandbox cannot run Python here ({interpreter()}): "
                           f"{result.cells.get('probe', {}).get('error') or result.log[-1500:] or 'no output'}")


def _read_results(path: Path) -> tuple[dict, dict]:
    cells, results = {}, {}
    with open(path, "rb") as handle:
        data = handle.read(RESULTS_READ_LIMIT)
    for line in data.decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        if record.get("type") == "cell" and isinstance(record.get("id"), str):
            cells.setdefault(record["id"], {"ok": bool(record.get("ok") is True),
                                            "output": str(record.get("output", ""))[:20_000],
                                            "error": str(record.get("error", ""))[:1000]})
        elif record.get("type") == "result" and isinstance(record.get("id"), str):
            results.setdefault(record["id"], str(record.get("payload", "")))
    return cells, results
