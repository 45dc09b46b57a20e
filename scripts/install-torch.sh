#!/usr/bin/env bash
# Install torch==2.13.0 into the Python given as $1 (default python3), before anything else:
#   - an NVIDIA GPU is present (nvidia-smi lists one): the CUDA build from PyPI;
#   - otherwise: PyTorch's CPU build from its CPU wheel index (about 200 MB instead of several GB
#     of CUDA packages). If that index cannot be reached within a few seconds, say so and install
#     torch==2.13.0 from the configured package index instead (on machines whose index holds a
#     CPU build, as ours do, that is the CPU build too).
# Nothing is done when torch 2.13.0 is already installed (Colab ships torch; never reinstall it).
# TORCH_INDEX_URL overrides the CPU index (a mirror); TORCH_CUDA=0 forces the CPU build.
set -euo pipefail
python="${1:-python3}"
version="2.13.0"
cpu_index="${TORCH_INDEX_URL:-https://download.pytorch.org/whl/cpu}"

if "$python" -c "import sys, torch; sys.exit(torch.__version__.split('+')[0] != '$version')" 2>/dev/null; then
  echo "torch $version is already installed"
  exit 0
fi

if [ "${TORCH_CUDA:-1}" != 0 ] && command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q GPU; then
  echo "NVIDIA GPU found: installing torch==$version with CUDA"
  "$python" -m pip install --quiet "torch==$version"
  exit 0
fi

if [ "$(uname -s)" != Linux ]; then
  # macOS and Windows wheels on PyPI are CPU (or Metal) builds already.
  "$python" -m pip install --quiet "torch==$version"
  exit 0
fi

echo "No NVIDIA GPU: installing the CPU build of torch==$version from $cpu_index"
if "$python" -m pip install --quiet --timeout 10 --retries 0 --index-url "$cpu_index" "torch==$version+cpu"; then
  exit 0
fi
echo "Could not install torch==$version+cpu from $cpu_index (unreachable, or no wheel for this platform)." >&2
echo "Installing torch==$version from the configured package index instead; on Linux that may be the large CUDA build." >&2
"$python" -m pip install --quiet "torch==$version"
