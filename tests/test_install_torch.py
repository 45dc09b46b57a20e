"""scripts/install-torch.sh picks the right torch build and falls back cleanly.

A fake ``python`` records the pip command lines it is given (and fails the ones we tell it to);
a fake ``nvidia-smi`` on PATH stands for a GPU. Nothing is installed.
"""

import os
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "install-torch.sh"

FAKE_PYTHON = """#!/usr/bin/env bash
# "-c ..." asks whether torch is installed: answer from $FAKE_TORCH_INSTALLED.
if [ "$1" = "-c" ]; then [ "${FAKE_TORCH_INSTALLED:-0}" = 1 ]; exit $?; fi
echo "$*" >> "$FAKE_LOG"
case "$*" in *"$FAKE_FAIL_ON"*) [ -n "$FAKE_FAIL_ON" ] && exit 1;; esac
exit 0
"""


def executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def run_script(tmp_path, gpu=False, installed=False, fail_on="", extra_env=None):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    python = executable(bin_dir / "fake-python", FAKE_PYTHON)
    if gpu:
        executable(bin_dir / "nvidia-smi", "#!/bin/sh\necho 'GPU 0: NVIDIA H100 (UUID: GPU-x)'\n")
    log = tmp_path / "pip.log"
    env = dict(os.environ, PATH=f"{bin_dir}:/usr/bin:/bin", FAKE_LOG=str(log), FAKE_FAIL_ON=fail_on,
               FAKE_TORCH_INSTALLED="1" if installed else "0", **(extra_env or {}))
    result = subprocess.run(["bash", str(SCRIPT), str(python)], env=env, capture_output=True, text=True, timeout=30)
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls


@pytest.mark.skipif(os.uname().sysname != "Linux", reason="the CPU index is used on Linux only")
def test_without_a_gpu_the_cpu_build_comes_from_the_cpu_index(tmp_path):
    result, calls = run_script(tmp_path)
    assert result.returncode == 0, result.stderr
    assert calls == ["-m pip install --quiet --timeout 10 --retries 0 --index-url "
                     "https://download.pytorch.org/whl/cpu torch==2.13.0+cpu"]


def test_with_a_gpu_the_cuda_build_comes_from_the_package_index(tmp_path):
    result, calls = run_script(tmp_path, gpu=True)
    assert result.returncode == 0 and "NVIDIA GPU found" in result.stdout
    assert calls == ["-m pip install --quiet torch==2.13.0"]


@pytest.mark.skipif(os.uname().sysname != "Linux", reason="the CPU index is used on Linux only")
def test_an_unreachable_cpu_index_falls_back_with_a_clear_message(tmp_path):
    result, calls = run_script(tmp_path, fail_on="--index-url")
    assert result.returncode == 0
    assert "Could not install torch==2.13.0+cpu" in result.stderr and "instead" in result.stderr
    assert calls[-1] == "-m pip install --quiet torch==2.13.0" and len(calls) == 2


def test_an_installed_torch_is_left_alone(tmp_path):
    result, calls = run_script(tmp_path, gpu=True, installed=True)
    assert result.returncode == 0 and "already installed" in result.stdout and calls == []


def test_a_failed_install_stops_the_setup(tmp_path):
    result, _ = run_script(tmp_path, fail_on="torch==2.13.0", extra_env={"TORCH_CUDA": "0"})
    assert result.returncode != 0, "make must stop rather than go on without torch"
