"""The figure of a `dsdsi capacity` folder: each probe's SLO metrics against its number of
clients, per mode (its colour), filled when the probe met every SLO and hollow when not, the
SLO limits as horizontal lines and each mode's capacity as a vertical one; and throughput."""
import csv
import json
import os
import re

from matplotlib.lines import Line2D
from matplotlib.ticker import ScalarFormatter

from .style import MODE_COLOURS, MODE_ORDER, as_number, axis_label

FIXED_COLUMNS = {"mode", "clients", "pass", "server_busy_fraction", "throughput_tokens_per_s"}


def slo_limits(folder, metrics):
    """{metric: limit}: capacity.json's SLOs when it records them, else its command line."""
    try:
        with open(os.path.join(folder, "capacity.json")) as f:
            facts = json.load(f)
    except (OSError, ValueError):
        return {}
    limits = {}
    slos = facts.get("slos") or facts.get("slo")
    if isinstance(slos, dict):
        limits.update({k: float(v) for k, v in slos.items() if as_number(v) is not None})
    elif isinstance(slos, list):
        for s in slos:
            if isinstance(s, dict) and "metric" in s:
                value = s.get("max_value", s.get("max", s.get("limit")))
                if as_number(value) is not None:
                    limits[s["metric"]] = float(value)
    if not limits:
        line = facts.get("command_line") or []
        for i, arg in enumerate(line):
            text = line[i + 1] if arg == "--slo" and i + 1 < len(line) else \
                arg[len("--slo="):] if arg.startswith("--slo=") else None
            match = re.match(r"([A-Za-z0-9_]+)=([0-9.eE+-]+)$", text or "")
            if match:
                limits[match.group(1)] = float(match.group(2))
    # "tpot_p95_ms" is also accepted by dsdsi for tpot_ms_p95.
    for key in list(limits):
        parts = re.match(r"(\w+?)_(p\d+|mean)_ms$", key)
        if parts:
            limits.setdefault(f"{parts.group(1)}_ms_{parts.group(2)}", limits[key])
    return {m: limits[m] for m in metrics if m in limits}


def plot_capacity(folder, out):
    with open(os.path.join(folder, "capacity.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"tools/plot: {folder}: capacity.csv has no probes")
    metrics = [c for c in rows[0] if c not in FIXED_COLUMNS]
    panels = metrics + (["throughput_tokens_per_s"] if "throughput_tokens_per_s" in rows[0] else [])
    limits = slo_limits(folder, metrics)
    modes = sorted({r["mode"] for r in rows},
                   key=lambda m: MODE_ORDER.index(m) if m in MODE_ORDER else 99)
    fig, grid = out.figure((5 * len(panels), 4.2), 1, len(panels))
    for ax, metric in zip(grid[0], panels):
        for mode in modes:
            colour = MODE_COLOURS.get(mode, "#555555")
            probes = sorted((int(r["clients"]), as_number(r[metric]), r["pass"] == "true")
                            for r in rows if r["mode"] == mode and as_number(r[metric]) is not None)
            if not probes:
                continue
            ax.plot([p[0] for p in probes], [p[1] for p in probes], color=colour, linewidth=1,
                    alpha=0.6)
            for clients, value, passed in probes:
                ax.plot([clients], [value], "o", color=colour, markersize=6,
                        markerfacecolor=colour if passed else "white")
            passing = [p[0] for p in probes if p[2]]
            if passing:
                ax.axvline(max(passing), color=colour, linestyle=":", linewidth=1)
        if metric in limits:
            ax.axhline(limits[metric], color="black", linestyle="--", linewidth=1)
        ax.set_xscale("log", base=2)
        ax.xaxis.set_major_formatter(ScalarFormatter())
        values = [as_number(r[metric]) for r in rows if as_number(r[metric])]
        if metric != "throughput_tokens_per_s" and values and max(values) > 20 * min(values):
            ax.set_yscale("log")  # latencies explode past capacity; the SLO line stays visible
        ax.set_xlabel("clients (probes of the bisection)")
        ax.set_ylabel(axis_label(metric))
        ax.grid(True, alpha=0.3)
    handles = [Line2D([], [], color=MODE_COLOURS.get(m, "#555555"), marker="o", label=m)
               for m in modes]
    handles += [Line2D([], [], color="grey", marker="o", linestyle="none", label="meets every SLO"),
                Line2D([], [], color="grey", marker="o", markerfacecolor="white",
                       linestyle="none", label="misses an SLO"),
                Line2D([], [], color="grey", linestyle=":", label="capacity (most passing)")]
    if limits:
        handles.append(Line2D([], [], color="black", linestyle="--", label="SLO limit"))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 0.95), fontsize=8,
               frameon=False)
    fig.tight_layout()
    name = os.path.basename(os.path.abspath(folder))
    title = name + ": " + ", ".join(f"{m} <= {v:g}" for m, v in limits.items()) if limits else name
    out.save(fig, "capacity", title)
