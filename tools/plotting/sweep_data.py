"""A sweep's rows, grouped: its axes (the columns between `point` and `repeat`), the scenario
it ran (sweep.json's plan), and per point without the seed the mean of a metric over repeats
with its 95% confidence half-width, from sweep_summary.csv when the sweep wrote one, else
computed from sweep.csv's repeats the same way."""
import csv
import json
import math
import os

from .style import as_number

NOT_AXES = {"point", "repeat", "seed", "status", "error"}

# Student's t quantile t(0.975, df) for df = 1..30; beyond, the normal 1.96 is within 2%.
T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
        2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def t975(df):
    return T975[df - 1] if df <= len(T975) else 1.96


def mean_and_ci(values):
    """(mean, 95% half-width or None when fewer than two values)."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, t975(n - 1) * sd / math.sqrt(n)


class Sweep:
    def __init__(self, path):
        self.folder = path if os.path.isdir(path) else (os.path.dirname(path) or ".")
        csv_path = os.path.join(path, "sweep.csv") if os.path.isdir(path) else path
        with open(csv_path, newline="") as f:
            reader = csv.DictReader(f)
            columns = reader.fieldnames or []
            self.rows = [r for r in reader if r.get("status") == "ok"]
        end = columns.index("repeat") if "repeat" in columns else columns.index("status")
        self.axes = [c for c in columns[:end] if c not in NOT_AXES]
        self.columns = columns
        self.name = os.path.basename(os.path.abspath(self.folder))
        self.scenario = None
        try:
            with open(os.path.join(self.folder, "sweep.json")) as f:
                facts = json.load(f)
            self.scenario = facts["plan"]["scenario"]
            if facts.get("scenario_file"):  # the scenario's name says more than the folder's
                self.name = os.path.splitext(os.path.basename(facts["scenario_file"]))[0]
        except (OSError, KeyError, ValueError):
            pass
        self.summary = self._read_summary()

    def _read_summary(self):
        """{axis values tuple: {metric: (mean, ci95 or None)}} from sweep_summary.csv, or None."""
        path = os.path.join(self.folder, "sweep_summary.csv")
        if not os.path.exists(path):
            return None
        table = {}
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                if any(a not in row for a in self.axes):
                    return None  # another layout than expected: fall back to sweep.csv
                key = tuple(row[a] for a in self.axes)
                metrics = {}
                for column, cell in row.items():
                    if column.endswith("_mean"):
                        base = column[: -len("_mean")]
                        metrics[base] = (as_number(cell), as_number(row.get(base + "_ci95", "")))
                table[key] = metrics
        return table

    def values(self, axis):
        """The distinct values of an axis, in the order they first appear (the sweep's order)."""
        seen = []
        for r in self.rows:
            if r[axis] not in seen:
                seen.append(r[axis])
        return seen

    def varied_axes(self):
        """Axes with two or more values, leaving out zip partners (an axis whose value follows
        from one already kept adds no curve)."""
        kept = []
        for a in self.axes:
            if len(self.values(a)) < 2 or any(self._follows(a, k) for k in kept):
                continue
            kept.append(a)
        return kept

    def _follows(self, axis, other):
        mapping = {}
        return all(mapping.setdefault(r[other], r[axis]) == r[axis] for r in self.rows)

    def numeric(self, axis):
        return all(as_number(r[axis]) is not None for r in self.rows)

    def has_metric(self, metric):
        return any(r.get(metric, "") != "" for r in self.rows)

    def aggregate(self, rows, metric):
        """(mean, ci95) of a metric over `rows` (the repeats of one point)."""
        if self.summary is not None and rows:
            key = tuple(rows[0][a] for a in self.axes)
            found = self.summary.get(key, {}).get(metric)
            if found is not None and found[0] is not None:
                return found
        return mean_and_ci([as_number(r.get(metric, "")) for r in rows])

    def series(self, rows, x_axis, group_axes, metric):
        """{group values: sorted [(x, mean, ci95)]} over `rows`."""
        buckets = {}
        for r in rows:
            key = tuple(r[a] for a in group_axes)
            buckets.setdefault(key, {}).setdefault(as_number(r[x_axis]), []).append(r)
        out = {}
        for key, points in buckets.items():
            line = []
            for x, point_rows in points.items():
                mean, ci = self.aggregate(point_rows, metric)
                if mean is not None:
                    line.append((x, mean, ci))
            out[key] = sorted(line)
        return out

    def repeats(self):
        """Most seeds of any point (1 without repeats)."""
        counts = {}
        for r in self.rows:
            key = tuple(r[a] for a in self.axes)
            counts[key] = counts.get(key, 0) + 1
        return max(counts.values()) if counts else 0
