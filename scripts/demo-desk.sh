#!/usr/bin/env bash
# Set up, fill the embedded database with demo data (once), and start the desk.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate

data_dir=$(jiazheng-desk config show | sed -n 's/^data dir *: //p')
jiazheng-desk demo --if-empty --logins-file "$data_dir/demo-logins.txt"
[ -f "$data_dir/demo-logins.txt" ] && echo "demo logins: $data_dir/demo-logins.txt"

if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] \
   && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display here: the desk runs on a virtual X screen (xvfb-run). Ctrl-C stops it."
  exec xvfb-run -a jiazheng-desk "$@"
fi
exec jiazheng-desk "$@"
