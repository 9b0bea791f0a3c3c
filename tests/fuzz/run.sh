#!/usr/bin/env bash
# run.sh BUILD SECONDS HARNESS... - runs each libFuzzer harness for SECONDS, one after the
# other, on one core. The seed corpus in tests/fuzz/corpus/NAME is read, never written: new
# inputs go to BUILD/corpus/NAME, crashes to BUILD/crashes/. Prints per harness the
# executions, coverage (cov) and features (ft) from libFuzzer's final stats; exits 1 when a
# harness found something. FUZZ_SEED=N (CI) makes libFuzzer's mutations the same on every
# run, so what a run of that length finds is found again; unset, each run explores anew.
set -u
build=$1; secs=$2; shift 2
names=$*  # the Makefile's FUZZ_NAMES: the one list of harnesses
[ -n "$names" ] || { echo "usage: tests/fuzz/run.sh BUILD SECONDS HARNESS..." >&2; exit 2; }
status=0
mkdir -p "$build/crashes" "$build/logs"
printf '%-10s %12s %8s %8s %8s  %s\n' harness execs exec/s cov ft result
for n in $names; do
  bin=$build/fuzz-$n
  work=$build/corpus/$n
  mkdir -p "$work"
  log=$build/logs/$n.log
  "$bin" -max_total_time="$secs" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$build/crashes/$n-" "$work" "tests/fuzz/corpus/$n" \
    >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  if [ $rc -eq 0 ]; then result="no finding"; else
    result="FINDING (exit $rc, see $log)"; status=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -3 | sed 's/^/    /'
  fi
  printf '%-10s %12s %8s %8s %8s  %s\n' "$n" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
exit $status
