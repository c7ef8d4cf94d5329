#!/usr/bin/env bash
# Set up, fill the embedded database with demo data (once), and start the desk.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate

data_dir=$(jiazheng-desk config show | sed -n 's/^data dir *: //p')
# headless Linux has no keyring (STACK.md): the demo's personal-data key (ID numbers of the
# made-up workers) then lives in the data folder beside the demo logins, readable by you only
if [ -z "${JIAZHENG_DATA_KEY:-}" ] && python -c \
    'import sys, keyring; from keyring.backends import fail; sys.exit(not isinstance(keyring.get_keyring(), fail.Keyring))'; then
  key_file="$data_dir/demo-data-key"
  mkdir -p "$data_dir"
  (umask 077; [ -s "$key_file" ] || python -c \
    'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' > "$key_file")
  JIAZHENG_DATA_KEY=$(cat "$key_file")
  export JIAZHENG_DATA_KEY
fi
jiazheng-desk demo --if-empty --logins-file "$data_dir/demo-logins.txt"
[ -f "$data_dir/demo-logins.txt" ] && echo "demo logins: $data_dir/demo-logins.txt"

if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] \
   && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display here: the desk runs on a virtual X screen (xvfb-run). Ctrl-C stops it."
  exec xvfb-run -a jiazheng-desk "$@"
fi
exec jiazheng-desk "$@"
