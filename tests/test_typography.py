"""French typography at render time: the function, every built page, PDFs, search results, the forms."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, serve
from pypdf import PdfReader
from test_injection import hostile_site  # noqa: F401  (the shared build of the payload site)

from core import typography, urls
from core.typography import NBSP, NNBSP

# An ordinary space (or line break) before ; : ! ? » or after «: what a reader must never get.
# An emoticon keeps its space (":)", ";-)").
MISPLACED_SPACE = re.compile(r"[ \t\r\n]+(?![:;]-?[()DPp](?![a-zA-Z0-9]))[;:!?»]|«[ \t\r\n]")
LEFT_ALONE = ["script", "style", "code", "pre", "kbd", "samp", "textarea", "template"]
HUMAN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def misplaced(html: str) -> list[str]:
    """Every ordinary space before a French sign, in the text and human attributes of a page."""
    soup = BeautifulSoup(html, "lxml")
    for element in soup.find_all(LEFT_ALONE):
        element.replace_with("X")
    text = soup.get_text()
    found = [text[max(0, m.start() - 40):m.end() + 10] for m in MISPLACED_SPACE.finditer(text)]
    for element in soup.find_all(True):
        for name in HUMAN_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str) and MISPLACED_SPACE.search(value):
                found.append(f"{name}={value!r}")
    return found


# --- the function ---------------------------------------------------------------------------

CASES = [
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi?", f"Pourquoi{NNBSP}?"),
    ("Attention !", f"Attention{NNBSP}!"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ("un ; deux", f"un{NNBSP}; deux"),
    ("Suivant : la page", f"Suivant{NBSP}: la page"),
    ("Suivant: la page", "Suivant: la page"),  # a missing space before ":" is not added
    ("avec « consentement: true »", f"avec «{NBSP}consentement: true{NBSP}»"),
    ("deux espaces  : ici", f"deux espaces{NBSP}: ici"),
    (f"déjà{NBSP}?", f"déjà{NNBSP}?"),
    ("« Pouvoir d'agir »", f"«{NBSP}Pouvoir d'agir{NBSP}»"),
    ("«Pouvoir d'agir»", f"«{NBSP}Pouvoir d'agir{NBSP}»"),
    ("« ici et maintenant ».", f"«{NBSP}ici et maintenant{NBSP}»."),
    ("131 223 habitants", f"131{NNBSP}223 habitants"),
    ("2 000 000 €", f"2{NNBSP}000{NNBSP}000 €"),
    # Left alone.
    ("https://exemple.fr/page?q=famille&x=1 ; fin", f"https://exemple.fr/page?q=famille&x=1{NNBSP}; fin"),
    ("écrire à mailto:contact@exemple.fr", "écrire à mailto:contact@exemple.fr"),
    ("voir www.exemple.fr/?q=1", "voir www.exemple.fr/?q=1"),
    ("de 14:30 à 9h30", "de 14:30 à 9h30"),
    ("un ratio 1:2", "un ratio 1:2"),
    ("ajoutez page?q=mot", "ajoutez page?q=mot"),
    ("R&amp;D", "R&amp;D"),
    ("content :) et ;-)", "content :) et ;-)"),
    ("en 2024 125 personnes", "en 2024 125 personnes"),
    ("04 78 63 40 40", "04 78 63 40 40"),
    ("1,250 000", "1,250 000"),
    ("", ""),
    ("sans signe", "sans signe"),
]


@pytest.mark.parametrize("source, expected", CASES)
def test_text(source, expected):
    assert typography.text(source) == expected
    assert typography.text(expected) == expected, "not idempotent"


def test_html_touches_text_and_human_attributes_only():
    source = ('<head><title>Quoi ?</title><meta name="description" content="Une page : la voici">'
              '<style>a::before { content: " :" }</style><script>if (a<b) x = " ?";</script></head>'
              '<p title="Voir ?" data-x="a ?" href="page?q=1">Un <b>mot</b> ? et <code>a ? b</code> : '
              '<kbd>Ctrl :</kbd> <samp>x ;</samp> <img alt="Logo : centre" src="a.png">'
              '<input placeholder="Chercher ?" value="x ?"><a aria-label="Suivant : la page">lien</a>?</p>'
              '<pre>x ? y</pre><textarea>y ! z</textarea><!-- a ? -->')
    out = typography.html(source)
    assert out == typography.html(out), "not idempotent"
    for left in ('content: " :"', 'x = " ?"', "<code>a ? b</code>", "<kbd>Ctrl :</kbd>", "<samp>x ;</samp>",
                 'data-x="a ?"', 'value="x ?"', "<pre>x ? y</pre>", "<textarea>y ! z</textarea>", "<!-- a ? -->",
                 'href="page?q=1"'):
        assert left in out
    for right in (f"<title>Quoi{NNBSP}?</title>", f'content="Une page{NBSP}: la voici"', f'title="Voir{NNBSP}?"',
                  f"<b>mot</b>{NNBSP}? et", f"</code>{NBSP}: ", f'alt="Logo{NBSP}: centre"',
                  f'placeholder="Chercher{NNBSP}?"', f'aria-label="Suivant{NBSP}: la page"', f"lien</a>{NNBSP}?"):
        assert right in out


def test_html_spaces_a_sign_against_the_text_before_its_tag():
    assert typography.html("<p>Le <em>mot</em> ?</p>") == f"<p>Le <em>mot</em>{NNBSP}?</p>"
    # The space sits before the tag: it moves after it, as the right kind of space.
    assert typography.html("<p>Le <em>mot </em>?</p>") == f"<p>Le <em>mot</em>{NNBSP}?</p>"
    assert typography.html("<p><strong>Attention </strong>: oui</p>") == f"<p><strong>Attention</strong>{NBSP}: oui</p>"
    assert typography.html("<p><strong>clé</strong>: valeur</p>") == "<p><strong>clé</strong>: valeur</p>"
    # Not across code: "?q=" after a code element is no French sign.
    assert typography.html("<p><code>page</code>?q=1</p>") == "<p><code>page</code>?q=1</p>"


# --- the built sites ------------------------------------------------------------------------

def assert_typeset(site):
    pages = site.pages()
    assert len(pages) > 10
    problems = {}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = misplaced(html)
        if found:
            problems[str(path.relative_to(site.path))] = found[:3]
        assert typography.html(html) == html, f"{path}: the build did not typeset this page fully"
    assert problems == {}


def test_shipped_pages_have_french_spacing(shipped_site):
    assert_typeset(shipped_site)
    # The sources hold ordinary spaces only: typography is added at render time.
    for folder in ("data", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".yml", ".md"):
                text = path.read_text(encoding="utf-8")
                assert NBSP not in text and NNBSP not in text, path
    home = shipped_site.html("")
    assert f"«{NBSP}" in home or NNBSP in home


def test_fixture_pages_have_french_spacing(fixture_site):
    assert_typeset(fixture_site)


def test_hostile_pages_have_french_spacing(hostile_site):  # noqa: F811
    """Records written by someone else, every field a payload: still no misplaced space."""
    assert_typeset(hostile_site)


def test_theme_strings_are_french(shipped_site):
    soup = shipped_site.soup("engagement/")
    edit = soup.select_one("a.md-content__button[rel=edit]")
    assert edit is not None and edit["title"].startswith(f"Modifier cette page{NBSP}: fichier ")
    labels = [a["aria-label"] for a in soup.select("a.md-footer__link")]
    assert labels and all(re.fullmatch(f"(Précédent|Suivant){NBSP}: .+", label) for label in labels), labels
    for path in shipped_site.pages():
        html = path.read_text(encoding="utf-8")
        assert "Editer" not in html and "Suivant:" not in html and "Précédent:" not in html, path


def test_search_results_carry_french_spacing(shipped_site):
    docs = json.loads((shipped_site.path / "search" / "recherche.json").read_text(encoding="ascii"))["docs"]
    shown = [text for doc in docs for text in (doc[1], doc[3])]
    assert not [text for text in shown if MISPLACED_SPACE.search(text)]
    assert any(f"{NBSP}:" in text for text in shown)


def test_printed_documents_have_french_spacing(shipped_site):
    """The HTML WeasyPrint renders, and the lines of the PDFs: no line starts with a French sign."""
    from core import corpus, printing
    css = (ROOT / "docs" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")
    jobs = printing.print_jobs(corpus.load(ROOT), css, "http://127.0.0.1:8000/", "Centre")
    assert jobs
    assert {job.target: misplaced(job.html) for job in jobs if misplaced(job.html)} == {}
    # Text extraction reads U+00A0 back as a space or not, as the font's glyph table goes: lines tell.
    broken = []
    for path in sorted(shipped_site.path.rglob("*.pdf")):
        for page in PdfReader(path).pages:
            lines = page.extract_text().splitlines()
            broken += [f"{path.name}: {line}" for line in lines if re.match(r"\s*[;:!?»]", line)]
            broken += [f"{path.name}: {line}" for line in lines if line.rstrip().endswith("«")]
    assert broken == []
    text = "".join(page.extract_text() for page in PdfReader(shipped_site.path / urls.record_pdf(
        corpus.load(ROOT).get("fiches", "aller-vers"))).pages)
    assert f"liens{NBSP}:" in text


def test_validate_says_corrigez_les(tmp_path):
    data = tmp_path / "data"
    import shutil
    shutil.copytree(ROOT / "tests" / "fixtures" / "site" / "data", data)
    record = next((data / "pratiques").glob("*.yml"))
    record.write_text(record.read_text(encoding="utf-8").replace("titre:", "titre_inconnu:", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"erreurs? : corrigez-l(es|a) et relancez", result.stderr), result.stderr


# --- in the browser -------------------------------------------------------------------------

def test_browser_typo_agrees_with_python(browser, shipped_url):
    samples = [source for source, _ in CASES] + [expected for _, expected in CASES] + [
        "Tout est correct : vous pouvez proposer une fiche.", "« " + "x" * 3 + " » a été retirée du kit.",
        "Un texte\u00a0; avec «\u202fdes\u202f» espaces déjà là !", "Quoi ?? Oui !!! Non ;; Bon ::",
        "(voir ci-dessous) :", "[r]: javascript:alert('x')", "Pourquoi?\n", "«»", "« »", " ? ", ":", "?",
    ]
    page = browser.new_page()
    page.goto(shipped_url)
    page.wait_for_function("window.centreRecherche !== undefined")
    got = page.evaluate("""async (samples) => {
        const centre = await import(new URL("assets/javascripts/centre.js", document.baseURI).href);
        return samples.map((s) => centre.typo(s));
    }""", samples)
    page.close()
    assert got == [typography.text(sample) for sample in samples]


def test_search_result_shows_french_spacing(browser, shipped_url):
    page = browser.new_page()
    page.goto(shipped_url)
    page.locator("#centre-q").fill("conférence familiale")
    summary = page.locator(".centre-resultat-resume").first
    summary.wait_for()
    # The summary, or a snippet the script cut from the record's text (typeset in the browser).
    texts = page.locator(".centre-resultat").first.inner_text()
    assert NBSP in texts or NNBSP in texts, texts
    assert not MISPLACED_SPACE.search(texts), texts
    page.close()


def test_form_messages_get_french_spacing(browser, fixture_site):
    base, stop = serve(fixture_site.path)
    try:
        page = browser.new_page()
        page.goto(base + "proposer/pratique/")
        page.fill('[name="titre"]', "Atelier parents")  # taken: "l'adresse « atelier-parents » est déjà prise par une autre page : …"
        error = page.locator('[data-key="@id"] > .proposer-error')
        error.wait_for()
        message = error.inner_text()
        assert f"«{NBSP}atelier-parents{NBSP}»" in message and f"page{NBSP}: choisissez" in message, message
        status = page.locator(".proposer-status").inner_text()
        assert "corriger" in status and not MISPLACED_SPACE.search(status), status
        # Text a script writes later is typeset too, attributes included.
        page.evaluate("""() => {
            const p = document.createElement("p");
            p.id = "typo-probe"; p.textContent = "Vraiment ?"; p.setAttribute("aria-label", "Note : oui");
            document.body.append(p);
        }""")
        probe = page.locator("#typo-probe")
        assert probe.evaluate("p => p.textContent") == f"Vraiment{NNBSP}?"
        assert probe.get_attribute("aria-label") == f"Note{NBSP}: oui"
        page.close()
    finally:
        stop()
