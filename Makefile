# Two entry points for a fresh clone (see README): `make run` and `make test`.
# Everything the project needs is installed by these targets; nothing by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Debian packages the test suite uses: PDF readers for report tests, the desktop-entry,
# AppStream and NSIS validators for the installer recipes, and a PostgreSQL server the
# team-workspace tests start as a throwaway cluster on a Unix socket (no network).
TEST_DEBS := poppler-utils desktop-file-utils appstream nsis postgresql

.PHONY: run test setup deps-test package screenshots benchmarks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

## Set up and open the window (the sample workspace unless WORKSPACE=path is given).
run: $(STAMP)
	@$(PY) -m factcheck_app.launch_check
	$(PY) -m factcheck_app gui $(if $(WORKSPACE),"$(WORKSPACE)",--sample)

deps-test:
	@bash packaging/install-debs.sh $(TEST_DEBS)

## Set up and run the whole test suite (offscreen; no display needed).
test: $(STAMP) deps-test
	$(PY) -m pytest -q

PACKAGE_STAMP := $(VENV)/.installed-package

$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test,package]"
	touch $(PACKAGE_STAMP)

## Build the Linux installer dist/factcheck_<version>_<arch>.deb (README: Packaging).
package: $(PACKAGE_STAMP)
	PY=$(PY) bash packaging/build_deb.sh

## Build the .deb, then test it installed: metadata, validators, lintian, a throwaway
## root, the window, apt install/remove (packaging/test_deb.sh; DEB=path skips the build).
.PHONY: package-test
package-test: $(PACKAGE_STAMP)
	PY=$(PY) bash packaging/test_deb.sh $(DEB)

screenshots: $(STAMP)
	$(PY) -m factcheck_app.ui.screenshots screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info
