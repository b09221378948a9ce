"""The CI files: valid against the forges' own schemas (check-jsonschema's vendored copies, no
network), publishing with the forge's address and a build cache kept between pipelines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITLAB = ROOT / ".gitlab-ci.yml"
GITHUB = ROOT / ".github" / "workflows" / "ci.yml"
CHECK = str(Path(sys.executable).parent / "check-jsonschema")  # pinned in requirements-dev.txt


def validate(path: Path, schema: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK, "--builtin-schema", schema, str(path)], capture_output=True, text=True)


@pytest.mark.parametrize(("path", "schema"), [(GITLAB, "vendor.gitlab-ci"), (GITHUB, "vendor.github-workflows")])
def test_ci_files_follow_the_forges_schemas(path, schema):
    result = validate(path, schema)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_sees_a_broken_file(tmp_path):
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(GITLAB.read_text(encoding="utf-8").replace("key: pip", "key: pip/../x"), encoding="utf-8")
    assert validate(broken, "vendor.gitlab-ci").returncode != 0
    workflow = tmp_path / "ci.yml"
    workflow.write_text(GITHUB.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1),
                        encoding="utf-8")
    assert validate(workflow, "vendor.github-workflows").returncode != 0


def _build_cache_key(cache: list) -> dict:
    [entry] = [c for c in cache if ".cache/centre/" in c["paths"]]
    return entry


def test_gitlab_publishes_at_its_pages_address_with_a_warm_cache():
    config = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    pages = config["pages"]
    assert pages["variables"]["SITE_URL"] == "$CI_PAGES_URL/"
    assert pages["script"][0] == "make publier"
    kept = _build_cache_key(pages["cache"])
    assert kept.get("policy", "pull-push") == "pull-push"
    assert set(kept["key"]["files"]) == {"requirements*.txt", "core/**/*.py"}
    assert _build_cache_key(config["site"]["cache"])["policy"] == "pull"  # the review build only reads it
    assert config["tests"]["script"] == ["make test"]  # tests/test_engine.py among them


def test_github_publishes_at_its_pages_address_with_a_warm_cache():
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["construire"]["steps"]
    configure = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    publish = next(step for step in steps if step.get("run") == "make publier")
    assert publish["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/centre/"
    assert "hashFiles('requirements*.txt', 'core/**/*.py')" in cache["with"]["key"]
    assert steps.index(cache) < steps.index(publish)
    assert any(step.get("run") == "make test" for step in workflow["jobs"]["verifier"]["steps"])
