"""Build time: a clean build and a rebuild after a Markdown-only edit, each the median of
several runs, next to a clean build of another commit measured in the same run, plus the
weight of each page and of its animations' frame files.

Run: ``python benchmarks/bench_site.py [--runs 3] [--against COMMIT --against-python PY]``.
Each build works on a copy of the checkout in a temporary folder (``git archive`` of the
commit for ``--against``), so nothing here is touched. A clean build is
``jupyter-book build . -W -n --keep-going`` with no ``_build`` folder (no cache of any
kind); the edit adds a sentence to page 03's prose. ``--against-python`` is the Python of
an environment that can build that commit (its own lock installed; its Node tools, if it
has any, are installed into the copy with ``npm ci``). Builds alternate between the two
so both see the same machine.
"""

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ["build", ".", "-W", "-n", "--keep-going"]
IGNORE = shutil.ignore_patterns("_build", ".git", ".venv", "*.egg-info", "__pycache__",
                                ".pytest_cache", ".cache", "node_modules")
EDIT_PAGE = "book/03_training.md"


def checkout(commit, target):
    """The files of ``commit`` (or of this checkout when None) in ``target``."""
    if commit is None:
        shutil.copytree(ROOT, target, ignore=IGNORE)
        return target
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    if (target / "package-lock.json").exists() and "mathjax" in (target / "package.json").read_text():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=target, check=True)
    return target


def timed_build(python, src):
    start = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(src))     # an older commit imports gdlesson from here
    jupyter_book = Path(python).parent / "jupyter-book"       # the environment's own command
    result = subprocess.run([str(jupyter_book), *BUILD], cwd=src, capture_output=True, text=True,
                            env=env)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {src}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


def clean_build(python, commit, tmp, name):
    src = checkout(commit, Path(tmp) / name)
    try:
        return timed_build(python, src), src
    except BaseException:
        shutil.rmtree(src, ignore_errors=True)
        raise


def weights(site):
    """(page, HTML bytes, players, frame file bytes) of every book page."""
    from gdlesson.player import find_players
    rows = []
    for path in sorted((site / "book").glob("*.html")):
        players = find_players(path.read_text(encoding="utf-8"))
        frames = sum((path.parent / url).resolve().stat().st_size
                     for player in players for url in player.frames)
        rows.append((path.name, path.stat().st_size, len(players), frames))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", metavar="COMMIT", help="also time clean builds of COMMIT")
    parser.add_argument("--against-python", default=sys.executable,
                        help="the Python of an environment that builds COMMIT")
    args = parser.parse_args(argv)
    clean, edit, other = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            seconds, src = clean_build(sys.executable, None, tmp, f"this-{run}")
            clean.append(seconds)
            page = src / EDIT_PAGE
            page.write_text(page.read_text(encoding="utf-8").replace(
                "\n## Stage3", "\n이 문장은 벤치마크가 더한 것입니다.\n\n## Stage3", 1), encoding="utf-8")
            edit.append(timed_build(sys.executable, src))
            site = src / "_build" / "html"
            if run == args.runs - 1:
                rows = weights(site)
            shutil.rmtree(src)
            if args.against:
                seconds, src = clean_build(args.against_python, args.against, tmp, f"that-{run}")
                other.append(seconds)
                shutil.rmtree(src)
            print(f"run {run + 1}: clean {clean[-1]:.1f} s, edit {edit[-1]:.1f} s"
                  + (f", {args.against} clean {other[-1]:.1f} s" if other else ""), flush=True)
    median = statistics.median
    print(f"\nclean build (median of {args.runs})              {median(clean):6.1f} s")
    print(f"rebuild after a Markdown-only edit (median)  {median(edit):6.1f} s")
    if other:
        print(f"clean build of {args.against} (median)        {median(other):6.1f} s")
        print(f"this commit / {args.against}                   {median(clean) / median(other):6.0%}")
    print("\npage                              HTML bytes  players  frame bytes (files)")
    for name, size, players, frames in rows:
        print(f"{name:<30} {size:>12,}  {players:>7}  {frames:>11,}")


if __name__ == "__main__":
    main()
