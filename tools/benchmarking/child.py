"""One simulation process, measured on its own: CPU seconds and peak memory from its rusage."""
import collections
import os
import subprocess
import tempfile
import time

Measured = collections.namedtuple("Measured", "returncode cpu_s wall_s peak_mib stderr")


def run_measured(args, cwd=None, stdout=subprocess.DEVNULL):
    """Runs `args` to its end. CPU seconds are the child's user + system time and peak memory its
    maximum resident set (os.wait4), whatever else the machine runs; wall seconds are not."""
    start = time.monotonic()
    # stderr to a file, not a pipe: a pipe left unread until exit could fill and block the child.
    with tempfile.TemporaryFile() as errfile:
        proc = subprocess.Popen(args, cwd=cwd, stdout=stdout, stderr=errfile)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        errfile.seek(0)
        err = errfile.read().decode(errors="replace")
    # ru_maxrss is in KiB on Linux.
    return Measured(proc.returncode, usage.ru_utime + usage.ru_stime, wall,
                    usage.ru_maxrss / 1024.0, err)
