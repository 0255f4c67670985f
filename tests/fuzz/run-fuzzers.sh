#!/bin/sh
# Builds the libFuzzer targets with clang into build-fuzz and fuzzes each for SECONDS.
# New crashing inputs land in tests/fuzz/crashes/<target>/ (commit them: tst_fuzz_replay
# replays them); inputs the fuzzer finds interesting stay in build-fuzz/fuzz-work/.
#
#   tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]
set -eu
seconds=${1:?usage: run-fuzzers.sh SECONDS [TARGET...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=${CHAINSCOPE_FUZZ_BUILD:-$source_dir/build-fuzz}
jobs=${CHAINSCOPE_FUZZ_JOBS:-2}

cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DCHAINSCOPE_FUZZ=ON >/dev/null
ninja -C "$build" -j "$jobs" fuzzers

targets=${*:-$(cd "$build/tests/fuzz" && ls fuzz_* | sed 's/^fuzz_//')}
status=0
for t in $targets; do
    mkdir -p "$build/fuzz-work/$t" "$here/crashes/$t" "$here/corpus/$t"
    echo "== fuzz_$t for ${seconds}s"
    # One process (-jobs=1 semantics); seed corpus read-only, the work corpus grows.
    if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=65536 -dict="$here/dict/iptables.dict" \
            -artifact_prefix="$here/crashes/$t/" -print_final_stats=1 \
            "$build/fuzz-work/$t" "$here/corpus/$t"; then
        echo "!! fuzz_$t stopped on a crash; the input is in tests/fuzz/crashes/$t/"
        status=1
    fi
done
exit $status
