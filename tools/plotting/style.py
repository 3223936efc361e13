"""What every figure of tools/plot shares: one colour per decoding mode (the same in every
figure), markers and line styles for the other axes, readable labels for axis values (objects
included), short titles built from a scenario's parameters, and saving in the chosen format."""
import json
import math
import os
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402  (the backend must be chosen first)
import matplotlib.pyplot as plt  # noqa: E402

MODE_ORDER = ["cloud_ar", "colocated_sd", "dsd_sync", "dsd_pipelined", "edge_ar"]
# tab10's first five, in mode order: cloud AR blue, co-located SD orange, synchronous DSD green,
# pipelined DSD red, edge AR purple. Every figure uses these, so a mode is recognised at a glance.
MODE_COLOURS = dict(zip(MODE_ORDER, ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]))
# Values of the first axis other than mode: a marker each (and a shade of the mode's colour).
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">", "h", "p"]
# Values of the second axis other than mode: a line style each. Dotted is kept for closed forms.
LINE_STYLES = ["-", "--", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (8, 3))]
CLOSED_FORM_STYLE = dict(linestyle=(0, (1, 1.5)), linewidth=1.3, alpha=0.9)

LABELS = {
    "network.rtt_ms": "round-trip time RTT (ms)",
    "speculation.gamma": "gamma (draft tokens per round)",
    "speculation.acceptance.alpha": "acceptance rate alpha",
    "tpot_ms_mean": "per-token time, mean TPOT (ms)",
    "ttft_ms_mean": "time to first token, mean TTFT (ms)",
    "e2e_ms_mean": "request latency, mean (ms)",
    "throughput_tokens_per_s": "throughput (tokens/s)",
    "tpot_ms_p95": "per-token time, p95 TPOT (ms)",
    "ttft_ms_p95": "time to first token, p95 TTFT (ms)",
    "e2e_ms_p95": "request latency, p95 (ms)",
    "acceptance_rate": "acceptance rate (accepted / drafted)",
    "edge_j_per_token": "edge energy per token (J)",
    "cloud_j_per_token": "cloud energy per token (J)",
    "workload.clients": "clients",
    "cloud.batch_window_ms": "batching window (ms)",
    "speculation.policy": "speculation policy",
    "platform": "platform",
    "mode": "decoding mode",
}
SHORT = {
    "network.rtt_ms": "RTT",
    "speculation.gamma": "gamma",
    "speculation.acceptance.alpha": "alpha",
    "cloud.verify_ms": "t_v",
    "cloud.ar_step_ms": "t_ar",
    "edge.draft_ms_per_token": "t_de",
    "cloud.draft_ms_per_token": "t_dc",
    "workload.clients": "clients",
    "cloud.batch_window_ms": "window",
    "cloud.max_batch": "max batch",
    "speculation.policy": "policy",
}
UNITS = [("_ms_per_token", "ms/token"), ("_ms", "ms"), ("_mbps", "Mbit/s"), ("_gbps", "Gbit/s"),
         ("_bytes", "bytes"), ("_tokens", "tokens")]


def axis_label(path):
    if path in LABELS:
        return LABELS[path]
    name = path.split(".")[-1]
    for suffix, unit in UNITS:
        if name.endswith(suffix):
            return f"{name[: -len(suffix)].replace('_', ' ')} ({unit})"
    return name.replace("_", " ")


def short_name(path):
    return SHORT.get(path, path.split(".")[-1])


def unit_of(path):
    name = path.split(".")[-1]
    for suffix, unit in UNITS:
        if name.endswith(suffix):
            return unit
    return ""


def as_number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def number_text(value):
    """20 rather than 20.0, 0.85 rather than 0.8500000001."""
    return f"{value:.6g}"


def value_text(path, cell):
    """A readable label for one axis value: an object's kind and settings rather than escaped
    JSON ({"kind": "awc", "fallback": "cloud_ar"} -> "awc, fallback cloud_ar"), a platform file
    by its name, a number with its unit."""
    text = cell.strip()
    if text in ("", "null"):
        return "(default)" if path != "platform" else "generated network"
    if text[0] in "{[":
        try:
            value = json.loads(text)
        except ValueError:
            return text
        return object_text(value)
    if path == "platform" or text.endswith(".xml"):
        return os.path.splitext(os.path.basename(text))[0]
    number = as_number(text)
    if number is not None:
        unit = unit_of(path)
        return number_text(number) + (f" {unit}" if unit and unit != "tokens" else "")
    return text


def object_text(value):
    if isinstance(value, dict):
        head = str(value.get("kind", ""))
        rest = [f"{k.replace('_', ' ')} {object_text(v)}" for k, v in value.items() if k != "kind"]
        return ", ".join([p for p in [head] + rest if p])
    if isinstance(value, list):
        return "[" + ", ".join(object_text(v) for v in value) + "]"
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def shade(colour, index, count):
    """The index-th of count shades of a colour, from darker to lighter (all well visible)."""
    if count <= 1:
        return colour
    r, g, b = mcolors.to_rgb(colour)
    t = index / (count - 1)  # 0 .. 1
    factor = -0.35 + 0.75 * t  # darker (-) to lighter (+)
    if factor < 0:
        return (r * (1 + factor), g * (1 + factor), b * (1 + factor))
    return (r + (1 - r) * factor, g + (1 - g) * factor, b + (1 - b) * factor)


def category_colours(count):
    cmap = plt.get_cmap("tab10" if count <= 10 else "viridis")
    return [cmap(i if count <= 10 else i / max(count - 1, 1)) for i in range(count)]


# The parameters a title names, in this order, when they are not varied by the figure.
TITLE_KEYS = [("mode", None), ("platform", None), ("network.rtt_ms", "RTT {} ms"),
              ("speculation.gamma", "gamma {}"), ("speculation.acceptance.alpha", "alpha {}"),
              ("edge.draft_ms_per_token", "t_de {} ms"), ("cloud.verify_ms", "t_v {} ms"),
              ("cloud.max_batch", "max batch {}"), ("workload.clients", "{} clients")]
# Left out at these values: they are the common case and would only lengthen the title.
TITLE_SKIP = {"cloud.max_batch": 1, "workload.clients": 1}


def lookup(document, path):
    node = document
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def short_title(name, scenario, varied):
    """"rtt_sweep_modes: gamma 4, alpha 0.8, t_de 10 ms, ...": the scenario's name and the
    parameters the figure holds fixed (not its description, which is prose)."""
    parts = []
    for path, template in TITLE_KEYS:
        if path in varied or scenario is None:
            continue
        value = lookup(scenario, path)
        if value is None or isinstance(value, (dict, list)) or TITLE_SKIP.get(path) == value:
            continue
        if path == "platform":
            parts.append("platform " + value_text(path, str(value)))
            continue
        if path in ("network.rtt_ms",) and scenario.get("platform"):
            continue
        text = number_text(value) if isinstance(value, (int, float)) and not isinstance(
            value, bool) else str(value)
        parts.append(template.format(text) if template else text)
    title = name + (": " + ", ".join(parts) if parts else "")
    return "\n".join(textwrap.wrap(title, 100)[:2])


class Output:
    """Where figures go and how: the folder, the format (png, pdf, svg), an optional size in
    inches, and whether titles are drawn."""

    def __init__(self, folder, fmt="png", size=None, titles=True):
        self.folder, self.fmt, self.size, self.titles = folder, fmt, size, titles
        self.written = []

    def figure(self, default_size, nrows=1, ncols=1, **kwargs):
        width, height = self.size or default_size
        return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False, **kwargs)

    def save(self, fig, stem, title=None):
        if title and self.titles:
            # Above the axes (and their own titles): the saved area grows to hold it.
            fig.suptitle(title, fontsize=10, y=1.0, va="bottom")
        path = os.path.join(self.folder, f"{stem}.{self.fmt}")
        fig.savefig(path, dpi=110, bbox_inches="tight")
        plt.close(fig)
        self.written.append(path)
        print(path)
        return path
