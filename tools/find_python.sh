#!/usr/bin/env bash
# Print the path of a Python the book supports (3.11 to 3.13), or fail with a message.
#   tools/find_python.sh          the first supported one found
#   tools/find_python.sh 3.13     that version only
# Looks on PATH (python3.11, python3.12, python3.13, python3), then in pyenv's
# versions folder, where a version may be installed but not on PATH.
set -u
wanted=${1:-}
versions=${wanted:-3.11 3.12 3.13}
supported() {
  "$1" -c 'import sys; v = sys.version_info[:2]; sys.exit(not ((3, 11) <= v <= (3, 13)))' \
    2>/dev/null || return 1
  [ -z "$wanted" ] || [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" = "$wanted" ]
}
candidates=()
for v in $versions; do candidates+=("python$v"); done
[ -n "$wanted" ] || candidates+=(python3)
if command -v pyenv >/dev/null; then
  root=$(pyenv root)
  for v in $versions; do
    for p in "$root"/versions/"$v".*/bin/python"$v"; do [ -x "$p" ] && candidates+=("$p"); done
  done
fi
for c in "${candidates[@]}"; do
  if path=$(command -v "$c" 2>/dev/null) && supported "$path"; then
    echo "$path"
    exit 0
  fi
done
echo "no supported Python ${wanted:-3.11 to 3.13} found: install one, or name it with PYTHON=/path/to/python" >&2
exit 1
