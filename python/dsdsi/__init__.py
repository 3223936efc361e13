"""Load dsdsi's output folders into pandas.

    import dsdsi
    run = dsdsi.load_run("runs/quickstart")          # summary, requests, rounds, clients, servers
    sweep = dsdsi.load_sweep("runs/rtt")             # sweep.csv with its axes identified
    cap = dsdsi.load_capacity("runs/cap")            # capacity.csv, capacity.json
    timeline = dsdsi.load_timeline("runs/quickstart")  # timeline.csv, when the run wrote one
    anything = dsdsi.load("runs/x")                  # whichever of the above the folder is

Every column keeps the name and unit docs/model.md defines; an undefined metric (null in JSON, an
empty cell in CSV) is NaN. Files a folder does not hold (timeline.csv, sweep_summary.csv, the CSV
traces a sweep or capacity search did not keep) load as None.
"""

from dsdsi.loaders import (Capacity, Run, Sweep, load, load_capacity, load_run, load_sweep,
                           load_timeline)

__all__ = ["Capacity", "Run", "Sweep", "load", "load_capacity", "load_run", "load_sweep",
           "load_timeline"]
__version__ = "0.2.0"
