"""Every page is valid HTML: the Nu Html Checker (npm ``vnu-jar``, run with Debian's Java)
reports no error on any page of the built site. One Java process checks all pages; it is
started as soon as the session is known to include this check (``conftest.py``), so that
it runs beside the others."""

import json

import pytest

from conftest import VNU, VNU_RUN


def test_no_html_errors(site, request):
    run = request.config.stash.get(VNU_RUN, None)
    if run is None:
        pytest.fail(f"the Nu Html Checker needs java and {VNU} (npm ci)")
    process, output = run
    process.wait(timeout=600)
    text = output.read_text(encoding="utf-8")
    messages = json.loads(text or '{"messages": []}')["messages"]
    errors = [f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])
