#!/usr/bin/env bash
# The whole check, as CI runs it: set-up, lint, types, layer contracts, translations, and
# the test suite on SQLite and on MySQL (the local MariaDB, or JIAZHENG_TEST_MYSQL_URL).
# Every step runs even when an earlier one fails, so one run shows every problem.
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh || exit 1
# shellcheck disable=SC1091
. .venv/bin/activate
export QT_QPA_PLATFORM=offscreen

failed=()
step() {
  local name=$1; shift
  echo "== $name"
  "$@" || failed+=("$name")
}
step "ruff check"     ruff check .
step "ruff format"    ruff format --check .
step "mypy"           mypy
step "import-linter"  lint-imports --no-cache
step "translations"   python -m scripts.i18n --check
# two processes: the suite is mostly Python-bound and the machines have two cores
step "tests"          python -m pytest -q -n "${JIAZHENG_TEST_PROCESSES:-auto}" --dist worksteal "$@"

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all checks passed"
