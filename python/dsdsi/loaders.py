"""Readers of dsdsi's run, sweep and capacity folders (formats: docs/model.md, "Metrics")."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import pandas as pd

RUN_TRACES = ("requests", "rounds", "clients", "servers")


def _folder(path) -> Path:
    """A folder, or the folder of a file inside it (so runs/x/sweep.csv works too)."""
    path = Path(path)
    return path.parent if path.is_file() else path


def _json(path: Path) -> Optional[dict]:
    return json.loads(path.read_text()) if path.exists() else None


def _read_csv(path: Path, **options) -> pd.DataFrame:
    # pandas' default float parser can be off by an ulp; dsdsi writes numbers in their shortest
    # exact form, so "round_trip" gives back the very doubles summary.json holds.
    return pd.read_csv(path, float_precision="round_trip", **options)


def _csv(path: Path, **options) -> Optional[pd.DataFrame]:
    # An empty cell (an undefined metric) is NaN.
    return _read_csv(path, **options) if path.exists() else None


@dataclass
class Run:
    """A `dsdsi run` folder (or a sweep's points/<id>, a capacity search's probes/<mode>-<n>)."""
    path: Path
    summary: dict                      # summary.json as written (by_class nested)
    info: Optional[dict]               # run.json: versions, seed, command line, scenario
    requests: Optional[pd.DataFrame]   # requests.csv, one row per request
    rounds: Optional[pd.DataFrame]     # rounds.csv, one row per verification round
    clients: Optional[pd.DataFrame]    # clients.csv, one row per edge client
    servers: Optional[pd.DataFrame]    # servers.csv, one row per cloud server
    timeline: Optional[pd.DataFrame]   # timeline.csv, when the run wrote one

    @property
    def metrics(self) -> pd.Series:
        """summary.json's flat metrics as a Series (by_class left out; null is NaN)."""
        flat = {k: (float("nan") if v is None else v) for k, v in self.summary.items()
                if not isinstance(v, dict)}
        return pd.Series(flat, name=self.path.name)

    @property
    def by_class(self) -> Optional[pd.DataFrame]:
        """summary.json's by_class: one row per device class, indexed by its name."""
        classes = self.summary.get("by_class")
        if classes is None:
            return None
        frame = pd.DataFrame.from_dict(classes, orient="index")
        frame.index.name = "device_class"
        return frame.astype({c: float for c in frame.columns if frame[c].isna().all()})


@dataclass
class Sweep:
    """A `dsdsi sweep` (or `dsdsi merge`) folder."""
    path: Path
    points: pd.DataFrame               # sweep.csv, one row per point
    axes: List[str]                    # its axis columns (dotted scenario paths), in axis order
    metrics: List[str]                 # its metric columns (summary keys, closed forms)
    info: Optional[dict]               # sweep.json: the plan and the sweep's timing
    summary: Optional[pd.DataFrame]    # sweep_summary.csv (repeats aggregated), when present
    summary_metrics: List[str] = field(default_factory=list)  # M of its M_mean, M_sd, M_ci95

    def point(self, point_id) -> Run:
        """The run of one point (its folder under points/), by id ("0007" or 7)."""
        if not isinstance(point_id, str):
            point_id = f"{int(point_id):0{len(self.points['point'].iloc[0])}d}"
        return load_run(self.path / "points" / point_id)


@dataclass
class Capacity:
    """A `dsdsi capacity` folder."""
    path: Path
    probes: pd.DataFrame               # capacity.csv, one row per probe
    slo_metrics: List[str]             # the SLO columns of capacity.csv, in order
    info: Optional[dict]               # capacity.json, when present

    def capacity(self) -> Dict[str, Optional[int]]:
        """Per mode, the most clients of a probe that met every SLO (None when none did)."""
        result = {}
        for mode, probes in self.probes.groupby("mode", sort=False):
            passed = probes.loc[probes["pass"], "clients"]
            result[mode] = int(passed.max()) if len(passed) else None
        return result


def load_run(path) -> Run:
    folder = _folder(path)
    summary = _json(folder / "summary.json")
    if summary is None:
        raise FileNotFoundError(f"{folder}: no summary.json (not a dsdsi run folder)")
    traces = {name: _csv(folder / f"{name}.csv") for name in RUN_TRACES}
    return Run(path=folder, summary=summary, info=_json(folder / "run.json"),
               timeline=_csv(folder / "timeline.csv"), **traces)


def _axes_from_header(columns: List[str]) -> List[str]:
    # sweep.csv: point, <axes...>, repeat, seed, status, <metrics...>, error
    return list(columns[1:columns.index("repeat")])


def _summary_metrics(columns: List[str]) -> List[str]:
    # sweep_summary.csv: <axes...>, n, then M_mean, M_sd, M_ci95 for each metric M.
    after_n = columns[columns.index("n") + 1:]
    return [c[:-len("_mean")] for c in after_n
            if c.endswith("_mean") and c[:-len("_mean")] + "_sd" in after_n]


def load_sweep(path) -> Sweep:
    folder = _folder(path)
    table = folder / "sweep.csv"
    if not table.exists():
        raise FileNotFoundError(f"{folder}: no sweep.csv (not a dsdsi sweep folder)")
    # Ids such as "0007" stay text.
    points = _read_csv(table, dtype={"point": str, "status": str, "error": str})
    columns = list(points.columns)
    info = _json(folder / "sweep.json")
    planned = (info or {}).get("plan", {}).get("columns")
    axes = _axes_from_header(planned if planned == columns else columns)
    after_status = columns[columns.index("status") + 1:]
    metrics = [c for c in after_status if c != "error"]
    summary = _csv(folder / "sweep_summary.csv")
    return Sweep(path=folder, points=points, axes=axes, metrics=metrics, info=info,
                 summary=summary,
                 summary_metrics=_summary_metrics(list(summary.columns)) if summary is not None
                 else [])


def load_capacity(path) -> Capacity:
    folder = _folder(path)
    table = folder / "capacity.csv"
    if not table.exists():
        raise FileNotFoundError(f"{folder}: no capacity.csv (not a dsdsi capacity folder)")
    probes = _read_csv(table, dtype={"mode": str})
    probes["pass"] = probes["pass"].astype(str).str.lower() == "true"
    columns = list(probes.columns)
    slo_metrics = columns[columns.index("clients") + 1:columns.index("pass")]
    return Capacity(path=folder, probes=probes, slo_metrics=slo_metrics,
                    info=_json(folder / "capacity.json"))


def load_timeline(path) -> pd.DataFrame:
    """timeline.csv of a run folder (or the file itself)."""
    path = Path(path)
    file = path if path.suffix == ".csv" else path / "timeline.csv"
    if not file.exists():
        raise FileNotFoundError(f"{file}: no such file (the run wrote no timeline)")
    return _read_csv(file)


def load(path):
    """A Run, Sweep or Capacity, whichever the folder is."""
    folder = _folder(path)
    if (folder / "sweep.csv").exists():
        return load_sweep(folder)
    if (folder / "capacity.csv").exists():
        return load_capacity(folder)
    if (folder / "summary.json").exists():
        return load_run(folder)
    raise ValueError(f"{folder}: not a dsdsi run, sweep or capacity folder "
                     "(no summary.json, sweep.csv or capacity.csv)")
