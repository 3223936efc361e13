#!/usr/bin/env bash
# `cmake --install` gives a dsdsi that runs from anywhere on its own data: install the build
# tree into a fresh prefix, move the prefix (the binary must find its data relative to itself,
# not through a path fixed at build time), then run installed scenarios that name a latency table
# and a platform file from an unrelated folder, and check the resolved paths point into the prefix.
# Usage: installed_dsdsi_test.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$(cd "$1" && pwd) work=$(realpath -m "$2")
rm -rf "$work" && mkdir -p "$work/elsewhere"
cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/prefix"
prefix=$work/prefix
bin=$prefix/bin/dsdsi
data=$prefix/share/dsdsi

fail() { echo "FAIL: $*" >&2; exit 1; }
for f in bin/dsdsi share/dsdsi/scenarios/quickstart.json share/dsdsi/platforms/mobile-5g.xml \
         share/dsdsi/latency/llama3-8b-h100.csv share/dsdsi/python/dsdsi/__init__.py \
         share/doc/dsdsi/docs/model.md share/doc/dsdsi/LICENSE share/doc/dsdsi/NOTICE; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done

cd "$work/elsewhere"
"$bin" --version | grep -qx "dsdsi [0-9.]*" || fail "--version: $("$bin" --version)"
"$bin" run "$data/scenarios/quickstart.json" --out quick >/dev/null
"$bin" run "$data/scenarios/edge_fleet.json" --set workload.requests_per_client=1 \
  --set workload.output_tokens=16 --out fleet >/dev/null
"$bin" run "$data/scenarios/quickstart.json" --set platform=platforms/mobile-5g.xml \
  --set 'network={}' --set workload.requests_per_client=1 --out platform >/dev/null
grep -q "\"$data/latency/llama3-8b-h100.csv\"" fleet/run.json || fail "latency table not from $data"
grep -q "\"$data/platforms/mobile-5g.xml\"" platform/run.json || fail "platform not from $data"
# `dsdsi new` reads its presets (presets/, acceptance/) from the prefix; the file it writes names
# shipped tables and traces by relative path, which the installed dsdsi finds in the prefix.
"$bin" new --target llama3-8b@h100 --draft llama3.2-1b@jetson-orin --network 5g \
  --workload azure-conv --acceptance qwen35-mtp-thinking-on-coding -o new.json >/dev/null
"$bin" run new.json --set measure.horizon_ms=1000 --out new >/dev/null
grep -q "\"$data/scenarios/traces/azure2023_conv_5min.jsonl\"" new/run.json || fail "trace not from $data"
# The same simulation as the build tree's binary, byte for byte.
"$build/dsdsi" run "$data/scenarios/quickstart.json" --out built >/dev/null
cmp quick/summary.json built/summary.json || fail "installed and built dsdsi disagree"
echo "installed dsdsi ran from $work/elsewhere on $data"
