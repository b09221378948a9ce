"""The « Proposer » forms find the same personal data as core/personal_data.py.

The rules travel as data (personal_data.browser_rules(), in the form's JSON) and are interpreted
by docs/assets/javascripts/donnees-personnelles.js. Both are run here over the whole hostile
corpus: the cases of tests/test_personal_data.py, every text of tests/test_hostile.py's files,
every text of the shipped and fixture records, and edge cases where Python's and JavaScript's
regular expressions differ (Unicode letters and digits next to a number, separators).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, serve

from core import personal_data
from core.corpus import load

DOMAINS = ("grandlyon.com", "gouv.fr")

EDGE_CASES = [
    "é0612345678 n'est pas un numéro, mais é 06 12 34 56 78 en est un",
    "ß0612345678 et _0612345678 et 06 12 34 56 78é",
    "٠٦١٢٣٤٥٦٧٨ : des chiffres arabes-indiens, 06\u00a012\u00a034\u00a056\u00a078 avec des espaces insécables",
    "06\x1c12\x1c34\x1c56\x1c78 (séparateurs d'information)",
    "NÉE LE 3 MARS 2001 ; Née le 1er janvier 1999 ; née le 12.03.85",
    "Mme Durand\n\n12 rue des Lilas (paragraphe suivant)",
    "monsieur X habite 12 Rue de la Paix, puis une habitante au 4 allée des Tilleuls",
    "contact@GRANDLYON.COM et x@sous.gouv.fr et y@gouv.fr.evil.com",
    "Le 2B : 185052B16802514 et 1 85 05 2a 168 025 84",
    "+33 (0)4 72 00 00 00, 0033 6 12 34 56 78, +336 12 34 56 78",
]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield str(key)
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def hostile_corpus() -> list[str]:
    import test_hostile
    import test_personal_data

    texts = [case[0] for case in test_personal_data.TRUE_POSITIVES.values()]
    texts += list(test_personal_data.FALSE_POSITIVES.values())
    for files, _ in test_hostile.CASES.values():
        for content in files.values():
            if isinstance(content, bytes):
                content = content.decode("utf-8", "replace")
            if isinstance(content, str):
                texts.append(content)
                try:
                    texts += list(_strings(yaml.safe_load(content)))
                except Exception:  # noqa: BLE001 (hostile on purpose: whatever the loader says)
                    pass
    for root in (ROOT, ROOT / "tests" / "fixtures" / "site"):
        for record in load(root).all_records():
            texts += list(_strings(record.data))
    texts += EDGE_CASES
    return sorted(set(texts))


@pytest.mark.browser
def test_browser_finds_the_same_personal_data_as_python(browser, tmp_path):
    texts = hostile_corpus()
    assert len(texts) > 300
    rules = personal_data.browser_rules(DOMAINS)
    module = ROOT / "docs" / "assets" / "javascripts" / "donnees-personnelles.js"
    (tmp_path / "donnees-personnelles.js").write_text(module.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><script type="module">'
        'import * as dp from "./donnees-personnelles.js"; window.dp = dp;</script>', encoding="utf-8")
    base, stop = serve(tmp_path)
    try:
        page = browser.new_page()
        page.goto(base)
        page.wait_for_function("window.dp")
        found = page.evaluate("""([rules, texts]) => {
            const compiled = dp.compile(rules);
            return texts.map((t) => dp.scan(t, compiled).map((f) => [f.offset, f.value, f.kind]));
        }""", [rules, texts])
        page.close()
    finally:
        stop()
    python = [[[offset, value, message.split(" « ")[0]] for offset, value, message in personal_data.scan(text, DOMAINS)]
              for text in texts]
    disagreements = [(text[:120], p, b) for text, p, b in zip(texts, python, found) if p != b]
    assert disagreements == []
    assert sum(1 for p in python if p) >= len(EDGE_CASES) + 15  # the corpus does hold personal data


def test_rules_are_shipped_as_data_in_every_form(fixture_site):
    from core.contribution import FORMS, form_address

    for collection in FORMS:
        url, _ = form_address(collection)
        script = fixture_site.soup(url).find("script", id="proposer-data")
        data = json.loads(script.string)
        assert data["donneesPersonnelles"]["patterns"]["phone"] == personal_data.js_pattern(personal_data.PHONE_RE)


def test_translation_keeps_unicode_meaning():
    assert personal_data.js_pattern(personal_data._DIGIT_OR_AT) == {"source": "[0-9@]", "flags": "u"}
    phone = personal_data.js_pattern(personal_data.PHONE_RE)["source"]
    assert r"\w" not in phone and r"\d" not in phone and r"\p{Nd}" in phone
    assert Path(ROOT / "docs/assets/javascripts/donnees-personnelles.js").is_file()
