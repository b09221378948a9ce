"""Contributor guide, review freshness on the site, and the forge side (CI, templates, pre-commit)."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

from core.schema import COLLECTIONS, ListOf, Obj


def schema_keys(obj: Obj, prefix: str = "") -> list[str]:
    """Every key of a collection as the guide writes it: ``etapes[].titre``."""
    keys = []
    for name, spec in obj.fields.items():
        keys.append(prefix + name)
        inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if isinstance(inner, Obj):
            keys += schema_keys(inner, f"{prefix}{name}{'[]' if isinstance(spec.type, ListOf) else ''}.")
    return keys


def guide_tables(soup) -> dict:
    """Collection heading -> keys listed in the table that follows it."""
    tables = {}
    for heading in soup.select("h2"):
        table = heading.find_next("table")
        if table is not None and "field-reference" in table.get("class", []):
            tables[heading.get_text(" ", strip=True).rstrip("¶").strip()] = [
                code.get_text() for code in table.select("tbody tr td:first-child code")]
    return tables


def test_every_schema_field_is_documented_in_the_contributor_guide(shipped_site):
    tables = guide_tables(shipped_site.soup("contribuer/"))
    headings = {"pratiques": "Les champs d'une pratique", "fiches": "Les champs d'une fiche",
                "methodologies": "Les champs d'une méthodologie"}
    for collection, heading in headings.items():
        assert tables[heading] == schema_keys(COLLECTIONS[collection]), collection


def test_every_schema_field_has_a_french_help_text():
    def walk(obj, where):
        for name, spec in obj.fields.items():
            assert len(spec.help) >= 5, f"{where}.{name} has no help text (the guide and the form show it)"
            inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(inner, Obj):
                walk(inner, f"{where}.{name}")
    for collection, obj in COLLECTIONS.items():
        walk(obj, collection)


def test_guide_points_to_the_forms_contributing_and_maintenance(shipped_site):
    soup = shipped_site.soup("contribuer/")
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert "../proposer/pratique/" in hrefs
    assert "../proposer/fiche/" in hrefs
    assert "../maintenance/" in hrefs
    assert any(h.endswith("/-/blob/main/CONTRIBUTING.md") for h in hrefs)
    for url in ("proposer/pratique/", "proposer/fiche/", "maintenance/"):
        assert (shipped_site.path / url / "index.html").is_file()


# --- review freshness ---------------------------------------------------------------------

def test_record_due_for_review_shows_a_notice(fixture_site):
    due = fixture_site.soup("fiches/fiche-hostile/")
    badge = due.select_one(".record .record-review .record-review-badge")
    assert badge is not None and badge.get_text() == "À relire"
    assert "30/06/2024" in due.select_one(".record-review").get_text()
    fresh = fixture_site.soup("fiches/animer-un-groupe/")
    assert fresh.select(".record-review") == []


def test_maintainers_page_lists_exactly_the_records_due(fixture_site):
    soup = fixture_site.soup("maintenance/")
    rows = soup.select("table.review-list tbody tr")
    assert [row["data-id"] for row in rows] == ["fiche-hostile"]
    link = rows[0].select_one("a")["href"]
    assert (fixture_site.path / "maintenance" / link / "index.html").resolve().is_file()
    assert rows[0].select_one("code").get_text() == "data/fiches/fiche-hostile.yml"
    assert soup.select_one("p.count").get_text() == "1 ressource à relire"
    # Not in the navigation: it is for maintainers, linked from the contributor guide.
    assert not [a for a in soup.select("nav.md-nav a[href]") if a["href"].rstrip("/").endswith("maintenance")]


# --- forge side ---------------------------------------------------------------------------

def make_targets() -> set[str]:
    targets = set()
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.%$() -]+?):(?!=)", line)
        if match and not line.startswith("\t"):
            targets.update(t for t in match.group(1).split() if "$" not in t)
    return targets


def make_calls(lines) -> list[str]:
    calls = []
    for line in lines:
        calls += re.findall(r"\bmake\s+([a-z][a-z0-9-]*)", line)
    return calls


def test_gitlab_ci_runs_the_make_targets_and_publishes_pages():
    config = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"valider", "tests", "site", "pages"}
    calls = make_calls(line for job in jobs.values() for line in job["script"])
    assert set(calls) <= make_targets()
    assert {"validate", "site", "test", "publier"} <= set(calls)
    assert jobs["tests"]["script"] == ["make test"]  # exactly what .ci/run runs
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert jobs["site"]["artifacts"]["paths"] == ["site/"]
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    # Pages builds its own site with the forge's address (make publier), once validation and tests pass.
    assert set(jobs["pages"]["needs"]) == {"valider", "tests"}
    assert jobs["pages"]["script"][0] == "make publier" and jobs["pages"]["variables"]["SITE_URL"] == "$CI_PAGES_URL/"
    assert set(config["stages"]) >= {job["stage"] for job in jobs.values()}


def test_github_workflow_runs_the_make_targets_and_keeps_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare "on" as true
    assert set(triggers) == {"push", "pull_request"}
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    runs = [step["run"] for step in steps if "run" in step]
    assert set(make_calls(runs)) <= make_targets()
    assert make_calls(runs) == ["validate", "test", "site", "publier"]
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert uses["actions/upload-artifact"]["with"]["path"] == "site/"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site/"
    assert "actions/deploy-pages" in uses


def test_pre_commit_runs_the_validator_on_data_files():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    hook = hooks["valider-les-fiches"]
    module = hook["entry"].split()[-1]
    assert hook["entry"].startswith("python -m ") and module == "scripts.validate"
    assert (ROOT / "scripts" / "validate.py").is_file()
    assert hooks["ruff"]["entry"] == "ruff check"
    pattern = re.compile(hook["files"])
    assert pattern.search("data/pratiques/atelier.yml") and pattern.search("data/referentiels/publics.yml")
    assert not pattern.search("docs/index.md")
    assert hook["pass_filenames"] is True


@pytest.mark.parametrize("path", [".gitlab/merge_request_templates/Pratique.md",
                                  ".gitlab/merge_request_templates/Default.md", ".github/pull_request_template.md"])
def test_request_templates_carry_the_checklist(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in text
    assert text.count("- [ ]") >= 3
    assert "donnée personnelle" in text or "données personnelles" in text


def test_contributing_guide_covers_both_forges_and_the_criteria():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    assert any("GitLab" in h for h in headings) and any("GitHub" in h for h in headings)
    assert any("formulaire" in h for h in headings)
    for needle in ("consentement: true", "Aucune donnée personnelle", "Photos", "make nouvelle-pratique",
                   "fichier:ligne: clé: message"):
        assert needle in text
    for target in re.findall(r"make ([a-z-]+)", text):
        assert target in make_targets(), target


# --- record text stays data on the generated contribution pages ---------------------------------

HOSTILE_TITLE = "<script>alert('titre')</script> {{ config.site_name }}"


def test_hostile_title_stays_text_on_the_maintainers_page(fixture_site):
    soup = fixture_site.soup("maintenance/")
    assert soup.select_one('tr[data-id="fiche-hostile"] a').get_text() == HOSTILE_TITLE
    assert not [s for s in soup.select("script") if "alert(" in (s.string or "")]


def test_hostile_title_stays_text_in_the_form_data(fixture_site):
    import json
    soup = fixture_site.soup("proposer/pratique/")
    [data] = soup.select("script#proposer-data")
    assert "<script>" not in data.string and "</script" not in data.string  # "<" is escaped in the JSON
    labels = json.loads(data.string)["schema"]["properties"]["fiches"]["items"]["x-labels"]
    assert labels["fiche-hostile"] == HOSTILE_TITLE
    others = [s for s in soup.select("script") if s is not data and "alert(" in (s.string or "")]
    assert others == []


def test_pre_commit_hook_needs_only_pyyaml():
    """The hook's environment holds PyYAML alone: the validator must not import anything else."""
    import subprocess
    import sys
    # As the hook runs it: "python -m scripts.validate" from the repository root (no installed core needed).
    code = ("import runpy, sys\n"
            "sys.argv = ['validate.py', 'data/fiches/aller-vers.yml']; sys.path.insert(0, '')\n"
            "try:\n    runpy.run_module('scripts.validate', run_name='__main__')\nexcept SystemExit as e:\n    code = e.code\n"
            "third = {m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names) - {'scripts', 'core', 'yaml', '_yaml', 'cython_runtime'}\n"
            "print(code, sorted(m for m in third if not m.startswith('_')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "0 []", result.stdout + result.stderr
