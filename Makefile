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

report: $(STAMP)
	$(BIN)/factcheck run seeds/ --out reports/seeds --db reports/seeds.sqlite

# Headless Chromium for the HTML report test (Debian's package; needs root, skipped otherwise).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: the browser test will be skipped"; }

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
test: $(STAMP) browser
	@$(BIN)/python -m pytest -q; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$status

bench: $(STAMP)
	$(BIN)/factcheck bench

bench-demo: $(STAMP)
	$(BIN)/python -m factcheck.bench_demo seeds --repeats 3

eval: $(STAMP)
	$(BIN)/factcheck eval

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
