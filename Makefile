# After `git clone`, two commands:
#   make html   builds the site into _build/html (the environment is made on first use)
#   make test   runs every test: gdlesson's, then the checks of the built site (and the PDF)
#   make pdf    the lecture as one PDF in _build/pdf/ (and in the site); PAPER=Letter for Letter
# The environment is .venv/ in this folder: the lock (requirements.txt, CPU torch) on Linux
# x86_64 with Python 3.11, else pyproject.toml's ranges (see README). `make notebooks`
# refreshes the committed notebooks from a build; `make lock` remakes requirements.txt.

PYTHON ?= python3.11
# the tools run from $(VENV) by their paths; another environment the shell has activated
# must not leak into them (IPython would warn about it, and warnings fail the tests)
unexport VIRTUAL_ENV
VENV ?= .venv
BIN := $(VENV)/bin
# pip gives up on an index it cannot reach after one retry (PyTorch's index may be unreachable
# where the lock's torch is already on disk)
PIP := $(BIN)/python -m pip --retries 1
# packages are installed without compiling them one file at a time, then compiled on every
# core at once (compileall -j 0); one file of torch's tests is Python 3.12 only and does not
# compile here, as with pip's own compiling, hence the leading "-"
INSTALL := $(PIP) install --no-compile
CPU_TORCH := https://download.pytorch.org/whl/cpu
LOCKED := $(shell $(PYTHON) -c 'import platform, sys; print(int(sys.version_info[:2] == (3, 11) and platform.system() == "Linux" and platform.machine() == "x86_64"))' 2>/dev/null)

# the lock's last line installs gdlesson from this checkout (pip's hash-checking mode cannot
# install a folder, so the lock pins versions without hashes)
LOCK_SELF := \# gdlesson itself, from this checkout, editable: the pages import it, and MyST-NB finds its
LOCK_SELF_2 := \# player and answer-box renderers only through an installed package's entry points

.PHONY: html pdf test notebooks lock clean
PAPER ?= A4

html: $(VENV)/.installed
	$(BIN)/jupyter-book build . -W -n --keep-going

# printed from the built pages by Debian's Chromium (_ext/gdpdf/), into _build/pdf/ and beside
# the pages (_build/html/), where every page's download menu links it
pdf: html
	PYTHONPATH=_ext $(BIN)/python -m gdpdf --paper $(PAPER)

test: html pdf node_modules/.package-lock.json
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest site_tests

notebooks: html
	PYTHONPATH=_ext $(BIN)/python -m gdsite

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -n "$(LOCKED)" || { echo "$(PYTHON) not found: install Python 3.11 (or run make PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
ifeq ($(LOCKED),1)
	$(INSTALL) -r requirements.txt
else
	$(INSTALL) --extra-index-url $(CPU_TORCH) -e ".[site]"
endif
	-$(BIN)/python -m compileall -q -j 0 $(VENV)/lib
	touch $@

# the Node tools of the site checks (the Nu Html Checker, axe-core, puppeteer-core for Firefox),
# from package-lock.json; puppeteer-core downloads no browser (it drives Debian's firefox-esr)
node_modules/.package-lock.json: package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund

lock: $(VENV)/.installed
	$(PIP) install pip-tools
	$(BIN)/pip-compile --extra site --allow-unsafe --strip-extras \
	  --no-emit-find-links --extra-index-url $(CPU_TORCH) -o requirements.txt pyproject.toml
	printf '\n%s\n%s\n%s\n' "$(LOCK_SELF)" "$(LOCK_SELF_2)" "-e ." >> requirements.txt

clean:
	rm -rf _build
