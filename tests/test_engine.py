"""Engine continuity: ProperDocs 1.6.7 (requirements-properdocs.txt) builds the very site MkDocs builds.

The shipped content with its PDFs, built by ``properdocs build`` beside the run's MkDocs build,
compared file by file, byte for byte, the generator tag aside (scripts/compare_sites.py).
"""

from __future__ import annotations

import os
import subprocess
import sys

from compare_sites import differences
from conftest import GITLAB_FORGE, ROOT


def test_properdocs_builds_the_same_site_as_mkdocs(shipped_site, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **GITLAB_FORGE})
    assert result.returncode == 0, result.stderr
    generator = (out / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs 1.6.7" in generator and "mkdocs-1.6.1" in shipped_site.html("")
    assert differences(shipped_site.path, out) == []


def test_the_comparison_sees_one_changed_byte(tmp_path):
    left, right = tmp_path / "a", tmp_path / "b"
    for side, generator, text in ((left, "mkdocs-1.6.1", "Pratiques"), (right, "ProperDocs 1.6.7", "Pratiques")):
        (side / "p").mkdir(parents=True)
        (side / "p" / "index.html").write_text(f'<meta name="generator" content="{generator}"><h1>{text}</h1>', encoding="utf-8")
    assert differences(left, right) == []
    (right / "p" / "index.html").write_text('<meta name="generator" content="x"><h1>Pratique</h1>', encoding="utf-8")
    (right / "seul.txt").write_text("", encoding="utf-8")
    assert differences(left, right) == [f"seulement dans {right}: seul.txt", "différent : p/index.html"]
