"""Every page is valid HTML: the Nu Html Checker (npm ``vnu-jar``, run with Debian's Java)
reports no error on any page of the built site."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT, html_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_no_html_errors(site):
    if shutil.which("java") is None or not VNU.exists():
        pytest.fail(f"the Nu Html Checker needs java and {VNU} (npm ci)")
    pages = [str(p) for p in html_pages(site)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])
