#!/usr/bin/env bash
# Install the system packages the course uses, where this user may; otherwise say what is missing.
#   espeak-ng                 speech synthesis (weeks 8-9)
#   bubblewrap                sandbox for trusted grading (instructors, tests)
#   chromium(-driver)         the browser test of JupyterLab (tests only)
#   configurable-http-proxy   JupyterHub's proxy, from npm (a class server, deploy/one-server; tests)
#                             with Debian's nodejs and npm when there is no npm yet
set -u
# 5.1.0 runs on Debian 12's Node.js 18 as well as on newer ones (5.2 and later need Node.js 20+).
PROXY_PACKAGE=configurable-http-proxy@5.1.0

packages=(espeak-ng bubblewrap chromium chromium-driver)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
need_proxy=0
command -v configurable-http-proxy >/dev/null 2>&1 || need_proxy=1
# Only when npm itself is missing: Debian's npm package conflicts with a Node.js from elsewhere.
if [ "$need_proxy" -eq 1 ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && [ "$need_proxy" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
else
  [ ${#missing[@]} -gt 0 ] && echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  [ "$need_proxy" -eq 1 ] && echo "Missing JupyterHub's proxy. Install it with: sudo npm install -g $PROXY_PACKAGE" >&2
  exit 0
fi

status=0
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  else
    echo "Not a Debian/Ubuntu system: install ${missing[*]} with your package manager." >&2
  fi
fi

if [ "$need_proxy" -eq 1 ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing $PROXY_PACKAGE (npm)"
    "${sudo_cmd[@]}" npm install --global --no-audit --no-fund --loglevel=error "$PROXY_PACKAGE" >/dev/null || status=$?
  else
    echo "No npm: install Node.js and npm, then: npm install -g $PROXY_PACKAGE" >&2
  fi
fi
exit "$status"
