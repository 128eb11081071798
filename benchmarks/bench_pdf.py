"""The one-file PDF's time and size beside the site's build: a clean build of the site and
``python -m gdpdf`` on that build, alternating, each the median of several runs.

Run: ``python benchmarks/bench_pdf.py [--runs 3]``. Each round copies the checkout into a
temporary folder, builds it clean (``jupyter-book build . -W -n --keep-going``, no ``_build``)
and prints it as one PDF (A4); nothing here is touched.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_site import BUILD, checkout

ROOT = Path(__file__).resolve().parent.parent


def timed(command, cwd, env=None):
    """Run ``command`` in ``cwd``: its seconds and its output."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = Path(sys.executable)
    site_seconds, pdf_seconds, sizes, pages = [], [], [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            src = checkout(None, Path(tmp) / "src")
            env = dict(os.environ, PYTHONPATH=str(src))
            seconds, _ = timed([str(python.parent / "jupyter-book"), *BUILD], src, env)
            site_seconds.append(seconds)
            env["PYTHONPATH"] = str(src / "_ext")
            seconds, out = timed([str(python), "-m", "gdpdf", "--site", str(src / "_build" / "html"),
                                  "--out", str(src / "_build" / "pdf")], src, env)
            pdf_seconds.append(seconds)
            pdf = next((src / "_build" / "pdf").glob("*.pdf"))
            sizes.append(pdf.stat().st_size)
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages.append(int(next(l for l in info.splitlines() if l.startswith("Pages:")).split()[1]))
            print(f"run {run + 1}: site {site_seconds[-1]:.1f} s, pdf {seconds:.1f} s — {out.strip()}",
                  flush=True)
    print(f"clean site build: median {statistics.median(site_seconds):.1f} s {sorted(round(s, 1) for s in site_seconds)}")
    print(f"PDF (A4, {pages[-1]} pages): median {statistics.median(pdf_seconds):.1f} s "
          f"{sorted(round(s, 1) for s in pdf_seconds)}, {max(sizes) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
