"""tools/bench-vs-dsdsim without DSD-Sim: the matched scenario it gives dsdsi runs, its job count
agrees with the per-request records, the DSD-Sim config it writes encodes the same parameters,
and DSD-Sim's report is read right (on text in the format DSD-Sim prints).

Run by ctest (tests/python.cmake) with Debian's python3; DSDSI_SOURCE_DIR names the repository and
DSDSI_BINARY the dsdsi binary.
"""

import csv
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import tempfile
import unittest

SOURCE_DIR = os.environ.get("DSDSI_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("DSDSI_BINARY", os.path.join(SOURCE_DIR, "build", "dsdsi"))
TOOL = os.path.join(SOURCE_DIR, "tools", "bench-vs-dsdsim")


def load_tool():
    loader = importlib.machinery.SourceFileLoader("bench_vs_dsdsim", TOOL)
    spec = importlib.util.spec_from_loader("bench_vs_dsdsim", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


bench = load_tool()

# The lines DSD-Sim's _print_report writes that the tool reads (two targets, so that batches
# must be summed), around lines it must skip.
REPORT = """SimPy version: 4.0.1
[1000.0ms] Target t0: Served 50 batches, queue=3

🎯 TOKEN PERFORMANCE (THE KEY METRIC):
  Effective Tokens/Second: 58.6 tok/s
  Acceptance Rate: 54.4%
  Total Accepted: 1698
  Total Generated: 3124
  Wasted Work: 1426 (45.6%)

Summary Metrics:
  count: 933
  throughput_jobs_s: 32.22

Per-Target Metrics:
  t0:
    Utilization: 0.57%
    Avg batch size: 1.0
    Total batches: 400
  t1:
    Total batches: 20
"""


class BenchVsDsdsim(unittest.TestCase):
    def test_matched_scenario_runs_and_jobs_are_prefills_plus_rounds(self):
        row = bench.Row("20/8@2", 60)
        with tempfile.TemporaryDirectory() as work:
            result = bench.run_dsdsi(BINARY, row, work)
            with open(os.path.join(work, "dsdsi-out", "requests.csv"), newline="") as f:
                requests = list(csv.DictReader(f))
        # Every request has one prefill job and one job per verification round, so the job
        # count (rounds.csv rows) must equal requests + their rounds; all requests finish.
        self.assertGreater(len(requests), 0)
        self.assertEqual(result["prefills"], len(requests))
        self.assertEqual(result["jobs"],
                         len(requests) + sum(int(r["rounds"]) for r in requests))
        self.assertEqual(result["tokens"], bench.ANSWER_TOKENS * len(requests))
        # No request starts after the 2 s horizon, and each runs to its end after it.
        self.assertGreater(result["sim_s"], 2.0)
        self.assertLessEqual(result["batches"], result["jobs"])
        self.assertGreater(result["cpu"], 0.0)

    def test_scenarios_encode_the_same_parameters(self):
        row = bench.Row("3/16@5", 60)
        ours = bench.dsdsi_scenario(row)
        theirs = bench.dsdsim_config(row, 7.25)
        target = theirs["devices"][0]
        drafts = [d for d in theirs["devices"] if d["role"] == "draft"]
        self.assertEqual(len(drafts), 3)
        self.assertEqual(ours["workload"]["clients"], 3)
        # Verification: DSD-Sim charges decode_latency_per_token x gamma per decode batch.
        self.assertEqual(target["decode_latency_per_token"] * theirs["gamma"],
                         ours["cloud"]["verify_ms"])
        # Prefill: DSD-Sim charges prefill_latency_per_token x the mean prompt once per batch.
        self.assertEqual(target["prefill_latency_per_token"] * theirs["prompt_length_max"],
                         ours["cloud"]["prefill"])
        self.assertEqual(theirs["prompt_length_min"], ours["workload"]["prompt_tokens"])
        self.assertEqual(theirs["answer_length"], ours["workload"]["output_tokens"])
        self.assertEqual(target["batch_size"], ours["cloud"]["max_batch"])
        self.assertEqual(target["batch_window_ms"], ours["cloud"]["batch_window_ms"])
        for d, c in zip(drafts, theirs["connections"]):
            self.assertEqual(d["generation_latency_ms"],
                             ours["edge"]["draft_ms_per_token"] * ours["speculation"]["gamma"])
            self.assertEqual(c["forward_latency_ms"] + c["response_latency_ms"],
                             ours["network"]["rtt_ms"])
            self.assertEqual(c["acceptance_rate"], ours["speculation"]["acceptance"]["alpha"])
        self.assertEqual(theirs["think_time"]["mean_ms"], ours["workload"]["arrival"]["think_ms"])
        self.assertEqual(theirs["sim_time_ms"], 7250)
        self.assertEqual(ours["measure"]["horizon_ms"], 5000)
        # The scheduler's own batching stage is off in both phases.
        self.assertEqual(theirs["scheduler"]["prefill"]["max_wait_ms"], 0)
        self.assertEqual(theirs["scheduler"]["decode"]["max_wait_ms"], 0)

    def test_reads_dsdsim_report(self):
        counts = bench.parse_dsdsim_report(REPORT, 30.0)
        self.assertEqual(counts, {"jobs": 933, "batches": 420, "tokens": 3124, "sim_s": 30.0})
        with self.assertRaises(ValueError):
            bench.parse_dsdsim_report(REPORT + "ERROR at 5000.0ms: boom\n", 30.0)
        with self.assertRaises(ValueError):
            bench.parse_dsdsim_report(REPORT.replace("Total batches", "Batches"), 30.0)

    def test_rows_and_checkout_are_checked(self):
        self.assertEqual(bench.Row("10000/32@20", 60).horizon_s, 20.0)
        self.assertEqual(bench.Row("100/1024", 60).horizon_s, 60.0)
        with self.assertRaises(SystemExit):
            bench.Row("100x1024", 60)
        with tempfile.TemporaryDirectory() as empty:
            result = subprocess.run(["/usr/bin/python3", TOOL, empty, "--binary", BINARY],
                                    capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("not a DSD-Sim checkout", result.stderr)


if __name__ == "__main__":
    unittest.main()
