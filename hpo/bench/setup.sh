# Sourced by hpo/bench/run.sh and hpo/bench/gp.sh: goes to the repo root, makes hpo/target/bench,
# installs Debian's python3-optuna (the peer) if missing, compiles hpo's tests and sets CP to their
# class path. Leaves ROOT, OUT and CP set.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
OUT=hpo/target/bench
mkdir -p "$OUT"

if ! /usr/bin/python3 -c 'import optuna' 2>/dev/null; then
  echo "bench: installing Debian python3-optuna" >&2
  apt-get install -y python3-optuna >&2
fi

mvn -B -q -o test-compile -pl hpo
mvn -B -q -o dependency:build-classpath -pl hpo -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$OUT/classpath.txt" >/dev/null
CP="hpo/target/test-classes:hpo/target/classes:$(cat "$OUT/classpath.txt")"
