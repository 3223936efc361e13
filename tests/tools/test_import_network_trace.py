"""tools/import-network-trace on small fixtures (tests/data/network_traces/), with every expected
value derived by hand in the comments; and the shipped profiles in platforms/traces/: their format,
their licence headers, and that the platform files using them load in dsdsi.

Run by ctest (tests/python.cmake) with Debian's python3; DSDSI_SOURCE_DIR names the repository and
DSDSI_BINARY the dsdsi binary.
"""

import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

SOURCE_DIR = os.environ.get("DSDSI_SOURCE_DIR",
                            os.path.join(os.path.dirname(__file__), "..", ".."))
TOOL = os.path.join(SOURCE_DIR, "tools", "import-network-trace")
FIXTURES = os.path.join(SOURCE_DIR, "tests", "data", "network_traces")
TRACES = os.path.join(SOURCE_DIR, "platforms", "traces")


def fixture(name):
    return os.path.join(FIXTURES, name)


def body(path):
    """The non-comment lines of a profile file."""
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if not line.startswith("#")]


def comments(path):
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.startswith("#")]


class ImportNetworkTrace(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def out(self, name):
        return os.path.join(self.dir.name, name)

    def run_tool(self, *args):
        return subprocess.run(["/usr/bin/python3", TOOL, *args], capture_output=True, text=True,
                              check=False)

    def convert(self, *args):
        result = self.run_tool(*args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def test_nyu_mets_units_floor_and_state(self):
        # nyu_small.csv: 8 Mbit/s, 4000 kbit/s, 0, 0, 0, 2 Mbit/s (CRLF). x 125000: 1000000,
        # 500000, 0 -> floor 0.01 Mbit/s = 1250, 1250, 1250, 250000; loop after the last 1 s bin.
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets",
                     "--bandwidth-out", self.out("a.bw"), "--state-out", self.out("a.state"))
        self.assertEqual(body(self.out("a.bw")),
                         ["0 1000000", "1 500000", "2 1250", "3 1250", "4 1250", "5 250000",
                          "LOOPAFTER 1"])
        # Zero run of 3 bins (2..5) >= --off-min-bins 3: off at 2, on at 5; period 6 s, so the
        # loop restarts 6 - 5 = 1 s after the last line.
        self.assertEqual(body(self.out("a.state")), ["0 1", "2 0", "5 1", "LOOPAFTER 1"])
        self.assertIn("# 3 of 6 bins below --floor-mbps 0.01 Mbit/s raised to it",
                      comments(self.out("a.bw")))

    def test_short_zero_runs_stay_on(self):
        # With --off-min-bins 4 the 3-bin run is too short: the link never goes off.
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets", "--off-min-bins", "4",
                     "--state-out", self.out("a.state"))
        self.assertEqual(body(self.out("a.state")), ["0 1", "LOOPAFTER 6"])
        self.assertFalse(os.path.exists(self.out("a.bw")))

    def test_rebinning_takes_time_weighted_means(self):
        # 2 s bins: (8 + 4) / 2 = 6 Mbit/s = 750000; (0 + 0) / 2 = 0 -> 1250; (0 + 2) / 2 = 1 ->
        # 125000. Only the middle bin is all zero.
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets", "--bin-s", "2",
                     "--off-min-bins", "1", "--bandwidth-out", self.out("a.bw"),
                     "--state-out", self.out("a.state"))
        self.assertEqual(body(self.out("a.bw")), ["0 750000", "2 1250", "4 125000", "LOOPAFTER 2"])
        self.assertEqual(body(self.out("a.state")), ["0 1", "2 0", "4 1", "LOOPAFTER 2"])
        # 4 s bins over 6 s: (8 + 4 + 0 + 0) / 4 = 3 Mbit/s = 375000; the last bin is 2 s wide,
        # (0 + 2) / 2 = 1 Mbit/s = 125000, and the loop restarts 2 s after it (period 6 s).
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets", "--bin-s", "4",
                     "--bandwidth-out", self.out("b.bw"))
        self.assertEqual(body(self.out("b.bw")), ["0 375000", "4 125000", "LOOPAFTER 2"])
        # 1.5 s bins: (8 + 0.5 x 4) / 1.5 = 6.666.. Mbit/s = 833333.333 B/s (3 decimals);
        # (0.5 x 4 + 0) / 1.5 = 1.333.. = 166666.667; 0 -> 1250; (0.5 x 0 + 2) / 1.5 = 166666.667.
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets", "--bin-s", "1.5",
                     "--bandwidth-out", self.out("c.bw"))
        self.assertEqual(body(self.out("c.bw")),
                         ["0 833333.333", "1.5 166666.667", "3 1250", "4.5 166666.667",
                          "LOOPAFTER 1.5"])
        # Finer bins than the samples repeat them.
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets", "--bin-s", "0.5",
                     "--duration-s", "1", "--bandwidth-out", self.out("d.bw"))
        self.assertEqual(body(self.out("d.bw")), ["0 1000000", "0.5 1000000", "LOOPAFTER 0.5"])

    def test_window_scale_and_floor(self):
        # Seconds 1..3 (4 Mbit/s, 0), x 0.5, no floor: 250000 and 0.
        self.convert(fixture("nyu_small.csv"), "--format", "nyu-mets", "--start-s", "1",
                     "--duration-s", "2", "--scale", "0.5", "--floor-mbps", "0",
                     "--bandwidth-out", self.out("a.bw"))
        self.assertEqual(body(self.out("a.bw")), ["0 250000", "1 0", "LOOPAFTER 1"])

    def test_gophers_throughput_selects_one_series(self):
        # Verizon, 1 connection, US-East, run 81: 13.9, 0.1, 1000 Mbit/s.
        # 13.9 x 125000 = 1737500 exactly (decimal, not binary floating point).
        self.convert(fixture("gophers_throughput.csv"), "--format", "5gophers-throughput",
                     "--carrier", "VERIZON", "--connections", "1", "--server", "US-East",
                     "--run", "81", "--bandwidth-out", self.out("a.bw"))
        self.assertEqual(body(self.out("a.bw")),
                         ["0 1737500", "1 12500", "2 125000000", "LOOPAFTER 1"])
        self.assertTrue(any("CC BY 4.0" in line for line in comments(self.out("a.bw"))))
        # A selection matching no row, or an incomplete one, is an error.
        result = self.run_tool(fixture("gophers_throughput.csv"), "--format",
                               "5gophers-throughput", "--carrier", "VERIZON", "--connections",
                               "1", "--server", "US-East", "--run", "99",
                               "--bandwidth-out", self.out("b.bw"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("no rows", result.stderr)
        result = self.run_tool(fixture("gophers_throughput.csv"), "--format",
                               "5gophers-throughput", "--bandwidth-out", self.out("b.bw"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("choose one", result.stderr)

    def test_gophers_driving_holds_a_missing_sample(self):
        # Verizon column: seq 0, 1, 3, 4 = 10, 20, 30, 40; seq 2 is missing and holds 20.
        # T-Mobile: 0, 0, (0), 0, 5: a 4 s zero run -> off from 0 to 4.
        self.convert(fixture("gophers_driving.csv"), "--format", "5gophers-driving",
                     "--carrier", "Verizon", "--bandwidth-out", self.out("v.bw"))
        self.assertEqual(body(self.out("v.bw")),
                         ["0 1250000", "1 2500000", "2 2500000", "3 3750000", "4 5000000",
                          "LOOPAFTER 1"])
        self.convert(fixture("gophers_driving.csv"), "--format", "5gophers-driving",
                     "--carrier", "TMobile", "--state-out", self.out("t.state"))
        self.assertEqual(body(self.out("t.state")), ["0 0", "4 1", "LOOPAFTER 1"])

    def test_gophers_ping_gives_one_way_latency(self):
        # RTT 50.0, 61, 40.2 ms; one-way = RTT / 2 - 0.5 ms: 24.5, 30, 19.6 ms, in seconds.
        self.convert(fixture("gophers_ping.log"), "--format", "5gophers-ping",
                     "--latency-minus-ms", "0.5", "--latency-out", self.out("a.lat"))
        self.assertEqual(body(self.out("a.lat")),
                         ["0 0.0245", "1 0.03", "2 0.0196", "LOOPAFTER 1"])
        # RTTs give no bandwidth; subtracting more than RTT / 2 is refused.
        result = self.run_tool(fixture("gophers_ping.log"), "--format", "5gophers-ping",
                               "--bandwidth-out", self.out("b.bw"))
        self.assertEqual(result.returncode, 2)
        result = self.run_tool(fixture("gophers_ping.log"), "--format", "5gophers-ping",
                               "--latency-minus-ms", "21", "--latency-out", self.out("b.lat"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("--latency-minus-ms", result.stderr)
        self.assertFalse(os.path.exists(self.out("b.lat")))

    def test_mahimahi_counts_delivery_opportunities(self):
        # Timestamps 0 0 1 500 999 1000 1500 2000 ms; period = 2000 ms (the last), and 2000
        # falls on slot 0 of the next period. 1 s bins: [0, 1000) holds 0 0 1 500 999 and 2000
        # (mod 2000 = 0): 6 x 1500 B = 9000 B/s; [1000, 2000) holds 1000 1500: 3000 B/s.
        self.convert(fixture("mahimahi_small.up"), "--format", "mahimahi",
                     "--bandwidth-out", self.out("a.bw"))
        self.assertEqual(body(self.out("a.bw")), ["0 9000", "1 3000", "LOOPAFTER 1"])
        self.assertTrue(any("do not redistribute" in line for line in comments(self.out("a.bw"))))
        # 0.5 s bins: 4, 2, 1, 1 opportunities x 1500 B / 0.5 s.
        self.convert(fixture("mahimahi_small.up"), "--format", "mahimahi", "--bin-s", "0.5",
                     "--bandwidth-out", self.out("b.bw"))
        self.assertEqual(body(self.out("b.bw")),
                         ["0 12000", "0.5 6000", "1 3000", "1.5 3000", "LOOPAFTER 0.5"])
        # Bins must be whole milliseconds.
        result = self.run_tool(fixture("mahimahi_small.up"), "--format", "mahimahi",
                               "--bin-s", "0.0005", "--bandwidth-out", self.out("c.bw"))
        self.assertEqual(result.returncode, 2)

    def test_bad_input_exits_2_naming_file_and_line_and_writes_nothing(self):
        cases = [
            ("bad_number.csv", "nyu-mets", r"bad_number\.csv:3: throughput is not a number"),
            ("bad_unit.csv", "nyu-mets", r"bad_unit\.csv:3: unknown unit 'Gbits/sec'"),
            ("bad_negative.csv", "nyu-mets", r"bad_negative\.csv:2: throughput must be >= 0"),
            ("bad_order.up", "mahimahi", r"bad_order\.up:3: timestamp 5 is before"),
            ("bad_fraction.up", "mahimahi", r"bad_fraction\.up:2: timestamp \(ms\) is not an "
                                            r"integer"),
            ("bad_seq.csv", "5gophers-driving", r"bad_seq\.csv:4: sample index 1 does not "
                                                r"increase"),
            ("gophers_ping.log", "nyu-mets", r"gophers_ping\.log:1: expected \"<value>,<unit>\""),
            ("nyu_small.csv", "5gophers-walking", r"nyu_small\.csv:1: expected the header"),
            ("missing.csv", "nyu-mets", r"missing\.csv: cannot read"),
        ]
        for name, fmt, message in cases:
            with self.subTest(name=name):
                result = self.run_tool(fixture(name), "--format", fmt, "--carrier", "Verizon",
                                       "--bandwidth-out", self.out("x.bw"),
                                       "--state-out", self.out("x.state"))
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertRegex(result.stderr, message)
                self.assertEqual(os.listdir(self.dir.name), [])
        # A window beyond the trace, and a bad option value (argparse's own exit 2).
        result = self.run_tool(fixture("nyu_small.csv"), "--format", "nyu-mets", "--start-s",
                               "5", "--duration-s", "2", "--bandwidth-out", self.out("x.bw"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("within the source's 6 s", result.stderr)
        result = self.run_tool(fixture("nyu_small.csv"), "--format", "nyu-mets", "--bin-s", "0",
                               "--bandwidth-out", self.out("x.bw"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("--bin-s", result.stderr)
        self.assertEqual(os.listdir(self.dir.name), [])


class ShippedProfiles(unittest.TestCase):
    """platforms/traces/: what SimGrid's profile reader needs, and the licence of each file."""

    def profiles(self):
        names = sorted(n for n in os.listdir(TRACES) if re.search(r"\.(bw|lat|state)$", n))
        self.assertGreaterEqual(len(names), 3)
        return names

    def test_profiles_are_well_formed(self):
        for name in self.profiles():
            with self.subTest(name=name):
                lines = body(os.path.join(TRACES, name))
                self.assertRegex(lines[-1], r"^LOOPAFTER [0-9.]+$")
                dates = []
                for line in lines[:-1]:
                    date, value = line.split(" ")
                    dates.append(float(date))
                    if name.endswith(".state"):
                        self.assertIn(value, ("0", "1"))
                    else:
                        self.assertGreater(float(value), 0)
                self.assertEqual(dates[0], 0)
                self.assertEqual(dates, sorted(set(dates)))
                self.assertGreater(float(lines[-1].split(" ")[1]), 0)

    def test_every_file_names_its_source_licence_and_command(self):
        for name in self.profiles():
            with self.subTest(name=name):
                header = "\n".join(comments(os.path.join(TRACES, name)))
                self.assertIn("# command: tools/import-network-trace DATA/", header)
                if "DATA/nyu-mets/" in header:
                    self.assertIn("published under ODbL 1.0", header)
                else:
                    self.assertIn("DATA/5gophers/", header)
                    self.assertIn("CC BY 4.0", header)

    def test_platforms_use_each_profile_once_and_load(self):
        used = []
        platforms = sorted(n for n in os.listdir(TRACES) if n.endswith(".xml"))
        self.assertEqual(len(platforms), 3)
        for name in platforms:
            path = os.path.join(TRACES, name)
            for link in ElementTree.parse(path).iter("link"):
                self.assertEqual(link.get("sharing_policy"), "SHARED", name)
                for attribute in ("bandwidth_file", "latency_file", "state_file"):
                    if link.get(attribute):
                        used.append(link.get(attribute))
                        self.assertTrue(os.path.isfile(os.path.join(TRACES, used[-1])),
                                        used[-1])
            binary = os.environ.get("DSDSI_BINARY")
            if binary:
                result = subprocess.run([binary, "platform", "inspect", path],
                                        capture_output=True, text=True, check=False)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("3 edge host(s)", result.stdout)
        # SimGrid 3.32 refuses one profile file on two links.
        self.assertEqual(len(used), len(set(used)))
        self.assertEqual(self.profiles(), sorted(used))


if __name__ == "__main__":
    unittest.main()
