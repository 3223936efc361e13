#!/usr/bin/python3
"""Checks that PNG files are real figures, not blank images: each must be at least MIN_WIDTH x
MIN_HEIGHT pixels, hold more than one colour, and have at least 1% of its pixels not white.
Usage: check_png.py MIN_WIDTH MIN_HEIGHT FILE...; prints one line per file, exit 1 on failure."""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy  # noqa: E402


def main():
    min_width, min_height = int(sys.argv[1]), int(sys.argv[2])
    ok = True
    for path in sys.argv[3:]:
        pixels = matplotlib.image.imread(path)  # height x width x channels, floats in [0, 1]
        height, width = pixels.shape[:2]
        rgb = pixels[:, :, :3].reshape(-1, 3)
        colours = len(numpy.unique(rgb, axis=0))
        inked = float(numpy.mean(numpy.any(rgb < 0.99, axis=1)))
        good = width >= min_width and height >= min_height and colours > 1 and inked >= 0.01
        ok = ok and good
        print(f"{path}: {width}x{height}, {colours} colours, {inked:.1%} not white"
              f"{'' if good else '  <-- FAILS'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
