"""Site budgets: clean build time, rebuild time after a Markdown-only edit, the size of each
page's HTML and of its animations' frame files. Run: ``python benchmarks/bench_site.py``
(builds a copy in a temp dir). What a phone fetches for a page's first view is measured by
``benchmarks/bench_first_view.py``; Lighthouse scores by ``benchmarks/bench_lighthouse.py``.

Targets on a 2-core machine: clean build ≤ 90 s, Markdown-only edit ≤ 6 s.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ["jupyter-book", "build", ".", "-W", "-n", "--keep-going"]
IGNORE = shutil.ignore_patterns("_build", ".git", "*.egg-info", "__pycache__", ".pytest_cache", ".cache")


def timed_build(src):
    start = time.perf_counter()
    result = subprocess.run(BUILD, cwd=src, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


def main():
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "site")
        shutil.copytree(ROOT, src, ignore=IGNORE)
        clean = timed_build(src)
        page = src / "book" / "03_training.md"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "30번 반복한 결과", "30번 반복한 (수정됨) 결과", 1), encoding="utf-8")
        edit = timed_build(src)
        html = src / "_build" / "html"
        print(f"clean build            {clean:6.1f} s   (target <= 90 s)")
        print(f"Markdown-only rebuild  {edit:6.1f} s   (target <= 6 s)")
        print("\npage                              HTML bytes  players  frame bytes (files)")
        for path in sorted((html / "book").glob("*.html")):
            text = path.read_text(encoding="utf-8")
            frames = [f for data in PLAYER.findall(text) for f in json.loads(data)["frames"]]
            size = sum((path.parent / f).resolve().stat().st_size for f in frames)
            print(f"{path.name:<30} {path.stat().st_size:>12,}  {len(PLAYER.findall(text)):>7}  {size:>11,}")


PLAYER = re.compile(r'<script type="application/json" class="gd-player-data">(.*?)</script>', re.S)


if __name__ == "__main__":
    main()
