"""The source formats tools/import-network-trace reads: each reader turns a trace file into a
series of per-sample values (Mbit/s, or RTT in ms), or mahimahi's delivery timestamps, and names
the file and line of anything malformed (InputError)."""

import re
from decimal import Decimal, InvalidOperation

NYU_UNITS = {"Mbits/sec": Decimal(1), "Kbits/sec": Decimal("0.001"), "bits/sec": Decimal("0.000001")}
GOPHERS_THROUGHPUT_HEADER = ["protocol", "carrier", "num_tcp_conn", "server_location", "run_num",
                             "seq_num", "throughput_mbps"]
GOPHERS_DRIVING_HEADER = ["protocol", "num_tcp_conn", "seq_num", "Sprint_throughput_mbps",
                          "TMobile_throughput_mbps", "Verizon_throughput_mbps"]
GOPHERS_WALKING_HEADER = ["protocol", "num_tcp_conn", "seq_num", "anonymized_mCid", "radio_type",
                          "throughput_mbps", "nrStatus", "primitive_handoff_type"]
GOPHERS_PING_HEADER = ["protocol", "network_type", "ue_location", "target_server", "probe_num",
                       "rtt_in_ms"]

SOURCES = {
    "nyu-mets": ("NYU-METS, Mei et al., PAM 2019 (https://github.com/NYU-METS/Main)",
                 "ODbL 1.0 (http://opendatacommons.org/licenses/odbl/1.0/), contents DbCL 1.0: "
                 "this file is an adapted database and is published under ODbL 1.0"),
    "5gophers": ("5Gophers 1.0, Narayanan et al., WWW 2020, doi:10.1145/3366423.3380169",
                 "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); changed: converted "
                 "to a SimGrid profile as described below"),
    "mahimahi": ("mahimahi packet-delivery trace (https://github.com/ravinet/mahimahi)",
                 "GPL-3.0 for the traces shipped with mahimahi: do not redistribute this file "
                 "with dsdsi"),
}


class InputError(Exception):
    pass


def number(text, where, what):
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise InputError(f"{where}: {what} is not a number: {text.strip()!r}") from None
    if not value.is_finite():
        raise InputError(f"{where}: {what} is not a finite number: {text.strip()!r}")
    return value


def non_negative(text, where, what):
    value = number(text, where, what)
    if value < 0:
        raise InputError(f"{where}: {what} must be >= 0, got {text.strip()}")
    return value


def integer(text, where, what):
    if not re.fullmatch(r"-?[0-9]+", text.strip()):
        raise InputError(f"{where}: {what} is not an integer: {text.strip()!r}")
    return int(text.strip())


def read_lines(path):
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a text file (not UTF-8)") from None
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise InputError(f"{path}: empty file")
    return raw, lines


def csv_rows(path, lines, header):
    """The rows of a comma-separated file with this exact header, as (line number, fields)."""
    got = lines[0].split(",")
    if got != header:
        raise InputError(f"{path}:1: expected the header {','.join(header)}, got {lines[0]!r}")
    rows = []
    for number_, line in enumerate(lines[1:], start=2):
        fields = line.split(",")
        if len(fields) != len(header):
            raise InputError(f"{path}:{number_}: expected {len(header)} fields, got {len(fields)}")
        rows.append((number_, dict(zip(header, fields))))
    if not rows:
        raise InputError(f"{path}: no data rows after the header")
    return rows


def indexed_series(path, entries):
    """[(line, index, value)] with increasing indices -> values per sample slot from index 0 of
    the series (the first index); a missing index holds the previous value."""
    values = []
    first = entries[0][1]
    previous = None
    for line, index, value in entries:
        if previous is not None and index <= previous:
            raise InputError(f"{path}:{line}: sample index {index} does not increase (previous "
                             f"{previous}): dates must be increasing")
        if previous is not None:
            values.extend([values[-1]] * (index - previous - 1))
        values.append(value)
        previous = index
    return values, first


def read_nyu_mets(path, lines, _args):
    values = []
    for number_, line in enumerate(lines, start=1):
        where = f"{path}:{number_}"
        parts = line.split(",")
        if len(parts) != 2:
            raise InputError(f"{where}: expected \"<value>,<unit>\", got {line!r}")
        if parts[1] not in NYU_UNITS:
            raise InputError(f"{where}: unknown unit {parts[1]!r} (expected one of "
                             f"{', '.join(NYU_UNITS)})")
        values.append(non_negative(parts[0], where, "throughput") * NYU_UNITS[parts[1]])
    return values, "throughput", "every line"


def read_gophers_throughput(path, lines, args):
    rows = csv_rows(path, lines, GOPHERS_THROUGHPUT_HEADER)
    wanted = {"carrier": args.carrier, "num_tcp_conn": args.connections,
              "server_location": args.server, "run_num": args.run}
    for key, value in wanted.items():
        if value is None:
            raise InputError(f"{path}: 5gophers-throughput holds many series: choose one with "
                             "--carrier, --connections, --server and --run")
    picked = [(line, row) for line, row in rows
              if all(row[key].upper() == str(value).upper() for key, value in wanted.items())]
    if not picked:
        raise InputError(f"{path}: no rows with carrier {args.carrier}, {args.connections} "
                         f"connection(s), server {args.server}, run {args.run}")
    entries = [(line, integer(row["seq_num"], f"{path}:{line}", "seq_num"),
                non_negative(row["throughput_mbps"], f"{path}:{line}", "throughput_mbps"))
               for line, row in picked]
    values, _ = indexed_series(path, entries)
    return values, "throughput", (f"carrier {args.carrier}, {args.connections} TCP connection(s), "
                                  f"server {args.server}, run {args.run}")


def read_gophers_driving(path, lines, args):
    rows = csv_rows(path, lines, GOPHERS_DRIVING_HEADER)
    columns = {"sprint": "Sprint_throughput_mbps", "tmobile": "TMobile_throughput_mbps",
               "verizon": "Verizon_throughput_mbps"}
    if args.carrier is None or args.carrier.lower() not in columns:
        raise InputError(f"{path}: 5gophers-driving needs --carrier Sprint, TMobile or Verizon, "
                         f"got {args.carrier}")
    column = columns[args.carrier.lower()]
    entries = [(line, integer(row["seq_num"], f"{path}:{line}", "seq_num"),
                non_negative(row[column], f"{path}:{line}", column)) for line, row in rows]
    values, _ = indexed_series(path, entries)
    return values, "throughput", f"column {column}"


def read_gophers_walking(path, lines, _args):
    rows = csv_rows(path, lines, GOPHERS_WALKING_HEADER)
    entries = [(line, integer(row["seq_num"], f"{path}:{line}", "seq_num"),
                non_negative(row["throughput_mbps"], f"{path}:{line}", "throughput_mbps"))
               for line, row in rows]
    values, _ = indexed_series(path, entries)
    return values, "throughput", "column throughput_mbps"


def read_gophers_ping(path, lines, _args):
    rows = csv_rows(path, lines, GOPHERS_PING_HEADER)
    series = {(row["network_type"], row["ue_location"], row["target_server"]) for _, row in rows}
    if len(series) != 1:
        raise InputError(f"{path}: expected one series (network type, location, target), found "
                         f"{len(series)}")
    entries = [(line, integer(row["probe_num"], f"{path}:{line}", "probe_num"),
                non_negative(row["rtt_in_ms"], f"{path}:{line}", "rtt_in_ms"))
               for line, row in rows]
    values, _ = indexed_series(path, entries)
    network, location, target = series.pop()
    return values, "rtt", f"{network}, location {location}, target {target}"


def read_mahimahi(path, lines, args):
    """Bytes per bin of --bin-s over one period, and the period in ms."""
    stamps = []
    for number_, line in enumerate(lines, start=1):
        where = f"{path}:{number_}"
        stamp = integer(line, where, "timestamp (ms)")
        if stamp < 0:
            raise InputError(f"{where}: timestamp must be >= 0, got {stamp}")
        if stamps and stamp < stamps[-1]:
            raise InputError(f"{where}: timestamp {stamp} is before the previous one "
                             f"({stamps[-1]}): dates must be non-decreasing")
        stamps.append(stamp)
    period_ms = stamps[-1]
    if period_ms == 0:
        raise InputError(f"{path}:{len(lines)}: the last timestamp must be > 0 (it is the "
                         "trace's period)")
    return stamps, period_ms


READERS = {
    "nyu-mets": read_nyu_mets,
    "5gophers-throughput": read_gophers_throughput,
    "5gophers-driving": read_gophers_driving,
    "5gophers-walking": read_gophers_walking,
    "5gophers-ping": read_gophers_ping,
}
