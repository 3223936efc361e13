"""SimGrid profile files from a series: re-binning (time-weighted means), mahimahi's delivery
opportunities counted per bin, and the `date value` / `LOOPAFTER` lines of bandwidth, latency and
state profiles, all in decimal arithmetic."""

from decimal import Decimal, ROUND_HALF_EVEN

MAHIMAHI_PACKET_BYTES = 1500


def mahimahi_bins(stamps, period_ms, bin_ms, start_ms, end_ms):
    """[(width_ms, bytes)] of the window [start_ms, end_ms) of the repeating trace."""
    per_ms = {}
    for stamp in stamps:
        slot = stamp % period_ms
        per_ms[slot] = per_ms.get(slot, 0) + 1
    bins = []
    t = start_ms
    while t < end_ms:
        width = min(bin_ms, end_ms - t)
        count = 0
        for ms in range(t, t + width):
            count += per_ms.get(ms % period_ms, 0)
        bins.append((width, count * MAHIMAHI_PACKET_BYTES))
        t += width
    return bins


def rebin(values, sample_s, bin_s, start_s, end_s):
    """Time-weighted means over bins of bin_s of a step function (value i on [i s, (i+1) s)),
    over [start_s, end_s): [(width_s, mean, all_zero)]."""
    bins = []
    t = start_s
    while t < end_s:
        width = min(bin_s, end_s - t)
        total = Decimal(0)
        all_zero = True
        i = int(t // sample_s)
        while i * sample_s < t + width:
            lo = max(t, i * sample_s)
            hi = min(t + width, (i + 1) * sample_s)
            if hi > lo:
                total += values[i] * (hi - lo)
                all_zero = all_zero and values[i] == 0
            i += 1
        bins.append((width, total / width, all_zero))
        t += width
    return bins


def text_of(value, quantum):
    """A decimal quantised to quantum, without trailing zeros ("1737500", "0.5")."""
    q = value.quantize(quantum, rounding=ROUND_HALF_EVEN)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def profile_lines(bins, quantum):
    """Date/value lines, one per bin, and the LOOPAFTER that makes the period the total width."""
    lines = []
    t = Decimal(0)
    for width, value in bins:
        lines.append(f"{text_of(t, Decimal('0.000001'))} {text_of(value, quantum)}")
        last = t
        t += width
    lines.append(f"LOOPAFTER {text_of(t - last, Decimal('0.000001'))}")
    return lines


def state_lines(bins, min_bins):
    """1 from date 0, 0 during each run of >= min_bins zero bins; LOOPAFTER to the period."""
    runs = []
    start = None
    for index, (_, _, zero) in enumerate(bins + [(0, 0, False)]):
        if zero and start is None:
            start = index
        elif not zero and start is not None:
            if index - start >= min_bins:
                runs.append((start, index))
            start = None
    dates = [Decimal(0)]
    for width, _, _ in bins:
        dates.append(dates[-1] + width)
    period = dates[-1]
    events = [(Decimal(0), 1)]
    for first, end in runs:
        if first == 0:
            events[0] = (Decimal(0), 0)
        else:
            events.append((dates[first], 0))
        if end < len(bins):  # a run reaching the end is ended by the next loop's first line
            events.append((dates[end], 1))
    lines = [f"{text_of(date, Decimal('0.000001'))} {state}" for date, state in events]
    lines.append(f"LOOPAFTER {text_of(period - events[-1][0], Decimal('0.000001'))}")
    off = sum((dates[end] - dates[first] for first, end in runs), Decimal(0))
    return lines, len(runs), off
