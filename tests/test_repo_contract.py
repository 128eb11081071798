"""The README's promise: after `git clone`, one command builds the site and one runs every
test; CI and the publishing workflow run those same commands; the lock gets CPU torch by
itself; the build reads only the book."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BUILD, TEST = "make html", "make test"


def _commands(text):
    """Non-comment shell lines, with trailing comments removed."""
    lines = (re.sub(r"\s+#.*$", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_readme_set_up_is_two_commands_after_clone():
    setup = README.split("## Set-up", 1)[1]
    block = re.search(r"```bash\n(.*?)```", setup, re.S).group(1)
    commands = _commands(block)
    assert commands[0].startswith("git clone ") and commands[1:] == [BUILD, TEST]
    prerequisites = re.search(r"`(sudo apt-get install [^`]+)`", setup.split("```bash")[0])
    assert prerequisites, "the prerequisites are one apt-get line before the commands"


def test_ci_runs_the_readme_commands_in_the_clone():
    ci = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert "set -euo pipefail" in ci
    assert ci.index(BUILD) < ci.index(TEST) and ci[-1] == TEST
    assert not [c for c in ci if c.startswith(("pip ", "python -m pip", "npm "))], \
        "CI installs nothing the README's commands do not"


def test_make_targets_do_what_the_readme_says():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    html = re.search(r"^html: (.*)\n\t(.*)$", makefile, re.M)
    assert "$(VENV)/.installed" in html.group(1)
    assert html.group(2).endswith("jupyter-book build . -W -n --keep-going")
    test = re.search(r"^test: (.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert "html" in test.group(1) and "pdf" in test.group(1) and "node_modules" in test.group(1)
    assert re.search(r"^pdf: html\n\tPYTHONPATH=_ext \$\(BIN\)/python -m gdpdf\b", makefile, re.M)
    assert test.group(2).split("\n")[:2] == ["\t$(BIN)/python -m pytest",
                                            "\t$(BIN)/python -m pytest site_tests"]
    assert re.search(r"^INSTALL := \$\(PIP\) install\b", makefile, re.M)
    assert "\t$(INSTALL) -r requirements.txt\n" in makefile      # the lock, hashes checked


def test_workflow_builds_with_make_and_tests_the_library():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step["run"].strip() for job in workflow["jobs"].values()
            for step in job["steps"] if "run" in step]
    assert runs == [BUILD, "make pdf", ".venv/bin/python -m pytest"]   # the PDF goes out with the site
    upload = next(step for step in workflow["jobs"]["build"]["steps"]
                  if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"


def test_the_lock_pins_every_package_and_cpu_torch_and_brings_the_library():
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "\n--extra-index-url https://download.pytorch.org/whl/cpu\n" in lock
    assert "file://" not in lock and "--find-links" not in lock       # nothing of one machine
    lines = [line for line in lock.splitlines() if line and not line.startswith(("#", " "))]
    requirements = [line for line in lines if not line.startswith(("-", "--"))]
    assert len(requirements) >= 100
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==\S+", line) for line in requirements), \
        [line for line in requirements if "==" not in line]
    pinned = dict(line.split("==") for line in requirements)
    assert pinned["torch"] == "2.13.0+cpu"
    assert pinned["pydata-sphinx-theme"] == "0.17.1" and pinned["sphinx-book-theme"] == "1.3.0"
    assert "gdlesson" not in pinned
    # the standard path, `pip install -r requirements.txt`, brings gdlesson from the checkout:
    # the pages import it and MyST-NB finds its renderers only through its entry points
    assert lines[-1] == "-e ."
    assert "pip-compile" in lock and "pyproject.toml" in lock     # made from the human-edited input
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--generate-hashes" not in makefile and '"-e ." >> requirements.txt' in makefile


def test_the_build_reads_only_the_book():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["only_build_toc_files"] is True
    excluded = config["exclude_patterns"]
    for pattern in (".*", "**/.*", "_build", "node_modules"):          # .venv, caches, tools
        assert pattern in excluded
    assert config["sphinx"]["config"]["html_math_renderer"] == "mathml"  # no Node for the build
