"""The Python loader (python/dsdsi) on folders that build/dsdsi writes in the test, and on small
hand-made files for the formats it reads but the binary under test may not write yet
(timeline.csv, sweep_summary.csv). Run by ctest (PythonLoader) with DSDSI_BINARY and
DSDSI_SOURCE_DIR set.
"""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SOURCE = Path(os.environ["DSDSI_SOURCE_DIR"])
BINARY = Path(os.environ["DSDSI_BINARY"])
sys.path.insert(0, str(SOURCE / "python"))
import dsdsi  # noqa: E402

SHORT = ["--set", "workload.requests_per_client=3", "--set", "workload.output_tokens=40"]


def dsdsi_cli(*args):
    subprocess.run([str(BINARY), *args], cwd=SOURCE, check=True, capture_output=True)


class LoaderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="dsdsi-loader-"))
        dsdsi_cli("run", "scenarios/edge_fleet.json", *SHORT, "--out", str(cls.work / "fleet"))
        dsdsi_cli("sweep", "scenarios/quickstart.json", "--jobs", "1", "--set",
                  'sweep={"grid": {"network.rtt_ms": [10, 80], "mode": ["dsd_sync", "cloud_ar"]},'
                  ' "repeats": 2}', *SHORT, "--out", str(cls.work / "sweep"))
        dsdsi_cli("capacity", "scenarios/quickstart.json", "--slo", "tpot_ms_p95=40", "--max", "4",
                  "--modes", "dsd_sync,colocated_sd", *SHORT, "--out", str(cls.work / "cap"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work)

    def test_run_tables_agree_with_the_summary(self):
        run = dsdsi.load_run(self.work / "fleet")
        s = run.summary
        self.assertEqual(len(run.requests), s["requests"])
        self.assertEqual(run.requests["output_tokens"].sum(), s["output_tokens"])
        decode = run.rounds[run.rounds["kind"] != "prefill"]  # prefills are jobs, not rounds
        self.assertEqual(len(decode), s["rounds"])
        self.assertEqual(run.rounds["accepted"].sum(), s["accepted_tokens"])
        self.assertEqual(len(run.clients), 60)
        self.assertEqual(len(run.servers), 1)
        self.assertAlmostEqual(run.clients["mean_rtt_ms"].mean(), s["rtt_ms_mean"], places=4)
        self.assertEqual(run.metrics["tpot_ms_p95"], s["tpot_ms_p95"])
        self.assertNotIn("by_class", run.metrics.index)
        self.assertEqual(run.info["seed"], 1)
        # Every token is committed by some job that ended in some interval of the timeline.
        self.assertEqual(run.timeline["committed_tokens"].sum(), s["output_tokens"])

    def test_by_class_is_one_row_per_device_class(self):
        run = dsdsi.load_run(self.work / "fleet")
        by_class = run.by_class
        self.assertEqual(list(by_class.index), ["jetson-orin", "phone", "laptop"])
        self.assertEqual(by_class["clients"].sum(), 60)
        self.assertEqual(by_class["requests"].sum(), run.summary["requests"])
        counts = run.clients["device_class"].value_counts()
        for name, row in by_class.iterrows():
            self.assertEqual(row["clients"], counts[name])

    def test_sweep_axes_come_from_the_plan(self):
        sweep = dsdsi.load_sweep(self.work / "sweep")
        # The scenario's grid is a JSON object: dsdsi orders its axes by path.
        self.assertEqual(sweep.axes, ["mode", "network.rtt_ms"])
        self.assertEqual(len(sweep.points), 8)
        self.assertEqual(list(sweep.points["point"][:2]), ["0000", "0001"])
        self.assertTrue((sweep.points["status"] == "ok").all())
        self.assertEqual(sorted(sweep.points["network.rtt_ms"].unique()), [10, 80])
        self.assertIn("tpot_ms_mean", sweep.metrics)
        self.assertIn("tpot_ms_closed_form", sweep.metrics)
        self.assertNotIn("error", sweep.metrics)
        # Two repeats per combination: four rows of n = 2, each the mean of its two points.
        self.assertEqual(len(sweep.summary), 4)
        self.assertTrue((sweep.summary["n"] == 2).all())
        first = sweep.points["tpot_ms_mean"][:2].mean()
        self.assertAlmostEqual(sweep.summary["tpot_ms_mean_mean"].iloc[0], first, places=9)
        # A point's run is the row's numbers.
        row = sweep.points.iloc[3]
        point = sweep.point(row["point"])
        self.assertEqual(point.summary["tpot_ms_mean"], row["tpot_ms_mean"])
        self.assertEqual(sweep.point(3).summary, point.summary)
        # A null metric (cloud_ar's acceptance rate) is NaN.
        cloud = sweep.points[sweep.points["mode"] == "cloud_ar"]
        self.assertTrue(cloud["acceptance_rate"].isna().all())

    def test_sweep_axes_from_the_header_when_sweep_json_is_missing(self):
        copy = self.work / "sweep-csv-only"
        copy.mkdir()
        shutil.copy(self.work / "sweep" / "sweep.csv", copy)
        sweep = dsdsi.load(copy / "sweep.csv")
        self.assertIsInstance(sweep, dsdsi.Sweep)
        self.assertIsNone(sweep.info)
        self.assertEqual(sweep.axes, ["mode", "network.rtt_ms"])

    def test_capacity(self):
        cap = dsdsi.load(self.work / "cap")
        self.assertIsInstance(cap, dsdsi.Capacity)
        self.assertEqual(cap.slo_metrics, ["tpot_ms_p95"])
        self.assertEqual(cap.probes["pass"].dtype, bool)
        self.assertEqual(list(cap.probes["mode"].unique()), ["dsd_sync", "colocated_sd"])
        for _, probe in cap.probes.iterrows():
            self.assertEqual(probe["pass"], probe["tpot_ms_p95"] <= 40)
        best = cap.capacity()
        for mode, clients in best.items():
            passed = cap.probes[(cap.probes["mode"] == mode) & cap.probes["pass"]]
            self.assertEqual(clients, passed["clients"].max() if len(passed) else None)
        self.assertEqual(cap.info["tool"], "dsdsi")

    def test_hand_made_sweep_summary_and_timeline(self):
        folder = self.work / "hand-made"
        folder.mkdir()
        (folder / "sweep.csv").write_text(
            "point,network.rtt_ms,repeat,seed,status,tpot_ms_mean,error\n"
            "0,10,0,1,ok,20.5,\n1,10,1,2,ok,21.5,\n2,50,0,1,failed,,exit code 2: bad\n")
        (folder / "sweep_summary.csv").write_text(
            "network.rtt_ms,n,tpot_ms_mean_mean,tpot_ms_mean_sd,tpot_ms_mean_ci95,"
            "goodput_tokens_per_s_mean,goodput_tokens_per_s_sd,goodput_tokens_per_s_ci95\n"
            "10,2,21.0,0.7071,6.353,100,,\n")
        (folder / "timeline.csv").write_text(
            "interval_start_ms,interval_end_ms,server,tokens,busy_fraction\n"
            "0,1000,0,512,0.5\n1000,2000,0,498,0.47\n")
        sweep = dsdsi.load_sweep(folder)
        self.assertEqual(sweep.axes, ["network.rtt_ms"])
        self.assertEqual(list(sweep.points["point"]), ["0", "1", "2"])
        self.assertEqual(sweep.points["error"].iloc[2], "exit code 2: bad")
        self.assertTrue(math.isnan(sweep.points["tpot_ms_mean"].iloc[2]))
        self.assertEqual(sweep.summary_metrics, ["tpot_ms_mean", "goodput_tokens_per_s"])
        self.assertEqual(sweep.summary["n"].iloc[0], 2)
        self.assertTrue(math.isnan(sweep.summary["goodput_tokens_per_s_sd"].iloc[0]))
        timeline = dsdsi.load_timeline(folder)
        self.assertEqual(len(timeline), 2)
        self.assertEqual(timeline["tokens"].sum(), 1010)
        (folder / "summary.json").write_text(json.dumps({"requests": 1, "by_class": {}}))
        self.assertEqual(len(dsdsi.load_run(folder).timeline), 2)

    def test_not_a_dsdsi_folder(self):
        empty = self.work / "empty"
        empty.mkdir()
        with self.assertRaisesRegex(ValueError, "not a dsdsi run, sweep or capacity folder"):
            dsdsi.load(empty)
        with self.assertRaisesRegex(FileNotFoundError, "no summary.json"):
            dsdsi.load_run(empty)
        with self.assertRaises(FileNotFoundError):
            dsdsi.load_timeline(empty)


if __name__ == "__main__":
    unittest.main()
