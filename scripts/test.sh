#!/usr/bin/env bash
# Install what the tests need and run them: ./scripts/test.sh [pytest arguments]
#
# 1. System packages (Debian/Ubuntu), only when missing and when we may install them (root or
#    password-less sudo): LibreOffice Writer/Calc (PDF conversion, opening the .xlam), Liberation
#    fonts (metric twins of Times New Roman), poppler (pdftoppm; pdfsig, the independent signature
#    checker, trusting the test CA through an NSS database made by certutil from libnss3-tools),
#    SoftHSM2 (a real PKCS#11 token for the signing tests), Xvfb and xdotool (the PIN
#    window of the ribbon's signing button, typed into), ICU headers (PyICU, the test oracle for
#    Vietnamese name sorting).
# 2. A virtual environment in .venv (unless one is active) with the package and its test extras.
# 3. pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation2 fontconfig)
command -v pdftoppm >/dev/null 2>&1 && command -v pdfsig >/dev/null 2>&1 || missing+=(poppler-utils)
command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v Xvfb >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1 || missing+=(xvfb xdotool)
pkg-config --exists icu-i18n 2>/dev/null || missing+=(libicu-dev pkg-config)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo=none; fi
  if [ "$sudo" != none ] && command -v apt-get >/dev/null 2>&1; then
    echo "Cài gói hệ thống (installing system packages): ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Thiếu gói hệ thống (missing system packages, tests needing them will fail): ${missing[*]}" >&2
  fi
fi

if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install -q --upgrade pip >/dev/null
python -m pip install -q -e ".[test]"
python -m pytest "$@"
