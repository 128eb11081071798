"""What each part of the site's extension (``_ext/gdsite/``) buys: clean builds of a copy of
the checkout with one part left out, against copies with every part, in the same loop.

Run: ``python benchmarks/bench_parts.py PART [PART ...] [--runs 3] [--pages PAGE,PAGE]
[--lighthouse PAGE]``, e.g. ``.venv/bin/python benchmarks/bench_parts.py execution
css_bundle assets images korean_font --runs 3 --pages book/01_model_and_data.html,book/05_learning_rate.html
--lighthouse book/01_model_and_data.html``.

Each run builds, in this order, a copy with every part (A), one copy per named part with that
part left out of ``setup()`` in the copy's ``_ext/gdsite/__init__.py``, and a second copy
with every part (A'): A and A' are the same build, so the spread between them is the noise
of this machine. A build is a clean ``jupyter-book build . -W -n --keep-going`` with no
``_build`` folder (``bench_site.py``'s ``checkout`` and ``timed_build``). After each build the
first view of each ``--pages`` page at 390 px with gzip is measured in Chromium
(``bench_first_view.py``: bytes on the wire, layout shift) and, with ``--lighthouse``, the
Lighthouse mobile performance score of that page (``bench_lighthouse.py``, one report per
build, so ``--runs 3`` gives the median of 3). Printed: the median and the range of each
figure per variant, and the gain of each part (without − with).

``korean_font`` is not built without (its page would only lose the font and fetch nothing in
its place); the figure printed for it is the size of the web font it writes against the
whole NanumGothic as WOFF2, which is what the site would carry without the cut.
"""

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_first_view import first_view                                # noqa: E402
from bench_lighthouse import ensure_lighthouse, figures, run_lighthouse, serve  # noqa: E402
from bench_site import ROOT, checkout, timed_build                      # noqa: E402

PARTS_INIT = Path("_ext/gdsite/__init__.py")
SETUP_LOOP = re.compile(r"for part in \(([^)]*)\):")


def parts_of(init_text):
    """The parts ``setup()`` sets up, in order."""
    return [name.strip() for name in SETUP_LOOP.search(init_text)[1].split(",") if name.strip()]


def leave_out(src, part):
    """Edit the copy at ``src`` so that its extension's ``setup()`` skips ``part``."""
    init = src / PARTS_INIT
    text = init.read_text(encoding="utf-8")
    kept = [name for name in parts_of(text) if name != part]
    init.write_text(SETUP_LOOP.sub(f"for part in ({', '.join(kept)},):", text, count=1),
                    encoding="utf-8")


def measure(src, pages, lighthouse_page, lighthouse, tmp):
    """First-view bytes and CLS of each page, and a Lighthouse mobile score, of a built copy."""
    site = src / "_build" / "html"
    result = {}
    for page in pages:
        responses, view = first_view(site, page)
        result[f"{page} KB"] = sum(size for size, _ in responses) / 1024
        result[f"{page} CLS"] = view["cls"]
    if lighthouse_page:
        with serve(site) as base:
            report = run_lighthouse(lighthouse, base + lighthouse_page, "mobile", tmp)
        if report is not None:
            result[f"{lighthouse_page} Lighthouse mobile"] = figures(report)["performance"]
    return result


def font_sizes():
    """(bytes of the built site's Korean font, bytes of the whole NanumGothic as WOFF2)."""
    from fontTools.ttLib import TTFont

    from gdlesson import korean_font_path
    built = ROOT / "_build" / "html" / "_static" / "fonts" / "nanumgothic-site.woff2"
    with tempfile.TemporaryDirectory() as tmp:
        font = TTFont(str(korean_font_path()), recalcTimestamp=False)
        font.flavor = "woff2"
        font.save(str(Path(tmp) / "whole.woff2"))
        whole = (Path(tmp) / "whole.woff2").stat().st_size
    return (built.stat().st_size if built.is_file() else None), whole


def spread(values):
    return f"{statistics.median(values):7.1f} ({min(values):.1f}–{max(values):.1f})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parts", nargs="+", help="parts of _ext/gdsite/ to leave out, one at a time")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated pages for the first view")
    parser.add_argument("--lighthouse", metavar="PAGE", help="Lighthouse mobile score of PAGE")
    args = parser.parse_args(argv)
    known = parts_of((ROOT / PARTS_INIT).read_text(encoding="utf-8"))
    unknown = [part for part in args.parts if part not in known]
    if unknown:
        sys.exit(f"not a part of _ext/gdsite/: {', '.join(unknown)} (parts: {', '.join(known)})")
    built = [part for part in args.parts if part != "korean_font"]
    pages = [page for page in args.pages.split(",") if page]
    lighthouse = ensure_lighthouse() if args.lighthouse else None
    variants = ["all"] + [f"without {part}" for part in built] + ["all again"]
    seconds = {variant: [] for variant in variants}
    figures_of = {variant: {} for variant in variants}
    with tempfile.TemporaryDirectory(prefix="bench-parts-") as tmp:
        for run in range(args.runs):
            for variant in variants:
                src = checkout(None, Path(tmp) / f"{variant.replace(' ', '-')}-{run}")
                if variant.startswith("without "):
                    leave_out(src, variant.removeprefix("without "))
                seconds[variant].append(timed_build(sys.executable, src))
                for name, value in measure(src, pages, args.lighthouse, lighthouse, tmp).items():
                    figures_of[variant].setdefault(name, []).append(value)
                shutil.rmtree(src)
                shown = ", ".join(f"{name} {values[-1]:.3g}"
                                  for name, values in figures_of[variant].items())
                print(f"run {run + 1} {variant:<22} {seconds[variant][-1]:6.1f} s"
                      + (f", {shown}" if shown else ""), flush=True)
    median = statistics.median
    print(f"\nmedian (min–max) of {args.runs} runs")
    print(f"{'':<22} {'clean build s':>20}" + "".join(f"  {name}" for name in figures_of["all"]))
    for variant in variants:
        print(f"{variant:<22} {spread(seconds[variant]):>20}"
              + "".join(f"  {spread(values)}" for values in figures_of[variant].values()))
    noise = abs(median(seconds["all again"]) - median(seconds["all"]))
    print(f"\nnoise, A against A: clean build {noise:.1f} s "
          f"({noise / median(seconds['all']):.0%} of {median(seconds['all']):.1f} s)"
          + "".join(f", {name} {abs(median(figures_of['all again'][name]) - median(values)):.2f}"
                    for name, values in figures_of["all"].items()))
    both = seconds["all"] + seconds["all again"]
    for part in built:
        gain = median(seconds[f"without {part}"]) - median(both)
        line = f"{part}: clean build {gain:+.1f} s without it ({gain / median(both):+.0%})"
        for name, values in figures_of[f"without {part}"].items():
            line += f", {name} {median(values) - median(figures_of['all'][name] + figures_of['all again'][name]):+.2f}"
        print(line)
    if "korean_font" in args.parts:
        cut, whole = font_sizes()
        print(f"korean_font: the site's cut {cut / 1024:.1f} KB (of the last `make html`), "
              f"the whole NanumGothic as WOFF2 {whole / 1024:.1f} KB")


if __name__ == "__main__":
    main()
