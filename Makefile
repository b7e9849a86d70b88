# Two entry points for a fresh machine: `make report` (the demo run on seeds/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test setup browser bench bench-demo eval clean

# torch first, pinned: the CPU wheel that lies on this project's machines. An unpinned torch
# (or one pulled in by sentence-transformers) would download a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# The demo goes to reports/demo/ (git-ignored: following the README leaves the checkout clean) and
# its store to the default reports/factcheck.sqlite that `factcheck review` and `factcheck serve` read.
# reports/seeds/ is a committed copy of the same run, with screenshots of the review pages.
report: $(STAMP)
	$(BIN)/factcheck run seeds/ --out reports/demo

# Headless Chromium and its WebDriver for the browser tests (Debian's packages; needs root, skipped otherwise).
browser:
	@{ command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	  echo "chromium or chromium-driver not installed: the browser tests will be skipped"; }

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
test: $(STAMP) browser
	@$(BIN)/python -m pytest -q; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

bench: $(STAMP)
	$(BIN)/factcheck bench

bench-demo: $(STAMP)
	$(BIN)/factcheck bench-demo seeds --repeats 3

eval: $(STAMP)
	$(BIN)/factcheck eval

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
