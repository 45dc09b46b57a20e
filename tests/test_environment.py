"""The setup cell's helper: device, size switch, platform and missing-package messages."""

import importlib.util
import random
import sys

import numpy as np
import pytest

from nlpcourse import environment


def test_setup_seeds_every_rng_and_picks_small_on_cpu(monkeypatch, capsys):
    monkeypatch.delenv("NLPCOURSE_SIZE", raising=False)
    monkeypatch.delenv("NLPCOURSE_ONLINE", raising=False)
    course = environment.setup("week01_x/day01_y", seed=3)
    first = (random.random(), np.random.rand())
    environment.setup("week01_x/day01_y", seed=3)
    assert (random.random(), np.random.rand()) == first
    assert course.device == "cpu" and course.size == "small" and course.small
    assert course.online is False and course.platform == "local"
    assert "week01_x/day01_y" in capsys.readouterr().out
    assert environment.current() == course


def test_size_switch_follows_device_and_environment(monkeypatch):
    monkeypatch.delenv("NLPCOURSE_SIZE", raising=False)
    assert environment.pick_size("cuda") == "full" and environment.pick_size("cpu") == "small"
    monkeypatch.setenv("NLPCOURSE_SIZE", "full")
    assert environment.pick_size("cpu") == "full"
    monkeypatch.setenv("NLPCOURSE_SIZE", "huge")
    with pytest.raises(ValueError, match="NLPCOURSE_SIZE"):
        environment.pick_size("cpu")


def test_online_only_on_colab_or_when_asked(monkeypatch):
    monkeypatch.delenv("NLPCOURSE_ONLINE", raising=False)
    assert environment.is_online("colab") and not environment.is_online("local")
    monkeypatch.setenv("NLPCOURSE_ONLINE", "1")
    assert environment.is_online("local")


def test_missing_packages_and_programs_say_how_to_install():
    with pytest.raises(ModuleNotFoundError, match="make lab"):
        environment.ensure_packages({"surely_not_a_package_xyz": "xyz"}, "local")
    with pytest.raises(FileNotFoundError, match="apt-get install surely-not"):
        environment.require_program("surely-not-a-program", "surely-not")


def test_silencing_keeps_warnings_off_stderr(capfd):
    import warnings

    environment.silence_libraries()
    warnings.warn("this would cost a student the points", DeprecationWarning)
    assert capfd.readouterr().err == ""


def test_quiet_transformers_leaves_errors_only_and_no_progress_bars():
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_info()
    transformers_logging.enable_progress_bar()
    try:
        environment.quiet_transformers()
        assert transformers_logging.get_verbosity() == transformers_logging.ERROR
        assert not transformers_logging.is_progress_bar_enabled()
    finally:
        transformers_logging.set_verbosity_error()


def _pins():
    """{lower-case distribution name: requirement} from requirements.txt and the Makefile's --no-deps list."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    lines = [line.split("#")[0].strip() for line in (root / "requirements.txt").read_text().splitlines()]
    no_deps = re.search(r"^NO_DEPS_PACKAGES := (.*)$", (root / "Makefile").read_text(), re.M).group(1).split()
    pins = {line.split("==")[0].lower(): line for line in lines if "==" in line}
    pins.update({package.split("==")[0].lower(): f"{package} --no-deps" for package in no_deps})
    return pins


def test_colab_installs_the_pins_of_the_course_and_each_module_exists_here():
    pins = _pins()
    for week, packages in environment.COLAB_PACKAGES.items():
        for import_name, requirement in packages.items():
            name = requirement.split("==")[0].lower()
            assert pins.get(name) == requirement, f"{week}: {requirement!r} differs from the course's pin {pins.get(name)!r}"
            assert importlib.util.find_spec(import_name) is not None, f"{import_name} is not importable here"


def test_colab_installs_a_missing_package_with_its_pip_options(monkeypatch):
    calls = []
    monkeypatch.setattr(environment.subprocess, "run", lambda command, check: calls.append(command))
    environment.ensure_packages({"surely_not_a_package_xyz": "xyz==1.0 --no-deps", "numpy": "numpy==0"}, "colab")
    assert calls == [[sys.executable, "-m", "pip", "install", "--quiet", "xyz==1.0", "--no-deps"]]


def test_colab_installs_a_missing_program_with_apt_and_nothing_elsewhere(monkeypatch):
    calls = []
    monkeypatch.setattr(environment.subprocess, "run", lambda command, **options: calls.append(command))
    environment.ensure_programs({"surely-not-a-program": "surely-not", "sh": "dash"}, "local")
    assert calls == []
    environment.ensure_programs({"surely-not-a-program": "surely-not", "sh": "dash"}, "colab")
    assert calls == [["apt-get", "-qq", "install", "-y", "surely-not"]]
