"""Jupyter Book's own recipe builds the same site: in a fresh clone and a fresh virtual
environment, ``pip install -r requirements.txt`` and then ``jupyter-book build .``.

The lock's last line (``-e .``) installs gdlesson from the checkout, so the pages' kernels
import it and MyST-NB finds its player and answer-box renderers (entry points exist only for
an installed package). The site this path writes is compared file by file with the one
``make html`` wrote (``_build/html``): builds of one commit are byte-identical
(``compare_builds.py``), so any difference is a difference of the path. Slow (a venv with
torch, a clean build of every page), and run once, in ``make test``.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SITE
from gdlesson import find_players

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_builds  # noqa: E402

# what `make pdf` adds to the site after the build: not part of `jupyter-book build`
AFTER_THE_BUILD = ("gdlesson-03wk-2.pdf",)
# Sphinx's own records, not the site: .buildinfo hashes configuration values that hold the
# checkout's absolute path (html_static_path), and searchindex.js of an incremental build
# lacks the index entries of the pages it did not write again and keeps words a page no
# longer has (Sphinx 7.4); compared by the pages and titles a search lists instead
SPHINX_RECORDS = (".buildinfo", "searchindex.js")


def _run(command, cwd, env=None, timeout=1800):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{command} failed:\n{(result.stdout + result.stderr)[-4000:]}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def standard_build(tmp_path_factory, site):
    work = tmp_path_factory.mktemp("standard-path")
    clone = work / "clone"
    _run(["git", "clone", "-q", str(ROOT), str(clone)], cwd=work)
    python = sys.executable if sys.version_info[:2] == (3, 11) else "python3.11"
    _run([python, "-m", "venv", str(work / "venv")], cwd=work)
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MPLBACKEND")}
    env["PATH"] = f"{work / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
    pip = _run(["pip", "install", "-q", "--retries", "1", "-r", "requirements.txt"],
               cwd=clone, env=env)
    log = _run(["jupyter-book", "build", "."], cwd=clone, env=env)
    return clone / "_build" / "html", pip + log


def test_the_standard_path_installs_gdlesson_and_builds(standard_build):
    html, log = standard_build
    assert "build succeeded" in log
    assert (html / "book" / "05_learning_rate.html").is_file()


def test_its_players_are_frame_files_not_inline(standard_build):
    html, _ = standard_build
    players = {page.name: find_players(page.read_text(encoding="utf-8"))
               for page in (html / "book").glob("*.html")}
    assert sum(len(found) for found in players.values()) >= 8
    for page, found in players.items():
        for player in found:
            assert not any(frame.startswith("data:") for frame in player.frames), page
            assert all((html / "book" / frame).is_file() for frame in player.frames), page


def _search_pages(html):
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return index["docnames"], index["titles"]


def test_it_builds_the_same_site_as_make_html(standard_build):
    html, _ = standard_build
    ours = {name for name in compare_builds.files(SITE) if not name.startswith(AFTER_THE_BUILD)}
    theirs = set(compare_builds.files(html))
    assert ours == theirs, (sorted(ours - theirs)[:10], sorted(theirs - ours)[:10])
    differ = [name for name in sorted(ours - set(SPHINX_RECORDS))
              if (SITE / name).read_bytes() != (html / name).read_bytes()]
    assert differ == [], f"{differ[:10]}: python site_tests/compare_builds.py --compare-only " \
        f"{SITE} {html} says why"
    assert _search_pages(SITE) == _search_pages(html)
