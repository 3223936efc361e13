"""The figures of a sweep: a metric against each numeric axis (one colour per mode, a marker
and shade per value of the next axis, a line style per value of the one after, panels for the
rest; closed forms dotted in the curve's colour where the sweep has them; 95% bands where it
has repeats), throughput and capacity against gamma; bar charts for categorical axes are in
category_figures.py."""
import sys

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .style import (CLOSED_FORM_STYLE, as_number, LINE_STYLES, MARKERS, MODE_COLOURS, MODE_ORDER,
                    axis_label, shade, short_name, short_title,
                    value_text)

GREY = "#555555"
MAX_CURVES_PER_PANEL = 10
SATURATED = 0.95  # server busy fraction from which a point counts as saturated
# Axes that load the cloud: throughput against them is worth a figure of its own.
LOAD_AXES = {"workload.clients", "cloud.batch_window_ms", "cloud.max_batch", "workload.rate_per_s"}


def ordered(sweep, axis):
    values = sweep.values(axis)
    if axis == "mode":
        return sorted(values, key=lambda m: MODE_ORDER.index(m) if m in MODE_ORDER else 99)
    if sweep.numeric(axis):
        return sorted(values, key=float)
    return values


def axis_title(sweep, axis):
    """"t_ar, t_v" for a zip group, so that its values read "100 ms, 100 ms"."""
    partners = [a for a in sweep.axes if a != axis and sweep._follows(a, axis)
                and len(sweep.values(a)) > 1]
    return ", ".join(short_name(a) for a in [axis] + partners)


def value_label(sweep, axis, value):
    partners = [a for a in sweep.axes if a != axis and sweep._follows(a, axis)
                and len(sweep.values(a)) > 1]
    row = next(r for r in sweep.rows if r[axis] == value)
    texts = [value_text(axis, value)] + [value_text(a, row[a]) for a in partners]
    return texts[0] if len(set(texts)) == 1 else ", ".join(texts)


def facet_title(sweep, axis, value):
    """"t_ar = t_v = 20 ms" for a zip group moving in step, else "t_ar, t_v = 20 ms, 9 ms"."""
    partners = [a for a in sweep.axes if a != axis and sweep._follows(a, axis)
                and len(sweep.values(a)) > 1]
    label = value_label(sweep, axis, value)
    if partners and "," not in label:
        return " = ".join(short_name(a) for a in [axis] + partners) + " = " + label
    return f"{axis_title(sweep, axis)} = {label}"


class Layout:
    """Which axis draws what in a figure against x_axis."""

    def __init__(self, sweep, x_axis):
        varied = [a for a in sweep.varied_axes() if a != x_axis]
        self.mode = "mode" if "mode" in varied else None
        others = [a for a in varied if a != "mode"]
        self.facets = []
        # Too many curves for one panel: the last small axis becomes panels.
        def curves():
            n = len(sweep.values("mode")) if self.mode else 1
            for a in others:
                n *= len(sweep.values(a))
            return n
        while curves() > MAX_CURVES_PER_PANEL:
            small = [a for a in others if len(sweep.values(a)) <= 6]
            if not small:
                break
            self.facets.insert(0, small[-1])
            others.remove(small[-1])
        self.marker = others[0] if others else None
        self.style = others[1] if len(others) > 1 else None
        for extra in others[2:]:
            self.facets.append(extra)
        # For the title: every axis that moves, zip partners included.
        self.varied = {a for a in sweep.axes if len(sweep.values(a)) > 1} | {x_axis}

    def group_axes(self):
        return [a for a in (self.mode, self.marker, self.style) if a]


def panel_keys(sweep, facets):
    keys = [()]
    for axis in facets:
        keys = [k + (v,) for k in keys for v in ordered(sweep, axis)]
    return keys


def curve_look(sweep, layout, key, default_mode):
    values = dict(zip(layout.group_axes(), key))
    mode = values.get("mode", default_mode)
    colour = MODE_COLOURS.get(mode, GREY)
    marker, style = "o", "-"
    if layout.marker:
        choices = ordered(sweep, layout.marker)
        index = choices.index(values[layout.marker])
        marker = MARKERS[index % len(MARKERS)]
        colour = shade(colour, index, len(choices))
    if layout.style:
        choices = ordered(sweep, layout.style)
        style = LINE_STYLES[choices.index(values[layout.style]) % len(LINE_STYLES)]
    return colour, marker, style


def legend_handles(sweep, layout, default_mode, extras):
    handles = []
    if not layout.mode:  # the one mode the sweep runs, in its colour
        handles.append(Line2D([], [], linestyle="none", label="mode"))
        handles.append(Line2D([], [], color=MODE_COLOURS.get(default_mode, GREY), linewidth=2.5,
                              label=default_mode))
    if layout.mode:
        handles.append(Line2D([], [], linestyle="none", label="mode"))
        for mode in ordered(sweep, "mode"):
            handles.append(Line2D([], [], color=MODE_COLOURS.get(mode, GREY), linewidth=2.5,
                                  label=mode))
    if layout.marker:
        handles.append(Line2D([], [], linestyle="none", label=axis_title(sweep, layout.marker)))
        base = MODE_COLOURS.get(default_mode, GREY) if not layout.mode else GREY
        choices = ordered(sweep, layout.marker)
        for i, v in enumerate(choices):
            handles.append(Line2D([], [], color=shade(base, i, len(choices)),
                                  marker=MARKERS[i % len(MARKERS)], markersize=5,
                                  label=value_label(sweep, layout.marker, v)))
    if layout.style:
        handles.append(Line2D([], [], linestyle="none", label=axis_title(sweep, layout.style)))
        for i, v in enumerate(ordered(sweep, layout.style)):
            handles.append(Line2D([], [], color=GREY, linestyle=LINE_STYLES[i % len(LINE_STYLES)],
                                  label=value_label(sweep, layout.style, v)))
    handles.extend(extras)
    return handles


def add_legend(fig, handles):
    if not handles:
        return
    legend = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 0.95),
                        fontsize=8, frameon=False)
    # Section headings (no line) in bold.
    for handle, text in zip(legend.legend_handles if hasattr(legend, "legend_handles")
                            else legend.legendHandles, legend.get_texts()):
        if isinstance(handle, Line2D) and handle.get_linestyle() in ("None", "none") \
                and handle.get_marker() in ("None", "none", None, ""):
            text.set_fontweight("bold")


def scenario_mode(sweep):
    return (sweep.scenario or {}).get("mode", "dsd_sync")


def plot_lines(sweep, out, x_axis, metric, closed_column=None, mark_minimum=False, stem=None,
               closed_label="closed form"):
    layout = Layout(sweep, x_axis)
    panels = panel_keys(sweep, layout.facets)
    cols = min(len(panels), 2 if len(panels) <= 4 else 3)
    nrows = -(-len(panels) // cols)
    fig, grid = out.figure((6.4 * cols if cols > 1 else 7.5, 4.2 * nrows), nrows, cols,
                           sharey=len(panels) > 1)
    default_mode = scenario_mode(sweep)
    drew_closed = drew_band = False
    for index, panel in enumerate(panels):
        ax = grid[index // cols][index % cols]
        rows = [r for r in sweep.rows
                if all(r[a] == v for a, v in zip(layout.facets, panel))]
        sim = sweep.series(rows, x_axis, layout.group_axes(), metric)
        closed = sweep.series(rows, x_axis, layout.group_axes(), closed_column) \
            if closed_column and sweep.has_metric(closed_column) else {}
        for key in sorted(sim, key=lambda k: [ordered(sweep, a).index(v)
                                               for a, v in zip(layout.group_axes(), k)]):
            line = sim[key]
            if not line:
                continue
            colour, marker, style = curve_look(sweep, layout, key, default_mode)
            xs = [p[0] for p in line]
            ys = [p[1] for p in line]
            ax.plot(xs, ys, color=colour, marker=marker, linestyle=style, markersize=4,
                    linewidth=1.6)
            bands = [(x, y, c) for x, y, c in line if c is not None]
            if bands:
                ax.fill_between([b[0] for b in bands], [b[1] - b[2] for b in bands],
                                [b[1] + b[2] for b in bands], color=colour, alpha=0.18,
                                linewidth=0)
                drew_band = True
            if closed.get(key):
                ax.plot([p[0] for p in closed[key]], [p[1] for p in closed[key]], color=colour,
                        **CLOSED_FORM_STYLE)
                drew_closed = True
            if mark_minimum:
                best = min(line, key=lambda p: p[1])
                ax.plot([best[0]], [best[1]], "*", color=colour, markersize=12,
                        markeredgecolor="black", zorder=5)
        ax.set_xlabel(axis_label(x_axis))
        if index % cols == 0:
            ax.set_ylabel(axis_label(metric))
        if layout.facets:
            ax.set_title(", ".join(facet_title(sweep, a, v) for a, v in zip(layout.facets, panel)),
                         fontsize=9)
        ax.grid(True, alpha=0.3)
    for index in range(len(panels), nrows * cols):
        grid[index // cols][index % cols].set_visible(False)
    extras = []
    if drew_closed:
        extras.append(Line2D([], [], color=GREY, label=closed_label, **CLOSED_FORM_STYLE))
    if drew_band:
        extras.append(Patch(color=GREY, alpha=0.25, label="95% confidence band"))
    if mark_minimum:
        extras.append(Line2D([], [], marker="*", color=GREY, markeredgecolor="black",
                             linestyle="none", markersize=10, label="lowest of its curve"))
    add_legend(fig, legend_handles(sweep, layout, default_mode, extras))
    fig.tight_layout()
    stem = stem or f"{metric_stem(metric)}_vs_{file_name(x_axis)}"
    return out.save(fig, stem, short_title(sweep.name, sweep.scenario, layout.varied))


def metric_stem(metric):
    return {"tpot_ms_mean": "tpot", "throughput_tokens_per_s": "throughput",
            "ttft_ms_mean": "ttft"}.get(metric, metric)


def file_name(axis):
    return {"network.rtt_ms": "rtt", "speculation.gamma": "gamma",
            "speculation.acceptance.alpha": "alpha"}.get(axis, axis.split(".")[-1])


def plot_capacity_ratio(sweep, out):
    """Throughput against gamma, and the capacity ratio DSD / co-located SD of a saturated
    server with its closed form 1 + gamma t_dc / t_v (or, without both modes, tokens per
    verifier-busy second)."""
    x_axis = "speculation.gamma"
    layout = Layout(sweep, x_axis)
    fig, grid = out.figure((12, 4.5), 1, 2)
    left, right = grid[0]
    groups = layout.group_axes()
    sim = sweep.series(sweep.rows, x_axis, groups, "throughput_tokens_per_s")
    closed_column = "throughput_tokens_per_s_saturated_closed_form"
    # The saturated-server form predicts throughput only where the server is saturated; the
    # tokens per verifier-busy second (right, without both modes) it predicts everywhere.
    saturated = [r for r in sweep.rows
                 if (as_number(r.get("server_busy_fraction", "")) or 0) >= SATURATED]
    closed = sweep.series(saturated, x_axis, groups, closed_column) \
        if sweep.has_metric(closed_column) else {}
    closed_all = sweep.series(sweep.rows, x_axis, groups, closed_column) \
        if sweep.has_metric(closed_column) else {}
    default_mode = scenario_mode(sweep)
    drew_closed = False
    for key, line in sim.items():
        colour, marker, style = curve_look(sweep, layout, key, default_mode)
        left.plot([p[0] for p in line], [p[1] for p in line], color=colour, marker=marker,
                  linestyle=style, markersize=4)
        bands = [p for p in line if p[2] is not None]
        if bands:
            left.fill_between([p[0] for p in bands], [p[1] - p[2] for p in bands],
                              [p[1] + p[2] for p in bands], color=colour, alpha=0.18)
        if closed.get(key):
            left.plot([p[0] for p in closed[key]], [p[1] for p in closed[key]], color=colour,
                      **CLOSED_FORM_STYLE)
            drew_closed = True
    left.set_xlabel(axis_label(x_axis))
    left.set_ylabel(axis_label("throughput_tokens_per_s"))
    left.set_title("throughput", fontsize=9)
    left.grid(True, alpha=0.3)

    modes = set(sweep.values("mode")) if "mode" in sweep.axes else set()
    if {"dsd_sync", "colocated_sd"} <= modes:
        others = [a for a in groups if a != "mode"]
        for column, dotted in (("throughput_tokens_per_s", False), (closed_column, True)):
            if dotted and not sweep.has_metric(closed_column):
                continue
            dsd = sweep.series([r for r in sweep.rows if r["mode"] == "dsd_sync"], x_axis,
                               others, column)
            co = sweep.series([r for r in sweep.rows if r["mode"] == "colocated_sd"], x_axis,
                              others, column)
            for key, line in dsd.items():
                base = dict((p[0], p[1]) for p in co.get(key, []))
                ratio = [(x, y / base[x]) for x, y, _ in line if base.get(x)]
                if not ratio:
                    continue
                style = dict(CLOSED_FORM_STYLE) if dotted else dict(marker="o", markersize=4)
                right.plot([p[0] for p in ratio], [p[1] for p in ratio], color="black", **style)
        right.set_ylabel("capacity ratio DSD / co-located SD")
        right.set_title("capacity ratio of a saturated server (closed form 1 + gamma t_dc / t_v)",
                        fontsize=9)
    else:
        busy = sweep.series(sweep.rows, x_axis, groups, "server_busy_fraction")
        for key, line in sim.items():
            fraction = dict((p[0], p[1]) for p in busy.get(key, []))
            pairs = [(x, y / fraction[x]) for x, y, _ in line if fraction.get(x)]
            if pairs:
                colour, marker, style = curve_look(sweep, layout, key, default_mode)
                right.plot([p[0] for p in pairs], [p[1] for p in pairs], color=colour,
                           marker=marker, linestyle=style, markersize=4)
            if closed_all.get(key):
                colour, _, _ = curve_look(sweep, layout, key, default_mode)
                right.plot([p[0] for p in closed_all[key]], [p[1] for p in closed_all[key]],
                           color=colour, **CLOSED_FORM_STYLE)
                drew_closed = True
        right.set_ylabel("tokens per verifier-busy second")
        right.set_title("capacity: throughput / server busy fraction", fontsize=9)
        right.set_ylim(bottom=0)
    right.set_xlabel(axis_label(x_axis))
    right.grid(True, alpha=0.3)
    extras = []
    if drew_closed:
        extras.append(Line2D([], [], color=GREY, label="closed form (saturated server)",
                             **CLOSED_FORM_STYLE))
    if {"dsd_sync", "colocated_sd"} <= modes:
        extras.append(Line2D([], [], color="black", marker="o", markersize=4,
                             label="ratio, simulated"))
    add_legend(fig, legend_handles(sweep, layout, default_mode, extras))
    fig.tight_layout()
    return out.save(fig, "throughput_vs_gamma",
                    short_title(sweep.name, sweep.scenario, layout.varied))


PAPER_AXES = ["network.rtt_ms", "speculation.gamma", "speculation.acceptance.alpha"]
MAX_CURVES_TO_DRAW = 12


def curves_per_panel(sweep, layout):
    n = 1
    for axis in layout.group_axes():
        n *= len(sweep.values(axis))
    return n


def plot_sweep(sweep, out):
    varied = sweep.varied_axes()
    numeric = [a for a in varied if a != "mode" and sweep.numeric(a) and len(sweep.values(a)) >= 3]
    # RTT, gamma and alpha when the sweep has them; else whatever numeric axes it has.
    x_axes = [a for a in PAPER_AXES if a in numeric] or numeric
    for axis in x_axes:
        layout = Layout(sweep, axis)
        if curves_per_panel(sweep, layout) > MAX_CURVES_TO_DRAW:
            print(f"tools/plot: no tpot_vs_{file_name(axis)}: it would need "
                  f"{curves_per_panel(sweep, layout)} curves per panel", file=sys.stderr)
            continue
        plot_lines(sweep, out, axis, "tpot_ms_mean", "tpot_ms_closed_form",
                   mark_minimum=axis == "speculation.gamma",
                   closed_label="closed form (one client, no queueing)")
        if axis == "speculation.gamma":
            plot_capacity_ratio(sweep, out)
        elif axis in LOAD_AXES:
            plot_lines(sweep, out, axis, "throughput_tokens_per_s",
                       "throughput_tokens_per_s_saturated_closed_form",
                       closed_label="closed form (saturated serial server)")
    if not numeric:
        # Imported here: the bar charts reuse this module's helpers.
        from .category_figures import plot_categories
        if not varied:
            raise SystemExit(f"tools/plot: {sweep.folder}: no axis varies; nothing to plot")
        plot_categories(sweep, out)
