"""A sweep without a numeric axis to draw against (modes over platforms, say): grouped bars of
its main metrics, a group per value of the first categorical axis, a bar per mode in the mode's
colour (or per value of the next axis), 95% error bars with repeats, closed forms as black ticks
where the sweep has them."""
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .style import MODE_COLOURS, axis_label, category_colours, short_title
from .sweep_figures import GREY, add_legend, axis_title, file_name, ordered, value_label

BAR_METRICS = [("tpot_ms_mean", "tpot_ms_closed_form"), ("ttft_ms_mean", None),
               ("throughput_tokens_per_s", None)]


def plot_categories(sweep, out):
    """Grouped bars: one group per value of the first categorical axis, one bar per mode (its
    colour) or per value of the next axis; 95% error bars with repeats; closed forms as black
    ticks where the sweep has them."""
    varied = sweep.varied_axes()
    non_mode = [a for a in varied if a != "mode"]
    group_axis = non_mode[0] if non_mode else "mode"
    bar_axis = "mode" if "mode" in varied and group_axis != "mode" else \
        (non_mode[1] if len(non_mode) > 1 else None)
    groups = ordered(sweep, group_axis)
    bars = ordered(sweep, bar_axis) if bar_axis else [None]
    colours = [MODE_COLOURS.get(b, GREY) for b in bars] if bar_axis == "mode" \
        else category_colours(len(bars))
    metrics = [(m, c) for m, c in BAR_METRICS if sweep.has_metric(m)]
    fig, grid = out.figure((4.6 * len(metrics), 4.2), 1, len(metrics))
    width = 0.8 / len(bars)
    drew_closed = False
    for ax, (metric, closed_column) in zip(grid[0], metrics):
        for b, (bar, colour) in enumerate(zip(bars, colours)):
            xs, ys, errs, cx, cy = [], [], [], [], []
            for g, group in enumerate(groups):
                rows = [r for r in sweep.rows if r[group_axis] == group
                        and (bar_axis is None or r[bar_axis] == bar)]
                mean, ci = sweep.aggregate(rows, metric)
                if mean is None:
                    continue
                x = g - 0.4 + width * (b + 0.5)
                xs.append(x)
                ys.append(mean)
                errs.append(ci or 0)
                if closed_column and sweep.has_metric(closed_column):
                    c, _ = sweep.aggregate(rows, closed_column)
                    if c is not None:
                        cx.append(x)
                        cy.append(c)
            ax.bar(xs, ys, width * 0.92, color=colour,
                   yerr=errs if any(errs) else None, capsize=2, ecolor="black")
            if cx:
                ax.plot(cx, cy, linestyle="none", marker="_", markersize=width * 40,
                        color="black", markeredgewidth=2)
                drew_closed = True
        ax.set_xticks(range(len(groups)))
        ax.set_xticklabels([value_label(sweep, group_axis, g) for g in groups],
                           rotation=20 if len(groups) > 3 else 0, ha="right" if len(groups) > 3
                           else "center", fontsize=8)
        ax.set_xlabel(axis_label(group_axis))
        ax.set_ylabel(axis_label(metric))
        ax.grid(True, axis="y", alpha=0.3)
    handles = []
    if bar_axis:
        handles.append(Line2D([], [], linestyle="none", label=axis_title(sweep, bar_axis)))
        handles += [Patch(color=c, label=value_label(sweep, bar_axis, b))
                    for b, c in zip(bars, colours)]
    if sweep.repeats() > 1:
        handles.append(Line2D([], [], color="black", marker="|", linestyle="none",
                              label="95% confidence interval"))
    if drew_closed:
        handles.append(Line2D([], [], color="black", marker="_", linestyle="none",
                              markersize=12, markeredgewidth=2, label="closed form"))
    add_legend(fig, handles)
    fig.tight_layout()
    return out.save(fig, f"metrics_by_{file_name(group_axis)}",
                    short_title(sweep.name, sweep.scenario,
                                {a for a in sweep.axes if len(sweep.values(a)) > 1}))
