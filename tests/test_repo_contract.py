"""The README's promise: install from the lock (pip, and npm for MathJax), one build, one
test command — and CI and the publishing workflow run exactly those."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL = "pip install -r requirements.txt"
CPU_TORCH = "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
NODE_INSTALL = "npm ci"   # MathJax, which typesets the math at build time (package-lock.json)
TEST = "python -m pytest"
BUILD = "jupyter-book build . -W -n --keep-going"


def _commands(text):
    """Non-comment shell lines, with trailing comments removed."""
    lines = (re.sub(r"\s+#.*$", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_readme_states_the_three_commands():
    readme_commands = _commands("\n".join(re.findall(r"```bash\n(.*?)```", README, re.S)))
    for command in (CPU_TORCH, INSTALL, NODE_INSTALL, TEST, BUILD):
        assert command in readme_commands


def test_ci_runs_the_readme_commands():
    ci = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert "set -euo pipefail" in ci
    assert any(c.replace(" -q", "").endswith(INSTALL) for c in ci)
    assert TEST in ci and BUILD in ci
    assert ci.index(TEST) < ci.index(BUILD)            # tests first, then the strict build
    node = [i for i, c in enumerate(ci) if c.startswith(NODE_INSTALL)]
    assert node and node[0] < ci.index(BUILD)          # MathJax installed before the build


def test_workflow_is_valid_and_uses_only_readme_commands():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step["run"].strip() for job in workflow["jobs"].values()
            for step in job["steps"] if "run" in step]
    assert runs == [CPU_TORCH, INSTALL, NODE_INSTALL, TEST, BUILD]
    cache = next(step for step in workflow["jobs"]["build"]["steps"]
                 if step.get("uses", "").startswith("actions/cache"))
    assert "gdlesson/**" in cache["with"]["key"] and "book/**/*.md" in cache["with"]["key"]
    upload = next(step for step in workflow["jobs"]["build"]["steps"]
                  if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert "publish" in README and ".github/workflows/publish.yml" in README


def test_the_lock_pins_every_package_with_hashes():
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    requirements = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", lock, re.M)
    assert len(requirements) >= 100
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", lock.split("\n\n", 1)[1])
    assert all("--hash=sha256:" in block for block in blocks if "==" in block)
    pinned = dict(requirements)
    assert pinned["torch"].startswith("2.13.0") and pinned["pydata-sphinx-theme"] == "0.15.4"
    assert "pip-compile" in lock and "pyproject.toml" in lock     # made from the human-edited input
