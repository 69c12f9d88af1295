# Sourced by each bench/*/run.sh: sets `py` to a Python holding the peer's packages and `bin` to a
# release build of biomedica, and makes sure GNU time is there to report peak RSS and CPU time.
# Usage: source bench/setup.sh IMPORTS REQUIREMENTS   (from the repository root)
#   IMPORTS: the modules the peer needs (`import IMPORTS` must work); REQUIREMENTS: a pip -r file.

# The project venv if set up, else a private one for the benchmarks.
if [ -x .venv/bin/python ]; then
  py=.venv/bin/python
else
  [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
  py=bench/.venv/bin/python
fi
"$py" -c "import $1" 2>/dev/null || "$py" -m pip install -q -r "$2"

# Always built: a stale binary would be measured without a word. Up to date, this takes seconds.
bin=.build/release/biomedica
swift build -c release --product biomedica >&2

[ -x /usr/bin/time ] || apt-get install -y -q time >/dev/null
