#!/usr/bin/env bash
# `make bench`: the short benchmark (5,000 articles); `make bench BENCH_ARGS=--full` for 100,000.
# Runs inside scripts/with-postgres.sh (DATABASE_URL points at a throwaway cluster); see
# benchmarks/README.md for what it measures and the figures of the last full run.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python benchmarks/bench.py "$@"
