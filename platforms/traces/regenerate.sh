#!/bin/sh
# Rebuilds every profile in this folder from the source traces (see README.md).
# Usage, from the repository root: DATA=/path/to/copy/of/the/data platforms/traces/regenerate.sh
# where DATA holds nyu-mets/Sample_Traces/ and 5gophers/ as published by their authors. The
# command in each file's header names the source as DATA/...: a symlink DATA -> $DATA is made in
# the repository root for the run and removed afterwards, so the headers do not depend on where
# your copy lives.
set -eu
: "${DATA:?set DATA to a folder holding nyu-mets/ and 5gophers/}"
cd "$(dirname "$0")/../.."
if [ -e DATA ]; then echo "regenerate.sh: ./DATA exists; remove it first" >&2; exit 2; fi
ln -s "$DATA" DATA
trap 'rm -f DATA' EXIT
T=platforms/traces
IMPORT=tools/import-network-trace

# 4G/LTE (NYU-METS 7 train, no outages): three phones, each a different 1000 s stretch of the
# trace on both of its links (the source does not say which direction it measured).
i=1
for start in 0 1000 2000; do
  for dir in up down; do
    $IMPORT DATA/nyu-mets/Sample_Traces/7Train2.csv --format nyu-mets --start-s $start \
      --duration-s 1000 --bandwidth-out $T/lte-7train-phone$i-$dir.bw
  done
  i=$((i + 1))
done

# Coverage gaps (NYU-METS Long Island Rail Road): three phones, 700 s stretches holding the
# trace's multi-second zero-throughput runs; the link is off during runs of >= 3 s.
i=1
for start in 300 600 0; do
  for dir in up down; do
    $IMPORT DATA/nyu-mets/Sample_Traces/Long_Island_Rail_Road.csv --format nyu-mets \
      --start-s $start --duration-s 700 --off-min-bins 3 \
      --bandwidth-out $T/lte-lirr-phone$i-$dir.bw --state-out $T/lte-lirr-phone$i-$dir.state
  done
  i=$((i + 1))
done

# 5G (5Gophers, Verizon mmWave, one TCP connection to US-East): three phones, each with two
# 60 s throughput runs (up, down) and a 5G ping trace to US-East for the latency of both
# links (one-way = RTT / 2 - 0.5 ms, the cloud's own link).
i=1
for runs_pings in "81 82 14" "83 84 19" "85 86 25"; do
  set -- $runs_pings
  $IMPORT DATA/5gophers/All-Carriers/01-Throughput/data.csv --format 5gophers-throughput \
    --carrier VERIZON --connections 1 --server US-East --run "$1" \
    --bandwidth-out $T/5g-verizon-phone$i-up.bw
  $IMPORT DATA/5gophers/All-Carriers/01-Throughput/data.csv --format 5gophers-throughput \
    --carrier VERIZON --connections 1 --server US-East --run "$2" \
    --bandwidth-out $T/5g-verizon-phone$i-down.bw
  for dir in up down; do
    $IMPORT DATA/5gophers/mmWave-only/04-Ping-Traces/ping-trace-$3.log --format 5gophers-ping \
      --latency-minus-ms 0.5 --latency-out $T/5g-verizon-phone$i-$dir.lat
  done
  i=$((i + 1))
done
