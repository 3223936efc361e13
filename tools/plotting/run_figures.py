"""The figures of one run: TTFT and TPOT distributions over requests (one curve per device
class when the run has several), the main metrics per class side by side, and timeline.csv
(every numeric column against interval start, one panel each, one line per server)."""
import csv
import json
import os

from matplotlib.lines import Line2D

from .style import as_number, axis_label, category_colours, short_title

NOT_SERIES = {"server", "t_start_ms", "t_end_ms", "interval"}


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def run_scenario(folder):
    try:
        with open(os.path.join(folder, "run.json")) as f:
            return json.load(f).get("scenario")
    except (OSError, ValueError):
        return None


def run_name(folder):
    """The scenario file's name ("edge_fleet"), and the point's id for a sweep's point."""
    parts = os.path.abspath(folder).split(os.sep)
    name = parts[-1]
    try:
        with open(os.path.join(folder, "run.json")) as f:
            scenario_file = json.load(f).get("scenario_file", "")
        if scenario_file:
            name = os.path.splitext(os.path.basename(scenario_file))[0]
    except (OSError, ValueError):
        pass
    if len(parts) >= 3 and parts[-2] == "points":
        return f"{name}, point {parts[-1]}"
    return name


def ecdf(values):
    """Steps from 0 at the smallest value to 1 at the largest."""
    values = sorted(values)
    n = len(values)
    return [values[0]] + values, [0.0] + [(i + 1) / n for i in range(n)]


def latencies(folder):
    """{device class: (ttfts, tpots)} over requests; one class "all" without clients.csv."""
    classes = {}
    clients_csv = os.path.join(folder, "clients.csv")
    if os.path.exists(clients_csv):
        classes = {r["client"]: r.get("device_class", "default") for r in read_csv(clients_csv)}
    out = {}
    for r in read_csv(os.path.join(folder, "requests.csv")):
        tokens = int(float(r["output_tokens"]))
        first, last = float(r["first_token_ms"]), float(r["last_token_ms"])
        ttft, tpot = out.setdefault(classes.get(r.get("client"), "default"), ([], []))
        if tokens >= 1:
            ttft.append(first - float(r["submit_ms"]))
        if tokens >= 2:
            tpot.append((last - first) / (tokens - 1))
    return out


def plot_latency_cdf(folder, out):
    by_class = latencies(folder)
    if not any(t for t, _ in by_class.values()):
        raise SystemExit(f"tools/plot: {folder}: no request produced a token")
    names = sorted(by_class)
    several = len(names) > 1
    colours = dict(zip(names, category_colours(len(names))))
    fig, grid = out.figure((12, 4.3), 1, 2)
    for ax, which, label in ((grid[0][0], 0, "time to first token, TTFT (ms)"),
                             (grid[0][1], 1, "per-token time, TPOT (ms)")):
        everything = [v for name in names for v in by_class[name][which]]
        if several:
            for name in names:
                values = by_class[name][which]
                if values:
                    xs, ys = ecdf(values)
                    ax.step(xs, ys, where="post", color=colours[name], linewidth=1.5)
        if everything:
            xs, ys = ecdf(everything)
            ax.step(xs, ys, where="post", color="black", linewidth=1.2 if several else 1.8,
                    linestyle="--" if several else "-")
            ax.axvline(sum(everything) / len(everything), color="black", linestyle=":",
                       linewidth=1)
        if everything:
            low, high = min(everything), max(everything)
            if high - low <= 1e-6 * max(abs(high), 1):  # one value (one client, no queueing)
                ax.set_xlim(low * 0.95 - 0.5, high * 1.05 + 0.5)
        ax.ticklabel_format(axis="x", useOffset=False)
        ax.set_xlabel(label)
        ax.set_ylabel("fraction of requests (CDF)")
        ax.set_ylim(0, 1.02)
        ax.grid(True, alpha=0.3)
    handles = []
    if several:
        handles += [Line2D([], [], color=colours[n], linewidth=2,
                           label=f"{n} ({len(by_class[n][0])} requests)") for n in names]
        handles.append(Line2D([], [], color="black", linestyle="--",
                              label=f"all ({sum(len(by_class[n][0]) for n in names)} requests)"))
    else:
        handles.append(Line2D([], [], color="black", label=f"{len(by_class[names[0]][0])} requests"))
    handles.append(Line2D([], [], color="black", linestyle=":", label="mean, all requests"))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 0.95), fontsize=8,
               frameon=False)
    fig.tight_layout()
    out.save(fig, "latency_cdf", short_title(run_name(folder), run_scenario(folder), set()))


CLASS_METRICS = ["tpot_ms_mean", "tpot_ms_p95", "ttft_ms_mean", "throughput_tokens_per_s",
                 "acceptance_rate", "edge_j_per_token"]


def plot_classes(folder, out):
    """One panel per metric of summary.json's by_class, one bar per device class."""
    try:
        with open(os.path.join(folder, "summary.json")) as f:
            by_class = json.load(f).get("by_class") or {}
    except (OSError, ValueError):
        return
    if len(by_class) < 2:
        return
    names = sorted(by_class)
    metrics = [m for m in CLASS_METRICS
               if any(isinstance(by_class[n].get(m), (int, float)) for n in names)]
    if not metrics:
        return
    cols = min(3, len(metrics))
    rows = -(-len(metrics) // cols)
    fig, grid = out.figure((4.2 * cols, 3.4 * rows), rows, cols)
    colours = category_colours(len(names))
    for i, metric in enumerate(metrics):
        ax = grid[i // cols][i % cols]
        values = [by_class[n].get(metric) for n in names]
        ax.bar(range(len(names)), [v if isinstance(v, (int, float)) else 0 for v in values],
               color=colours)
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, fontsize=8)
        ax.set_title(axis_label(metric), fontsize=9)
        ax.grid(True, axis="y", alpha=0.3)
    for i in range(len(metrics), rows * cols):
        grid[i // cols][i % cols].set_visible(False)
    fig.tight_layout()
    out.save(fig, "by_class", short_title(run_name(folder), run_scenario(folder), set()))


def time_column(columns):
    for name in ("t_start_ms", "interval_start_ms", "start_ms", "t_ms", "time_ms"):
        if name in columns:
            return name
    starts = [c for c in columns if "start" in c]
    return starts[0] if starts else columns[0]


def plot_timeline(folder, out, path=None):
    """Every numeric column of timeline.csv against the interval start, one panel each, one
    line per server (the column names are read from the file, not assumed)."""
    path = path or os.path.join(folder, "timeline.csv")
    rows = read_csv(path)
    if not rows:
        return
    columns = list(rows[0].keys())
    t_col = time_column(columns)
    server_col = "server" if "server" in columns else None
    series = [c for c in columns if c != t_col and c not in NOT_SERIES and c != server_col
              and any(as_number(r[c]) is not None for r in rows)]
    if not series:
        return
    servers = sorted({r[server_col] for r in rows}, key=lambda s: (as_number(s) or 0, s)) \
        if server_col else [None]
    colours = dict(zip(servers, category_colours(len(servers))))
    cols = min(3, len(series))
    nrows = -(-len(series) // cols)
    fig, grid = out.figure((4.4 * cols, 2.6 * nrows), nrows, cols, sharex=True)
    scale, unit = (1e-3, "s") if max(as_number(r[t_col]) or 0 for r in rows) > 1e4 else (1, "ms")
    for i, column in enumerate(series):
        ax = grid[i // cols][i % cols]
        for server in servers:
            points = [(as_number(r[t_col]), as_number(r[column])) for r in rows
                      if server is None or r[server_col] == server]
            points = [(t * scale, v) for t, v in points if t is not None and v is not None]
            if points:
                ax.step([p[0] for p in points], [p[1] for p in points], where="post",
                        color=colours[server], linewidth=1.1)
        ax.set_title(axis_label(column), fontsize=9)
        ax.grid(True, alpha=0.3)
        if i // cols == nrows - 1 or i + cols >= len(series):
            ax.set_xlabel(f"interval start ({unit})")
    for i in range(len(series), nrows * cols):
        grid[i // cols][i % cols].set_visible(False)
    if server_col and len(servers) > 1:
        fig.legend(handles=[Line2D([], [], color=colours[s], label=f"server {s}")
                            for s in servers], loc="upper left", bbox_to_anchor=(1.0, 0.95),
                   fontsize=8, frameon=False)
    fig.tight_layout()
    out.save(fig, "timeline", short_title(run_name(folder), run_scenario(folder), set()))


def plot_run(folder, out):
    plot_latency_cdf(folder, out)
    plot_classes(folder, out)
    if os.path.exists(os.path.join(folder, "timeline.csv")):
        plot_timeline(folder, out)
