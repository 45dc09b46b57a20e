"""JupyterLab in a real browser: open a course notebook, run it, validate it with nbgrader.

Serves JupyterLab the way `make lab` does (a course root with nbgrader_config.py, nbgrader extensions on), drives
Debian's headless Chromium with Selenium, and keeps a screenshot in test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ARTIFACTS, COURSE, REPO, child_env

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
TOKEN = "nlpcourse-browser-test"
# The notebook every other one copies (week 1, day 2).
MODEL_NOTEBOOK = COURSE / "week01_text_preprocessing_and_embeddings" / "day02_preprocessing_regex_edit_distance.ipynb"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab_server(tmp_path):
    """JupyterLab on a copy of the course (it autosaves what it runs: the repository stays clean)."""
    root = tmp_path / "repo"
    shutil.copytree(COURSE, root / "course")
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    port = free_port()
    env = child_env(tmp_path / "work")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    log = open(tmp_path / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={TOKEN}", "--ServerApp.default_url=/lab/tree/course",
         f"--ServerApp.root_dir={root}", *(["--allow-root"] if os.getuid() == 0 else [])],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start: " + (tmp_path / "lab.log").read_text()[-2000:])
    yield base, root
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Chromium and chromedriver are missing: run `make system-deps` (Debian: chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _click_menu(driver, menu: str, item: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.XPATH, f"//div[contains(@class,'lm-MenuBar-itemLabel') and text()='{menu}']").click()
    driver.find_element(By.XPATH, f"//div[contains(@class,'lm-Menu-itemLabel') and text()='{item}']").click()


def test_run_and_validate_a_course_notebook(lab_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as conditions
    from selenium.webdriver.support.ui import WebDriverWait

    base, _root = lab_server
    path = MODEL_NOTEBOOK.relative_to(REPO)
    browser.get(f"{base}/lab/tree/{path.as_posix()}?token={TOKEN}")
    wait = WebDriverWait(browser, 300)  # CI runs notebooks on the other core meanwhile
    wait.until(conditions.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")))
    wait.until(conditions.presence_of_element_located(
        (By.XPATH, "//*[contains(@class,'jp-Notebook-ExecutionIndicator') and @data-status='idle']")))

    _click_menu(browser, "Run", "Run All Cells")
    # The setup cell prints one line naming the device (cells far below are not in the DOM:
    # JupyterLab only renders what is near the viewport).
    wait.until(lambda d: "device=" in d.find_element(By.CSS_SELECTOR, ".jp-Notebook").text)

    # nbgrader's Validate button runs the saved notebook on the server and reports failing cells.
    browser.find_element(By.XPATH, "//*[normalize-space(text())='Validate']").click()
    dialog = wait.until(conditions.visibility_of_element_located((By.CSS_SELECTOR, ".jp-Dialog-content")))
    wait.until(lambda d: "failed" in dialog.text.lower() or "passed" in dialog.text.lower())
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "browser-validate.png"))
    assert "Validation Results" in dialog.text, dialog.text
    assert "failed" in dialog.text.lower(), "the released stubs must not validate"
