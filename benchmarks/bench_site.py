"""Site budgets: clean build time, rebuild time after a Markdown-only edit, page and
animation sizes. Run: ``python benchmarks/bench_site.py`` (builds a copy in a temp dir).

Targets on a 2-core machine: clean build ≤ 45 s, Markdown-only edit ≤ 5 s, no page over
2 MB, all lecture animations together ≤ 2 MB.
"""

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ["jupyter-book", "build", ".", "-W", "-n", "--keep-going"]
IGNORE = shutil.ignore_patterns("_build", ".git", "*.egg-info", "__pycache__", ".pytest_cache")


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
        print(f"clean build            {clean:6.1f} s   (target <= 45 s)")
        print(f"Markdown-only rebuild  {edit:6.1f} s   (target <= 5 s)")
        print("\npage                              bytes   animations  bytes")
        total = 0
        for path in sorted((html / "book").glob("*.html")):
            text = path.read_text(encoding="utf-8")
            anims = re.findall(r'<div class="animation gd-anim">.*?</script>', text, re.S)
            size = sum(len(a.encode()) for a in anims)
            total += size
            print(f"{path.name:<30} {path.stat().st_size:>9,}   {len(anims):>5}  {size:>11,}")
        print(f"{'all animations':<30} {'':>9}   {'':>5}  {total:>11,}   (target <= 2,000,000)")


if __name__ == "__main__":
    main()
