#!/usr/bin/python3
"""Every key and column dsdsi writes is defined in the Metrics section of docs/model.md.

Runs real commands (a run, a run of a mixed fleet with energy, a sweep, a capacity search) with
the dsdsi binary under test, collects every summary.json key (by_class entries included), every
CSV header column and every top-level key of the JSON fact files, and checks that each appears in
backquotes in the Metrics section. New outputs are checked without touching this file: any *.csv
or known JSON file in an output folder is read. To cover a new command or option, add a line to
OUTPUTS. A name written with a placeholder in the docs (`<metric>_sd`) covers every column of
that shape.

Usage: metrics_documented.py DSDSI SOURCE_DIR WORK_DIR
"""
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

SHORT = ["--set", "workload.requests_per_client=1", "--set", "workload.output_tokens=32"]
# (folder name, dsdsi arguments before --out). Each must succeed.
OUTPUTS = [
    ("run", ["run", "scenarios/quickstart.json"] + SHORT),
    ("fleet", ["run", "scenarios/edge_fleet.json"] + SHORT),
    # A network that fails: the stall and outage keys and columns appear (timeline.csv's
    # clients_disconnected too).
    ("outages", ["run", "scenarios/quickstart.json", "--set", "network.outages.mean_up_s=0.5",
                 "--set", "network.outages.mean_down_s=0.2"] + SHORT),
    ("steady", ["run", "scenarios/steady_state.json", "--set", "measure.horizon_ms=20000",
                "--set", "measure.warmup_ms=2000"]),
    ("radio", ["run", "scenarios/radio_energy_over_rtt.json"] + SHORT),
    ("memory", ["run", "scenarios/quickstart.json", "--set", "edge.memory_gb=4",
                "--set", "edge.draft_model_gb=3", "--set", "edge.kv_bytes_per_token=1000000"]
     + SHORT),
    ("sweep", ["sweep", "scenarios/quickstart.json", "--jobs", "1",
               "--set", 'sweep={"grid": {"mode": ["dsd_sync", "cloud_ar"]}, "repeats": 2}'] + SHORT),
    ("capacity", ["capacity", "scenarios/quickstart.json", "--slo", "tpot_ms_p95=60",
                  "--max", "2", "--modes", "dsd_sync,colocated_sd"] + SHORT),
]
# JSON files whose top-level keys are checked; summary.json also by_class's entries' keys.
JSON_FACTS = ["run.json", "sweep.json", "capacity.json"]


def metrics_section(model_md):
    text = model_md.read_text()
    start = text.find("\n## Metrics\n")
    if start < 0:
        sys.exit(f"{model_md}: no '## Metrics' section")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def documented_names(section):
    """Plain names and placeholder patterns, from every `quoted` token of the section."""
    names, patterns = set(), []
    for token in re.findall(r"`([^`\n]+)`", section):
        if re.fullmatch(r"[A-Za-z0-9_.]+", token):
            names.add(token)
        elif re.fullmatch(r"[A-Za-z0-9_.<>]+", token) and "<" in token:
            regex = re.sub(r"<[^>]+>", "[A-Za-z0-9_.]+", re.escape(token).replace(r"\<", "<")
                           .replace(r"\>", ">"))
            patterns.append(re.compile(regex))
    return names, patterns


def is_documented(name, names, patterns):
    return name in names or any(p.fullmatch(name) for p in patterns)


def written_names(folder):
    """(file, name) for every key and column of the output folder."""
    found = []
    summary = folder / "summary.json"
    if summary.exists():
        data = json.loads(summary.read_text())
        found += [("summary.json", k) for k in data]
        for cls, entry in data.get("by_class", {}).items():
            found += [(f"summary.json by_class/{cls}", k) for k in entry]
    for name in JSON_FACTS:
        path = folder / name
        if path.exists():
            found += [(name, k) for k in json.loads(path.read_text())]
    axes = set()
    sweep_json = folder / "sweep.json"
    if sweep_json.exists():
        columns = json.loads(sweep_json.read_text())["plan"]["columns"]
        axes = set(columns[1:columns.index("repeat")])  # named by the scenario, not by dsdsi
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="") as f:
            header = next(csv.reader(f))
        found += [(path.name, c) for c in header if c not in axes]
    return found


def main():
    dsdsi, source, work = (Path(a).resolve() for a in sys.argv[1:4])
    names, patterns = documented_names(metrics_section(source / "docs" / "model.md"))
    # The check itself must be able to fail.
    assert len(names) > 50, f"only {len(names)} names parsed from the Metrics section"
    assert not is_documented("no_such_metric_ms_p42", names, patterns)

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    missing, checked = [], 0
    for label, args in OUTPUTS:
        out = work / label
        run = subprocess.run([str(dsdsi)] + args + ["--out", str(out)], cwd=source,
                             capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"dsdsi {' '.join(args)} failed ({run.returncode}):\n{run.stderr}")
        for file, name in written_names(out):
            checked += 1
            if not is_documented(name, names, patterns):
                missing.append(f"{label}: {file}: {name}")
    if missing:
        print("not defined in the Metrics section of docs/model.md:")
        print("\n".join(f"  {m}" for m in sorted(set(missing))))
        return 1
    print(f"{checked} keys and columns of {len(OUTPUTS)} outputs, all defined in docs/model.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
