#!/usr/bin/env bash
# Installs Debian's Chromium for the Web Chat browser tests if /usr/bin/chromium is missing. Idempotent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "chromium: /usr/bin/chromium is missing and this user is not root and has no sudo; install the Debian package 'chromium'." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Another apt on a shared machine holds the dpkg lock for a while: wait for it instead of failing.
LOCK_WAIT=(-o DPkg::Lock::Timeout=600)
$SUDO apt-get "${LOCK_WAIT[@]}" update
$SUDO apt-get "${LOCK_WAIT[@]}" install -y --no-install-recommends chromium
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium: apt installed the package but /usr/bin/chromium is missing; check 'dpkg -L chromium'." >&2
  exit 1
fi
echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
