"""Shared fixtures: real builds of the shipped site and of the fixture sites, and Chromium.

A build takes seconds, so a site built from given inputs is built once per run (session scope;
under pytest-xdist, once for all the workers, see ``once``) and never changed by a test: a test
that needs to change a built project works on a copy (``copy_project``).

Every build sees the same environment whatever the shell exports (``build_environment``), and the
PDFs (and the other build cache entries) are cached in a folder of the run, never in the repository's ``.cache``: no run depends on
what a previous one left behind, so a fresh clone behaves like a developer's checkout.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import _browser
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Read by mkdocs.yml and the plugin (centre_mkdocs/): a developer's shell must not change what the tests build.
PINNED_VARIABLES = ("SITE_URL", "FORGE_TYPE", "FORGE_URL", "CENTRE_PDF", "CENTRE_PDF_CACHE", "CENTRE_PDF_WORKERS",
                     "CENTRE_CACHE")
# mkdocs.yml has no forge address (no edit links): the fixture and shipped sites are built with the
# first, fixture_site_github with the other kind; the other builds have none.
# The test builds are publishing builds: a real-looking address (core.urls.is_published), so that
# their sheets carry an address and a QR code; builds without one are tested on purpose.
SITE_URL = "https://intranet.exemple.fr/centre/"
GITLAB_FORGE = {"FORGE_TYPE": "gitlab", "FORGE_URL": "https://forge.example/metropole-de-lyon/centre-ressources-pouvoir-d-agir"}
GITHUB_FORGE = {"FORGE_TYPE": "github", "FORGE_URL": "https://github.example/metropole/centre-ressources"}


def make_project(target: Path, data: Path | None = None) -> Path:
    """A site project in ``target``: the repo's config, docs, macros module (``centre_mkdocs/``, named by mkdocs.yml) and theme, with ``data``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    for name in ("centre_mkdocs", "overrides"):
        (target / name).symlink_to(ROOT / name)
    shutil.copytree(data or ROOT / "data", target / "data")
    return target


def copy_project(project: Path, target: Path) -> Path:
    """A copy of a built project (its site included) that a test may change; plugin and theme stay links."""
    shutil.copytree(project, target, symlinks=True)
    return target


def build(project: Path, out: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project``; ``env`` adds variables (FORGE_TYPE, CENTRE_PDF...)."""
    out = out or project / "site"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                           str(project / "mkdocs.yml"), "--site-dir", str(out)],
                          capture_output=True, text=True, cwd=project, env={**os.environ, **(env or {})})


def visible(text: str) -> str:
    """Text as tests compare it: the no-break spaces of French typography (core/typography.py) read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def words(text: str) -> str:
    """:func:`visible`, with every run of white space as one space and none at the ends."""
    return " ".join(visible(text).split())


class Site:
    """A built site on disk, with HTML parsing helpers."""

    def __init__(self, path: Path, result: subprocess.CompletedProcess, project: Path | None = None):
        self.path = path
        self.result = result
        self.project = project  # the project it was built from, when it is not the repository

    def html(self, url: str) -> str:
        return (self.path / url / "index.html").read_text(encoding="utf-8") if not url.endswith(".html") \
            else (self.path / url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "lxml")

    def pages(self):
        return sorted(self.path.rglob("*.html"))


# --- once per run ----------------------------------------------------------------------

def shared_dir(tmp_path_factory) -> Path:
    """A folder of this run seen by every pytest-xdist worker (the base temporary folder without xdist)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return tmp_path_factory.getbasetemp()
    shared = tmp_path_factory.getbasetemp().parent / "shared"
    shared.mkdir(exist_ok=True)
    return shared


def once(tmp_path_factory, name: str, make):
    """``make(folder)`` once per run, its (picklable) value shared by every worker.

    Without xdist this is ``make`` in a new temporary folder. Under xdist the first worker that asks
    runs it while the others wait on a lock, then read its value: a site is not built twice.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make(tmp_path_factory.mktemp(name))
    shared = shared_dir(tmp_path_factory)
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        done = shared / f"{name}.pickle"
        if done.is_file():
            return pickle.loads(done.read_bytes())
        folder = shared / name
        shutil.rmtree(folder, ignore_errors=True)  # left by a worker whose build failed
        folder.mkdir()
        value = make(folder)
        done.write_bytes(pickle.dumps(value))
        return value


@pytest.fixture(scope="session", autouse=True)
def build_environment(tmp_path_factory):
    """Builds of this run: no inherited forge, address or PDF setting, the address SITE_URL; one build cache for the run."""
    with pytest.MonkeyPatch.context() as patch:
        for name in PINNED_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SITE_URL", SITE_URL)
        cache = shared_dir(tmp_path_factory) / "build-cache"  # written atomically: workers may share it
        cache.mkdir(exist_ok=True)
        patch.setenv("CENTRE_CACHE", str(cache))
        yield


@pytest.fixture(scope="session")
def pdf_cache(build_environment) -> Path:
    """The PDFs of this run's build cache (core/cache.py), empty at its start, filled by its builds."""
    return Path(os.environ["CENTRE_CACHE"]) / "pdf"


def build_site(project: Path, env: dict | None = None) -> Site:
    """Build ``project`` into ``project/site``; the build must succeed."""
    result = build(project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(project / "site", result, project)


def _fixture_site(env: dict):
    return lambda folder: build_site(make_project(folder, FIXTURES / "site" / "data"), env)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory, build_environment) -> Site:
    """tests/fixtures/site/data built with a GitLab forge."""
    return once(tmp_path_factory, "fixture", _fixture_site(GITLAB_FORGE))


@pytest.fixture(scope="session")
def fixture_site_github(tmp_path_factory, build_environment) -> Site:
    """The same data, the forge being GitHub (edit links and the forms' links differ)."""
    return once(tmp_path_factory, "fixture-github", _fixture_site(GITHUB_FORGE))


def _shipped(folder: Path) -> Site:
    out = folder / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **GITLAB_FORGE})
    assert result.returncode == 0, result.stderr
    return Site(out, result)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory, build_environment) -> Site:
    """The repository's own data and docs, built in place (site written to a temporary folder), with a GitLab forge."""
    return once(tmp_path_factory, "shipped", _shipped)


# --- browser -------------------------------------------------------------------------

# Chromium settings and the local server live with the benchmarks (scripts/_browser.py): one place.
CHROMIUM, CHROMIUM_ARGS, serve = _browser.CHROMIUM, _browser.CHROMIUM_ARGS, _browser.serve


@pytest.hookimpl(tryfirst=True)  # before ``-m "not browser"`` deselects
def pytest_collection_modifyitems(items):
    """A test that uses Chromium (the ``browser`` fixture, itself or through another fixture) is a browser test."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser is ever downloaded)."""
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A desktop-sized tab of its own; the test fails if a script of the page throws."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


@pytest.fixture(scope="session")
def shipped_url(shipped_site, tmp_path_factory):
    """The shipped site served under a sub-path, as on the intranet."""
    holder = tmp_path_factory.mktemp("served")
    (holder / "centre-ressources").symlink_to(shipped_site.path)
    base, stop = serve(holder)
    yield base + "centre-ressources/"
    stop()


@pytest.fixture(scope="session")
def search_url(tmp_path_factory, build_environment):
    """A site built once per run from records written for the search tests (tests/fixtures/search), served."""
    site = once(tmp_path_factory, "search",
                lambda folder: build_site(make_project(folder, FIXTURES / "search" / "data")))
    base, stop = serve(site.path)
    yield base
    stop()
