"""The shape of the code: one registry of pages, one schema, no import cycle, a data contract that cannot drift."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from conftest import ROOT

from core.schema import COLLECTIONS, FACETS, VOCABULARIES, reference


def _imports(path) -> set[str]:
    """The core modules a file of core/ imports at module level (relative imports resolved)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    if path.name == "__init__.py":
        module = package
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:  # top level only: late imports are allowed
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("core"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("core"))
    return found


def _core_graph() -> dict:
    modules = {}
    for path in sorted((ROOT / "core").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        modules[name] = path
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def test_core_has_no_import_cycle():
    graph = _core_graph()
    state: dict = {}

    def visit(node, trail):
        if state.get(node) == "done":
            return
        assert state.get(node) != "open", "cycle d'imports : " + " -> ".join(trail + [node])
        state[node] = "open"
        for other in sorted(graph[node]):
            # A package's __init__ re-exporting its own modules is not a cycle.
            if not node.startswith(other + ".") and not other.startswith(node + "."):
                visit(other, trail + [node])
        state[node] = "done"

    for name in graph:
        visit(name, [])


def test_the_cycle_check_finds_a_cycle(tmp_path, monkeypatch):
    """The check above can fail: two modules importing each other are reported."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "a.py").write_text("from .b import x\n", encoding="utf-8")
    (tmp_path / "core" / "b.py").write_text("from .a import y\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="cycle"):
        test_core_has_no_import_cycle()


def test_plugin_and_scripts_never_touch_sys_path():
    """The core is installed in the venv (pyproject.toml): nothing edits the import path."""
    offenders = [p.relative_to(ROOT).as_posix() for folder in ("centre_mkdocs", "scripts", "core")
                 for p in (ROOT / folder).rglob("*.py") if "sys.path" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_only_the_plugin_pages_step_registers_pages():
    """The plugin adapts: pages come from core.site.site_pages(), registered in one place, no HTML written."""
    steps = sorted((ROOT / "centre_mkdocs").glob("*.py"))
    registering = [p.name for p in steps if "File.generated" in p.read_text(encoding="utf-8")]
    assert registering == ["pages.py"]
    for path in steps:
        text = path.read_text(encoding="utf-8")
        assert "Page(" not in text and "<div" not in text and "<p " not in text, path.name


def test_every_field_has_a_french_label_and_help():
    def walk(obj, prefix):
        for name, spec in obj.fields.items():
            assert spec.label and spec.help, f"{prefix}{name}"
            inner = getattr(spec.type, "item", spec.type)
            if hasattr(inner, "fields"):
                walk(inner, f"{prefix}{name}.")

    for collection, declaration in COLLECTIONS.items():
        walk(declaration, f"{collection}.")


def test_facets_are_read_off_the_declarations():
    names = [facet.name for facet in FACETS]
    assert names == ["collection", "type", "thematiques", "publics", "territoires", "niveaux-participation",
                     "axe", "format", "statut"]
    assert {f.vocabulary for f in FACETS if f.vocabulary} <= set(VOCABULARIES)


def test_data_contract_is_generated_from_the_schema():
    """docs-dev/format.md is the schema written out: regenerate it after changing a declaration."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "format_reference.py"), "--verifier"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = (ROOT / "docs-dev" / "format.md").read_text(encoding="utf-8")
    for collection, declaration in COLLECTIONS.items():
        for name, spec in declaration.fields.items():
            assert f"| `{name}` | {spec.label} |" in text, (collection, name)


def test_data_contract_check_fails_when_a_label_changes(monkeypatch):
    before = reference.format_reference()
    monkeypatch.setattr(COLLECTIONS["fiches"].fields["duree"], "label", "Durée totale")
    assert reference.format_reference() != before
