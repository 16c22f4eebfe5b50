#!/usr/bin/env bash
# EMR bootstrap action for Sediment bulk import clusters (sleeper.bulk.import.emr.bootstrap.script.uri).
# EMR runs it as the hadoop user on every node before Spark starts. It is idempotent: running it again
# leaves the node as the first run did. It fails loudly: any error stops it with the failing line on
# stderr, and EMR then fails the cluster rather than run jobs on a node that is not ready.
#
# SEDIMENT_BOOTSTRAP_ROOT (default: /) is where system files are written; tests point it at a scratch directory.
set -Eeuo pipefail

root="${SEDIMENT_BOOTSTRAP_ROOT:-/}"
root="${root%/}"

fail() {
  echo "sediment bootstrap: $*" >&2
  exit 1
}
trap 'fail "failed at line ${LINENO}: ${BASH_COMMAND}"' ERR

as_root() {
  if [ -n "${SEDIMENT_BOOTSTRAP_ROOT:-}" ] || [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# 1. Spark 3.5 jobs built for Java 17 need a Java 17 runtime (EMR 7 releases have one).
java_bin="${SEDIMENT_JAVA:-java}"
command -v "$java_bin" >/dev/null 2>&1 || fail "no java on this node: use an EMR 7 release (sleeper.default.bulk.import.emr.release.label)"
java_version="$("$java_bin" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
java_major="${java_version%%.*}"
[ "${java_major:-0}" -ge 17 ] 2>/dev/null \
  || fail "Java ${java_version:-unknown} found, Sediment needs 17 or later: use an EMR 7 release"

# 2. A bulk import writes one Parquet file per leaf partition per task: allow many open files.
limits_dir="$root/etc/security/limits.d"
as_root mkdir -p "$limits_dir"
as_root tee "$limits_dir/90-sediment.conf" >/dev/null <<'LIMITS'
# Written by the Sediment EMR bootstrap action.
hadoop soft nofile 65536
hadoop hard nofile 65536
yarn   soft nofile 65536
yarn   hard nofile 65536
LIMITS

# 3. A scratch directory for Sediment's temporary files on the instance store.
scratch="$root/mnt/sediment/tmp"
as_root mkdir -p "$scratch"
as_root chmod 1777 "$scratch"

echo "sediment bootstrap: node ready (Java ${java_version}, limits in ${limits_dir}/90-sediment.conf, scratch ${scratch})"
