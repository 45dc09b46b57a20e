"""A class on a real JupyterHub, end to end: the set-up of deploy/one-server (docs/class-setup.md).

The test starts every process it needs and removes everything it made, also when it fails:

- throw-away system accounts: an instructor, two students (``a...`` submits the reference
  answers, ``b...`` the untouched student version) and a second instructor with a course of
  their own; their homes, the exchange and the Hub's files live in one temporary folder;
- ``deploy/one-server/setup_class.py`` writes the exchange, the configuration and permissions;
- JupyterHub (with configurable-http-proxy) on free loopback ports, from the template
  ``deploy/one-server/jupyterhub_config.py`` plus an admin service whose token the test uses;
- the instructor's and the students' servers, spawned through the Hub's REST API, run this
  repository's ``.venv`` as their own accounts.

The exchange calls go through the users' servers, over the Hub's proxy, each with a token of that
user: the instructor through the formgrader's API (generate, release, collect, autograde,
generate and release feedback), the students through nbgrader's Assignment List API (fetch,
submit, fetch feedback) and the Jupyter contents API (saving their work). Grades are exported with
``nbgrader export`` run as the instructor (``runuser``, as from an ssh session); the second
instructor releases their course the same way. File permissions are checked by running
small probes as each account.

The assignment is week 1 cut down to its quickest notebook to grade (the instructor's clone holds
only that notebook in ``solutions/``), so the test stays well under two minutes.

Without root, ``useradd``/``runuser``, configurable-http-proxy, jupyterhub or a bubblewrap that
works for ordinary accounts, the test is skipped and says which (also as a warning, so the
reason shows in the summary); on CI (``CI=true``) it fails instead, since `make test` installs all
of them.

The Zero to JupyterHub files (deploy/zero-to-jupyterhub) are checked offline at the end of this
module: Debian has no ``helm`` package and the chart cannot be downloaded here.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest

from autograder import feedback
from conftest import ARTIFACTS, REPO, SOLUTIONS
from nlpcourse.grading import notebook as nb

pytestmark = pytest.mark.xdist_group("jupyterhub")

WEEK = "week01_text_preprocessing_and_embeddings"
DAY = "day01_nlp_pipeline_overview"  # the quickest week-1 notebook to grade (about 6 s per student)
COURSE_ID = "nlp-course"  # what the course's nbgrader_config.py sets
OTHER_COURSE = "other-course"
OTHER_ASSIGNMENT = "ps1"
VENV = Path(sys.prefix)  # the users' servers run this checkout's environment
SETUP_SCRIPT = REPO / "deploy" / "one-server" / "setup_class.py"
HUB_LOG_COPY = ARTIFACTS / "jupyterhub.log"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def system_program(name: str) -> str | None:
    """The full path of a system program, also when this process's PATH lacks the sbin folders."""
    return shutil.which(name) or shutil.which(name, path=SYSTEM_PATH)


# --- prerequisites ---------------------------------------------------------------------------------

def missing_prerequisite() -> str | None:
    """Why this machine cannot run the test, or None."""
    if os.geteuid() != 0:
        return "needs root, to create throw-away system accounts (CI runs as root)"
    for program in ("useradd", "userdel", "groupdel", "runuser"):
        if system_program(program) is None:
            return f"needs {program} (Debian packages passwd and util-linux)"
    if shutil.which("configurable-http-proxy") is None:
        return "needs configurable-http-proxy: run `bash scripts/install-system-deps.sh` as root"
    if not (VENV / "bin" / "jupyterhub-singleuser").exists():
        return "needs jupyterhub in .venv: `make test` installs requirements.txt"
    probe = subprocess.run([system_program("runuser"), "-u", "nobody", "--",
                            "bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"trusted grading needs bubblewrap to work for ordinary accounts: {probe.stderr.strip()[:200]}"
    unreadable = [path for path in (VENV / "bin" / "python", VENV / "bin" / "jupyterhub-singleuser",
                                    REPO / "nlpcourse" / "__init__.py")
                  if not os.stat(path).st_mode & stat.S_IROTH]
    if unreadable:
        return f"other accounts cannot read {unreadable[0]}: check out the repository with umask 022"
    return None


# --- the class: accounts, folders, processes -------------------------------------------------------

@dataclasses.dataclass
class ClassServer:
    """Everything the test made: where it is, who is in it, how to reach the Hub."""

    base: Path
    instructor: str
    alice: str  # submits the reference answers
    bob: str  # submits the student version unchanged
    other_instructor: str
    hub_url: str = ""
    service_token: str = ""
    user_tokens: dict = dataclasses.field(default_factory=dict)
    created: list = dataclasses.field(default_factory=list)  # accounts this test made (and removes)

    @property
    def users(self) -> list[str]:
        return [self.instructor, self.alice, self.bob, self.other_instructor]

    @property
    def exchange(self) -> Path:
        return self.base / "exchange"

    @property
    def jupyter_config(self) -> Path:
        return self.base / "etc" / "jupyter"

    @property
    def hub_dir(self) -> Path:
        return self.base / "hub"

    def home(self, user: str) -> Path:
        return self.base / "home" / user

    @property
    def course_root(self) -> Path:
        """The instructor's clone of the course (cut down to one notebook)."""
        return self.home(self.instructor) / "nlp-course"

    @property
    def other_course_root(self) -> Path:
        return self.home(self.other_instructor) / OTHER_COURSE


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_account(server: ClassServer, name: str) -> None:
    """A new system account with its own group and a private home folder."""
    with contextlib.suppress(KeyError):
        pwd.getpwnam(name)
        pytest.fail(f"an account {name} exists already; the test only removes accounts it made")
    home = server.home(name)
    subprocess.run([system_program("useradd"), "--home-dir", str(home), "--no-create-home",
                    "--shell", "/usr/sbin/nologin", "--user-group", name], check=True, capture_output=True, text=True)
    server.created.append(name)
    home.mkdir(parents=True)
    account = pwd.getpwnam(name)
    os.chown(home, account.pw_uid, account.pw_gid)
    os.chmod(home, 0o700)


def processes_of(uids: set[int]) -> list[int]:
    """Process ids of every process that runs as one of ``uids``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        real_uid = next((line.split()[1] for line in status.splitlines() if line.startswith("Uid:")), None)
        if real_uid is not None and int(real_uid) in uids:
            pids.append(int(entry.name))
    return pids


def remove_accounts(names: list[str]) -> None:
    """Stop whatever still runs as the test's accounts, then delete the accounts and their groups."""
    uids = set()
    for name in names:
        with contextlib.suppress(KeyError):
            uids.add(pwd.getpwnam(name).pw_uid)
    for pid in processes_of(uids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for name in names:
        subprocess.run([system_program("userdel"), name], capture_output=True)
        subprocess.run([system_program("groupdel"), name], capture_output=True)  # only left when userdel kept it


def open_paths_for_others(*paths: Path) -> list[tuple[Path, int]]:
    """Give other accounts o+x on every folder above ``paths`` that lacks it (a checkout or a
    Python under /root, say); returns (folder, old mode) pairs to put back afterwards."""
    changed = []
    for path in paths:
        for folder in [*reversed(path.parents), path]:
            mode = folder.stat().st_mode
            if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
                changed.append((folder, stat.S_IMODE(mode)))
                os.chmod(folder, stat.S_IMODE(mode) | stat.S_IXOTH)
    return changed


def copy_course_root(server: ClassServer) -> None:
    """The instructor's clone of the course, cut down to one notebook of one week, owned by them."""
    root = server.course_root
    ignore = shutil.ignore_patterns("work", "__pycache__", "*.pyc")
    shutil.copytree(REPO / "autograder", root / "autograder", ignore=ignore)
    shutil.copy2(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    (root / "solutions" / WEEK).mkdir(parents=True)
    shutil.copy2(SOLUTIONS / WEEK / f"{DAY}.ipynb", root / "solutions" / WEEK / f"{DAY}.ipynb")
    chown_tree(root, server.instructor)


def copy_other_course(server: ClassServer) -> None:
    """A small nbgrader course of the second instructor: one assignment with one notebook."""
    import nbformat

    root = server.other_course_root
    (root / "source" / OTHER_ASSIGNMENT).mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('hello')")])
    nbformat.write(notebook, root / "source" / OTHER_ASSIGNMENT / "hello.ipynb")
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\nc.CourseDirectory.course_id = {OTHER_COURSE!r}\n",
        encoding="utf-8")
    chown_tree(root, server.other_instructor)
    os.chmod(root, 0o700)


def chown_tree(root: Path, user: str) -> None:
    account = pwd.getpwnam(user)
    for path in [root, *root.rglob("*")]:
        os.lchown(path, account.pw_uid, account.pw_gid)


def run_setup_script(server: ClassServer) -> subprocess.CompletedProcess:
    """``deploy/one-server/setup_class.py`` with the test's folders and accounts."""
    return subprocess.run(
        [sys.executable, str(SETUP_SCRIPT), "--instructor", server.instructor, "--course-root", str(server.course_root),
         "--students", f"{server.alice},{server.bob}", "--student-venv", str(VENV), "--instructor-venv", str(VENV),
         "--exchange", str(server.exchange), "--jupyter-config-dir", str(server.jupyter_config),
         "--hub-config", str(server.hub_dir / "jupyterhub_config.py"), "--hub-data-dir", str(server.hub_dir)],
        capture_output=True, text=True, timeout=60)


def write_test_hub_config(server: ClassServer, ports: dict) -> Path:
    """The template's configuration, plus loopback ports and an admin service for the test."""
    path = server.hub_dir / "test_jupyterhub_config.py"
    path.write_text(f"""\
c = get_config()
load_subconfig({str(server.hub_dir / 'jupyterhub_config.py')!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{ports['public']}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{ports['hub']}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{ports['proxy_api']}"
c.JupyterHub.services = [{{"name": "class-test", "api_token": {server.service_token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "class-test",
    "scopes": ["admin:users", "admin:servers", "tokens", "read:groups"],
    "services": ["class-test"],
}}]
""", encoding="utf-8")
    os.chmod(path, 0o600)
    return path


def stop_process_group(process: subprocess.Popen, grace: float) -> None:
    """SIGTERM to ``process`` (the Hub stops its proxy and the users' servers), then SIGKILL to its
    whole process group if it has not finished within ``grace`` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop_proxy(hub_dir: Path) -> None:
    """The proxy, if it outlived the Hub (the Hub writes its process id to a file)."""
    pid_file = hub_dir / "jupyterhub-proxy.pid"
    if not pid_file.exists():
        return
    pid = int(pid_file.read_text().strip() or 0)
    with contextlib.suppress(OSError):
        if pid and b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes():
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def class_server():
    """Accounts, folders, the set-up script and a running Hub; everything removed afterwards."""
    reason = missing_prerequisite()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the JupyterHub test must run on CI, but it {reason}")
        warnings.warn(f"JupyterHub class test skipped: it {reason}", pytest.PytestWarning)
        pytest.skip(f"JupyterHub class test skipped: it {reason}")
    suffix = secrets.token_hex(3)
    base = Path(tempfile.mkdtemp(prefix="nlpcourse-class-"))
    os.chmod(base, 0o755)
    server = ClassServer(base, f"nlpi{suffix}", f"nlpa{suffix}", f"nlpb{suffix}", f"nlpo{suffix}",
                         service_token=secrets.token_hex(32))
    # The users' servers run this checkout's .venv, whose Python may live under /root (pyenv).
    opened = open_paths_for_others(REPO, Path(os.path.realpath(VENV / "bin" / "python")).parent)
    hub = None
    try:
        for user in server.users:
            create_account(server, user)
        copy_course_root(server)
        copy_other_course(server)
        setup = run_setup_script(server)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        ports = {name: free_port() for name in ("public", "hub", "proxy_api")}
        config = write_test_hub_config(server, ports)
        proxy_dir = os.path.dirname(shutil.which("configurable-http-proxy"))
        env = {"PATH": f"{VENV / 'bin'}:{proxy_dir}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
        log = open(server.hub_dir / "hub.log", "wb")
        hub = subprocess.Popen([str(VENV / "bin" / "jupyterhub"), "-f", str(config)], cwd=server.hub_dir, env=env,
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        server.hub_url = f"http://127.0.0.1:{ports['public']}"
        wait_for_hub(server, hub)
        yield server
    finally:
        if hub is not None:
            stop_process_group(hub, grace=30)
        stop_proxy(server.hub_dir)
        remove_accounts(server.created)
        if (server.hub_dir / "hub.log").exists():
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copyfile(server.hub_dir / "hub.log", HUB_LOG_COPY)
        for folder, mode in reversed(opened):
            os.chmod(folder, mode)
        shutil.rmtree(base, ignore_errors=True)


# --- talking to the Hub and to the users' servers --------------------------------------------------

def hub_log(server: ClassServer, lines: int = 60) -> str:
    path = server.hub_dir / "hub.log"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"


def hub_api(server: ClassServer, method: str, path: str, **kwargs):
    """A request to the Hub's REST API with the admin service's token."""
    import requests

    headers = {"Authorization": f"token {server.service_token}"}
    return requests.request(method, f"{server.hub_url}/hub/api{path}", headers=headers, timeout=60, **kwargs)


def wait_for_hub(server: ClassServer, hub: subprocess.Popen, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            pytest.fail(f"JupyterHub exited with status {hub.returncode}:\n{hub_log(server)}")
        with contextlib.suppress(requests.ConnectionError):
            if hub_api(server, "GET", "/").status_code == 200:
                return
        time.sleep(0.3)
    pytest.fail(f"JupyterHub did not answer within {timeout:.0f} s:\n{hub_log(server)}")


def spawn_servers(server: ClassServer, users: list[str], timeout: float = 150) -> None:
    """Start each user's server through the Hub (all at once) and wait until every one is ready."""
    for user in users:
        response = hub_api(server, "POST", f"/users/{user}/server")
        assert response.status_code in (201, 202), (user, response.status_code, response.text)
    waiting = set(users)
    deadline = time.monotonic() + timeout
    while waiting and time.monotonic() < deadline:
        for user in sorted(waiting):
            model = hub_api(server, "GET", f"/users/{user}").json()
            if model.get("servers", {}).get("", {}).get("ready"):
                waiting.discard(user)
        time.sleep(0.5)
    assert not waiting, f"servers of {sorted(waiting)} not ready after {timeout:.0f} s:\n{hub_log(server)}"


def user_token(server: ClassServer, user: str) -> str:
    """An API token of ``user`` (made by the admin service), as a browser session would hold."""
    if user not in server.user_tokens:
        response = hub_api(server, "POST", f"/users/{user}/tokens", json={"note": "class test", "expires_in": 900})
        assert response.status_code == 201, response.text
        server.user_tokens[user] = response.json()["token"]
    return server.user_tokens[user]


def on_server(server: ClassServer, user: str, method: str, path: str, token_of: str | None = None, **kwargs):
    """A request to ``user``'s server through the Hub's proxy, with a token of ``token_of`` (default
    ``user`` themself)."""
    import requests

    headers = {"Authorization": f"token {user_token(server, token_of or user)}"}
    return requests.request(method, f"{server.hub_url}/user/{user}/{path}", headers=headers, timeout=300,
                            allow_redirects=False, **kwargs)


def formgrader(server: ClassServer, action: str) -> dict:
    """POST to the formgrader API of the instructor's server; its JSON answer must say success."""
    response = on_server(server, server.instructor, "POST", f"formgrader/api/{action}")
    assert response.status_code == 200, (action, response.status_code, response.text[:2000])
    result = response.json()
    assert result.get("success"), (action, result.get("error") or result.get("log") or result)
    return result


def assignment_list(server: ClassServer, user: str, action: str, course: str, assignment: str):
    """POST to nbgrader's Assignment List API of ``user``'s server (fetch, submit, fetch_feedback)."""
    response = on_server(server, user, "POST", f"assignments/{action}",
                         json={"course_id": course, "assignment_id": assignment})
    assert response.status_code == 200, (user, action, response.status_code, response.text[:2000])
    return response.json()


def as_account(user: str, home: Path, args: list[str], cwd: Path, extra_env: dict | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``args`` as ``user`` (runuser), with a login-like environment and this repository's venv."""
    env = {"HOME": str(home), "USER": user, "LOGNAME": user, "LANG": "C.UTF-8",
           "PATH": f"{VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin", **(extra_env or {})}
    return subprocess.run([system_program("runuser"), "-u", user, "--", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


PROBE = """
import json, os, sys
results = {}
for name, action, path in json.loads(sys.argv[1]):
    try:
        if action == "list":
            os.listdir(path)
        elif action == "read":
            with open(path, "rb") as handle:
                handle.read(1)
        elif action == "write":
            with open(path, "w") as handle:
                handle.write("x")
        elif action == "rename":
            os.rename(path, path + ".moved")
        results[name] = "ok"
    except OSError as error:
        results[name] = type(error).__name__
print(json.dumps(results))
"""


def probe(server: ClassServer, user: str, checks: dict) -> dict:
    """What ``user`` may do: {name: (action, path)} -> {name: "ok" or the OSError's class name}."""
    payload = json.dumps([[name, action, str(path)] for name, (action, path) in checks.items()])
    result = as_account(user, server.home(user), [sys.executable, "-I", "-S", "-c", PROBE, payload], cwd=server.base)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- the students' work ---------------------------------------------------------------------------

def with_reference_answers(notebook: dict) -> dict:
    """The released notebook with every reference answer typed in."""
    references = {nb.grade_id(cell): nb.source_of(cell) for cell in nb.read(SOLUTIONS / WEEK / f"{DAY}.ipynb")["cells"]
                  if nb.role(cell) == "answer"}
    for cell in notebook["cells"]:
        if nb.role(cell) == "answer":
            cell["source"] = references[nb.grade_id(cell)]
    return notebook


def max_score() -> float:
    """The notebook's points: the sum over its test cells."""
    cells = nb.read(SOLUTIONS / WEEK / f"{DAY}.ipynb")["cells"]
    return float(sum(nb.nbgrader_meta(cell)["points"] for cell in cells if nb.role(cell) == "test"))


def score_text(score: float, out_of: float) -> str:
    """A score as nbgrader's feedback page writes it (``Score: 11.0 / 11.0``)."""
    return f"Score: {round(score, 2)} / {round(out_of, 2)}"


def student_notebook_path() -> str:
    """Where the Assignment List puts the notebook, relative to the student's home."""
    return f"{COURSE_ID}/{WEEK}/{DAY}.ipynb"


def fetched_feedback(server: ClassServer, user: str) -> Path:
    """The one feedback file the student fetched into their home."""
    found = sorted((server.home(user) / COURSE_ID / WEEK / "feedback").glob(f"*/{DAY}.html"))
    assert len(found) == 1, found
    return found[0]


def exported_grades(server: ClassServer) -> dict:
    """``nbgrader export`` as the instructor: {student: (score, max_score)} for the assignment."""
    result = as_account(server.instructor, server.home(server.instructor), ["nbgrader", "export", "--to", "grades.csv"],
                        cwd=server.course_root, extra_env={"JUPYTER_CONFIG_PATH": str(server.jupyter_config)})
    assert result.returncode == 0, result.stdout + result.stderr
    with open(server.course_root / "grades.csv", newline="", encoding="utf-8") as handle:
        return {row["student_id"]: (float(row["score"]), float(row["max_score"]))
                for row in csv.DictReader(handle) if row["assignment"] == WEEK}


def release_other_course(server: ClassServer) -> None:
    """The second instructor generates and releases their course's assignment (nbgrader, as them)."""
    env = {"JUPYTER_CONFIG_PATH": str(server.jupyter_config)}
    for command in (["generate_assignment", OTHER_ASSIGNMENT, "--force"], ["release_assignment", OTHER_ASSIGNMENT]):
        result = as_account(server.other_instructor, server.home(server.other_instructor), ["nbgrader", *command],
                            cwd=server.other_course_root, extra_env=env)
        assert result.returncode == 0, result.stdout + result.stderr


# --- the test -------------------------------------------------------------------------------------

def test_a_class_on_jupyterhub_from_release_to_feedback_and_grades(class_server):
    server = class_server
    instructor, alice, bob = server.instructor, server.alice, server.bob
    spawn_servers(server, [instructor, alice, bob])
    release_other_course(server)

    # Instructor: generate the student version from solutions/ and release it.
    formgrader(server, f"assignment/{WEEK}/assign")
    formgrader(server, f"assignment/{WEEK}/release")
    course = server.exchange / COURSE_ID
    assert stat.S_IMODE(server.exchange.stat().st_mode) == 0o1777 and server.exchange.stat().st_uid == 0
    assert stat.S_IMODE((course / "outbound").stat().st_mode) == 0o755
    assert stat.S_IMODE((course / "inbound").stat().st_mode) == 0o2733  # students: write, never list
    assert (course / "outbound" / WEEK / f"{DAY}.ipynb").exists()

    # Students: the assignment is listed, fetched into their home, worked on, submitted.
    listed = on_server(server, alice, "GET", "assignments", params={"course_id": COURSE_ID}).json()
    assert listed["success"] and [a["assignment_id"] for a in listed["value"]] == [WEEK], listed
    courses = on_server(server, alice, "GET", "courses").json()
    assert courses == {"success": True, "value": [COURSE_ID]}, "the other course, released too, is not shown"
    for student in (alice, bob):
        assignment_list(server, student, "fetch", COURSE_ID, WEEK)
    contents = f"api/contents/{student_notebook_path()}"
    released = on_server(server, alice, "GET", contents).json()["content"]
    saved = on_server(server, alice, "PUT", contents,
                      json={"type": "notebook", "format": "json", "content": with_reference_answers(released)})
    assert saved.status_code == 200, saved.text
    for student in (alice, bob):
        submitted = assignment_list(server, student, "submit", COURSE_ID, WEEK)
        assert submitted["success"], submitted
    submissions = sorted(p.name for p in (course / "inbound").iterdir())
    assert [name.split("+")[0] for name in submissions] == sorted([alice, bob])
    assert all(len(name.split("+")[3]) >= 12 for name in submissions), "each submission has a random name part"

    # A student may not use another course, another student's server or the formgrader.
    other = on_server(server, alice, "POST", "assignments/fetch",
                      json={"course_id": OTHER_COURSE, "assignment_id": OTHER_ASSIGNMENT}).json()
    assert other["success"] and other["value"] == [], other
    assert not (server.home(alice) / OTHER_COURSE).exists()
    assert on_server(server, bob, "GET", "api/contents", token_of=alice).status_code in (302, 403)
    assert on_server(server, alice, "GET", "formgrader/api/assignments").status_code == 404

    # Instructor: only their own course in the formgrader; collect, grade (trusted grading), feedback.
    mine = on_server(server, instructor, "GET", "formgrader/api/assignments").json()
    assert [assignment["name"] for assignment in mine] == [WEEK]
    formgrader(server, f"assignment/{WEEK}/collect")
    for student in (alice, bob):
        formgrader(server, f"submission/{WEEK}/{student}/autograde")
    formgrader(server, f"assignment/{WEEK}/generate_feedback")
    formgrader(server, f"assignment/{WEEK}/release_feedback")
    assert stat.S_IMODE((course / "feedback").stat().st_mode) == 0o711  # open a file by its hash, never list
    autograded = nb.read(server.course_root / "autograder" / "work" / "autograded" / alice / WEEK / f"{DAY}.ipynb")
    verdicts = [json.dumps(cell["outputs"]) for cell in autograded["cells"] if nb.role(cell) == "test"]
    assert verdicts and all("passed: " in text for text in verdicts), "test cells hold trusted grading's verdicts"

    # Students: fetch their feedback into their home; it names their score and no hidden test.
    for student in (alice, bob):
        assignment_list(server, student, "fetch_feedback", COURSE_ID, WEEK)
    hidden_tests = feedback.week_test_sources(WEEK)
    full = max_score()
    for student, score in ((alice, full), (bob, 0.0)):
        path = fetched_feedback(server, student)
        assert path.stat().st_uid == pwd.getpwnam(student).pw_uid
        html = path.read_text(encoding="utf-8")
        assert f"({score_text(score, full)})" in html, f"{student}'s feedback does not say {score_text(score, full)}"
        assert feedback.leaks_in(html, hidden_tests) == [] and "BEGIN HIDDEN TESTS" not in html
    relative = fetched_feedback(server, alice).relative_to(server.home(alice))
    opened = on_server(server, alice, "GET", f"api/contents/{relative}")
    assert opened.status_code == 200 and score_text(full, full) in opened.json()["content"]

    # Instructor: grades exported for exactly this class.
    assert exported_grades(server) == {alice: (full, full), bob: (0.0, full)}

    # Who may read what (probes run as each account).
    seen_by_alice = probe(server, alice, {
        "list inbound": ("list", course / "inbound"),
        "list feedback": ("list", course / "feedback"),
        "list outbound": ("list", course / "outbound" / WEEK),
        "change the release": ("write", course / "outbound" / WEEK / f"{DAY}.ipynb"),
        "move another course": ("rename", server.exchange / OTHER_COURSE),
        "bob's home": ("list", server.home(bob)),
        "bob's notebook": ("read", server.home(bob) / student_notebook_path()),
        "course root": ("list", server.course_root),
        "solutions": ("read", server.course_root / "solutions" / WEEK / f"{DAY}.ipynb"),
        "gradebook": ("read", server.course_root / "autograder" / "work" / "gradebook.db"),
        "collected submissions": ("list", server.course_root / "autograder" / "work" / "submitted"),
    })
    assert seen_by_alice == {
        "list inbound": "PermissionError", "list feedback": "PermissionError", "list outbound": "ok",
        "change the release": "PermissionError", "move another course": "PermissionError",
        "bob's home": "PermissionError", "bob's notebook": "PermissionError", "course root": "PermissionError",
        "solutions": "PermissionError", "gradebook": "PermissionError", "collected submissions": "PermissionError",
    }
    seen_by_instructor = probe(server, instructor, {
        "own inbound": ("list", course / "inbound"),
        "other course's inbound": ("list", server.exchange / OTHER_COURSE / "inbound"),
        "other course's root": ("list", server.other_course_root),
    })
    assert seen_by_instructor == {"own inbound": "ok", "other course's inbound": "PermissionError",
                                  "other course's root": "PermissionError"}


# --- Zero to JupyterHub: checked offline (Debian has no helm package, and the chart cannot be
# downloaded here, so nothing is rendered or installed; docs/class-setup.md says what that leaves) --

Z2JH = REPO / "deploy" / "zero-to-jupyterhub"
ONE_SERVER = REPO / "deploy" / "one-server"

# Every key path config.yaml may use, as the values.schema.yaml of chart jupyterhub 4.4.0 defines it
# ("*": any name the schema allows there). Below "hub.config.<Class>" and "hub.extraConfig.<name>"
# the chart passes values through untouched; lists (volumes, containers) are Kubernetes objects.
# A key that is not here is either a typo or new: check it against the chart's schema, then add it.
CHART_KEYS = {
    "hub", "hub.config", "hub.config.*", "hub.extraConfig", "hub.extraConfig.*",
    "singleuser", "singleuser.image", "singleuser.image.name", "singleuser.image.tag", "singleuser.cmd",
    "singleuser.defaultUrl", "singleuser.startTimeout", "singleuser.fsGid", "singleuser.uid",
    "singleuser.cpu", "singleuser.cpu.limit", "singleuser.cpu.guarantee",
    "singleuser.memory", "singleuser.memory.limit", "singleuser.memory.guarantee",
    "singleuser.storage", "singleuser.storage.type", "singleuser.storage.capacity",
    "singleuser.storage.homeMountPath", "singleuser.storage.extraVolumes", "singleuser.storage.extraVolumeMounts",
    "singleuser.initContainers", "singleuser.extraEnv", "singleuser.extraEnv.*",
    "singleuser.extraFiles", "singleuser.extraFiles.*", "singleuser.extraFiles.*.mountPath",
    "singleuser.extraFiles.*.mode", "singleuser.extraFiles.*.stringData",
    "cull", "cull.enabled", "cull.timeout", "cull.every",
}
PASS_THROUGH = ("hub.config.*", "hub.extraConfig.*", "singleuser.extraEnv.*")


def key_paths(values: dict, prefix: tuple = ()) -> list[tuple[str, str]]:
    """(path, matching pattern or "") for every key of ``values``, not looking inside the parts the
    chart passes through. Paths are shown dotted; names may contain dots themselves."""
    found = []
    for key, value in values.items():
        path = (*prefix, str(key))
        pattern = next((p for p in sorted(CHART_KEYS) if _matches(path, p)), "")
        found.append((".".join(path), pattern))
        if isinstance(value, dict) and pattern not in PASS_THROUGH:
            found += key_paths(value, path)
    return found


def _matches(path: tuple, pattern: str) -> bool:
    wanted = pattern.split(".")
    return len(path) == len(wanted) and all(w in ("*", p) for p, w in zip(path, wanted))


def z2jh_values() -> dict:
    import yaml

    return yaml.safe_load((Z2JH / "config.yaml").read_text(encoding="utf-8"))


def load_traitlets_config(text: str, tmp_path: Path):
    """The Config that a traitlets config file with this text gives."""
    from traitlets.config.loader import PyFileConfigLoader

    path = tmp_path / f"config_{secrets.token_hex(4)}.py"
    path.write_text(text, encoding="utf-8")
    return PyFileConfigLoader(path.name, path=str(tmp_path)).load_config()


def test_zero_to_jupyterhub_values_use_only_keys_of_the_chart():
    values = z2jh_values()
    unknown = [path for path, pattern in key_paths(values) if not pattern]
    assert unknown == [], f"keys the chart (4.4.0) does not have: {unknown}"
    assert all(name[0].isupper() for name in values["hub"]["config"]), "hub.config keys are class names"
    claim = values["singleuser"]["storage"]["extraVolumes"][0]["persistentVolumeClaim"]["claimName"]
    import yaml

    pvc = yaml.safe_load((Z2JH / "exchange-pvc.yaml").read_text(encoding="utf-8"))
    assert pvc["kind"] == "PersistentVolumeClaim" and pvc["metadata"]["name"] == claim
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"], "every user's pod mounts the exchange"
    mounts = {m["mountPath"] for m in values["singleuser"]["storage"]["extraVolumeMounts"]}
    assert mounts == {"/srv/nbgrader/exchange"}


def test_zero_to_jupyterhub_settings_are_those_of_the_one_server_set_up(tmp_path):
    files = z2jh_values()["singleuser"]["extraFiles"]
    on_k8s = load_traitlets_config(files["nbgrader-config"]["stringData"], tmp_path)
    one_server = load_traitlets_config((ONE_SERVER / "nbgrader_config.py").read_text(encoding="utf-8"), tmp_path)
    for section, name in (("Exchange", "root"), ("Exchange", "path_includes_course"),
                          ("CourseDirectory", "course_id"), ("Authenticator", "plugin_class")):
        assert on_k8s[section][name] == one_server[section][name], (section, name)
    for key, relative in (("students-server-config", "jupyter_server_config.json"),
                          ("students-lab-config", "labconfig/page_config.json")):
        assert json.loads(files[key]["stringData"]) == json.loads((ONE_SERVER / "students" / relative).read_text())
        assert files[key]["mountPath"] == f"/etc/jupyter/{COURSE_ID}-students/{relative}"


def test_zero_to_jupyterhub_hook_gives_each_user_a_uid_and_their_settings(tmp_path):
    from types import SimpleNamespace

    hub_code = z2jh_values()["hub"]["extraConfig"]["nlp-course.py"]
    config = load_traitlets_config(hub_code, tmp_path)
    spawners = {}
    for user_id, (name, group) in enumerate([("teacher", "formgrade-nlp-course"), ("ann", "nbgrader-nlp-course"),
                                             ("ben", "nbgrader-nlp-course")], start=1):
        user = SimpleNamespace(id=user_id, name=name, groups=[SimpleNamespace(name=group)])
        spawners[name] = SimpleNamespace(user=user, environment={"SHARED": "1"})
        config.KubeSpawner.pre_spawn_hook(spawners[name])
    uids = {name: config.KubeSpawner.uid(spawner) for name, spawner in spawners.items()}
    assert len(set(uids.values())) == 3 and min(uids.values()) >= 100000, "one uid per user, none of the image's"
    assert spawners["teacher"].environment == {"SHARED": "1", "PYTHONPATH": "/home/jovyan/nlp-course",
                                               "JUPYTER_CONFIG_PATH": "/etc/jupyter"}
    for student in ("ann", "ben"):
        assert spawners[student].environment == {"SHARED": "1",
                                                 "JUPYTER_CONFIG_PATH": f"/etc/jupyter/{COURSE_ID}-students:/etc/jupyter"}
    assert "read:users:groups!user" in config.KubeSpawner.server_token_scopes, "JupyterHubAuthPlugin reads groups"


def test_course_image_installs_like_the_makefile_and_holds_no_answers():
    lines = (Z2JH / "Dockerfile").read_text(encoding="utf-8").splitlines()
    installs = [line for line in lines if line.startswith(("RUN pip install", "RUN PIP_NO_CACHE_DIR=1 bash scripts/install-torch"))]
    no_deps = next(line for line in (REPO / "Makefile").read_text().splitlines() if line.startswith("NO_DEPS_PACKAGES"))
    assert installs == ["RUN PIP_NO_CACHE_DIR=1 bash scripts/install-torch.sh python",
                        "RUN pip install --no-cache-dir -r requirements.txt",
                        f"RUN pip install --no-cache-dir --no-deps {no_deps.split(':=')[1].strip()}",
                        "RUN pip install --no-cache-dir --no-deps ."], "torch first, then the pins, as the Makefile"
    copied = " ".join(line for line in lines if line.startswith("COPY"))
    for secret in ("solutions", "autograder", "tests", "nbgrader_config.py"):
        assert secret not in copied, f"the image must not hold {secret}"


def test_setup_templates_have_every_setting_the_script_fills_in(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("setup_class", SETUP_SCRIPT)
    setup_class = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup_class)
    args = setup_class.parse_args(["--instructor", "teacher", "--course-root", str(tmp_path), "--students", "ann,ben"])
    templates = {"jupyterhub_config.py": ["COURSE_ID", "INSTRUCTOR", "STUDENTS", "STUDENT_VENV", "INSTRUCTOR_COURSE_ROOT",
                                          "INSTRUCTOR_VENV", "JUPYTER_CONFIG_DIR", "STUDENT_CONFIG_DIR", "HUB_DATA_DIR"],
                 "nbgrader_config.py": ["EXCHANGE_ROOT", "COURSE_ID"],
                 "instructor_nbgrader_config.py": ["COURSE_ROOT"]}
    for name, settings in templates.items():
        rendered = setup_class.render((ONE_SERVER / name).read_text(encoding="utf-8"),
                                      {setting: f"value-of-{setting}" for setting in settings})
        compile(rendered, name, "exec")
        for setting in settings:
            assert f"{setting} = 'value-of-{setting}'" in rendered
    with pytest.raises(setup_class.SetupError):
        setup_class.render("NAME = 1\n", {"OTHER": 2})
    assert setup_class.read_students(args) == ["ann", "ben"]
