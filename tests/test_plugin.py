"""The one MkDocs plugin (centre_mkdocs): named once in mkdocs.yml, the page meta contract declared
and kept, the steps reloadable by make serve."""

from __future__ import annotations

import re
import subprocess
import sys
import typing

import yaml
from conftest import ROOT

from core import corpus
from core.page import PageMeta, RecordMeta
from core.site import print_links, site_pages


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def _config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def test_mkdocs_yml_names_one_project_plugin_and_no_hook():
    config = _config()
    assert "hooks" not in config
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["search", "macros", "centre"]  # centre last: see centre_mkdocs/plugin.py
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert (ROOT / f"{macros['module_name']}.py").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'centre = "centre_mkdocs.plugin:CentrePlugin"' in pyproject
    from importlib.metadata import entry_points
    [entry] = [e for e in entry_points(group="mkdocs.plugins") if e.name == "centre"]
    assert entry.load().__name__ == "CentrePlugin"


def test_every_meta_key_the_registry_writes_is_declared():
    """PageMeta is the contract: a key a core module puts in a page's front matter without declaring it fails."""
    declared = typing.get_type_hints(PageMeta)
    declared_record = typing.get_type_hints(RecordMeta)
    pages = site_pages(corpus.load(ROOT))
    written = {key for page in pages for key in page.meta}
    assert written and written <= set(declared), written - set(declared)
    record_keys = {key for page in pages for key in page.meta.get("record", {})}
    assert record_keys and record_keys <= set(declared_record), record_keys - set(declared_record)


def test_every_page_meta_key_the_templates_read_is_declared():
    declared = set(typing.get_type_hints(PageMeta))
    declared_record = set(typing.get_type_hints(RecordMeta))
    read, read_record = set(), set()
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        read |= set(re.findall(r"page\.meta\.(\w+)", text))
        read_record |= set(re.findall(r"page\.meta\.record\.(\w+)", text))
    assert {"record", "support", "jsonld", "centre_assets", "hide"} <= read
    assert read <= declared, read - declared
    assert read_record <= declared_record, read_record - declared_record


def test_the_registry_says_which_pages_print_and_which_are_searched():
    """The plugin finds no record again from page meta: footers and search membership come from core.site."""
    loaded = corpus.load(ROOT)
    pages = {page.url: page for page in site_pages(loaded, site_url="https://intranet.exemple.fr/centre/")}
    links = print_links(loaded, "https://intranet.exemple.fr/centre/")
    fiche = loaded.get("fiches", "aller-vers")
    assert links[fiche.url]["pdf"] == "aller-vers.pdf"
    assert "https://intranet.exemple.fr/centre/fiches/aller-vers/" in links[fiche.url]["footer"]
    assert set(links) <= set(pages)
    assert not pages[fiche.url].searchable and not pages["fiches/"].searchable and not pages["catalogue/"].searchable
    assert pages["glossaire/"].searchable and not pages["nouveautes/"].searchable


def test_the_plugin_class_imports_no_core_name():
    """make serve reloads the steps (centre_mkdocs/preview.py): the plugin must reach core only through them."""
    text = (ROOT / "centre_mkdocs" / "plugin.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from core|import core)", text, re.M)


def test_a_reload_gives_the_steps_the_current_core():
    """What make serve does before each rebuild but the first: core imported afresh, steps executed again."""
    script = (
        "import core.site, centre_mkdocs.plugin as plugin\n"
        "from centre_mkdocs import pages, preview\n"
        "old = core.site\n"
        "assert pages.site_pages_stored is old.site_pages_stored\n"
        "preview.reload_code()\n"
        "import core.site as new\n"
        "assert new is not old and pages.site_pages_stored is new.site_pages_stored\n"
        "assert plugin.pages is pages\n"
        "print('ok')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr
