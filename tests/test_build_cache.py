"""The build cache (core/cache.py, issue 16): reused between builds, checked when read, invalidated by code.

Real builds of the fixture project with a cache folder of their own; PDFs read back with pypdf.
"""

from __future__ import annotations

import filecmp
import re
from io import BytesIO
from pathlib import Path

import pytest
import segno
from conftest import FIXTURES, GITLAB_FORGE, ROOT, SITE_URL, build, copy_project, make_project
from pypdf import PdfReader

from core import cache, corpus, printing, urls

CSS = (ROOT / "docs" / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8")


def _summary(result) -> dict:
    """{namespace: (reused, computed)} from the build log's « Cache : » line."""
    line = re.findall(r"Cache : (.*) \(", result.stderr)
    assert line, result.stderr
    return {name: (int(reused), int(computed))
            for name, reused, computed in re.findall(r"(\w+) (\d+) repris, (\d+) calculés", line[-1])}


def _built(project: Path, cache_folder: Path, out: str, pdf: bool = False):
    result = build(project, project / out, env={"CENTRE_CACHE": str(cache_folder), "CENTRE_PDF": "on" if pdf else "off"})
    assert result.returncode == 0, result.stderr
    return result


def _same_tree(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only (byte comparison)."""
    differences = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, "")]
    while stack:
        node, prefix = stack.pop()
        differences += [prefix + name for name in node.left_only + node.right_only + node.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        differences += [prefix + name for name in mismatch + errors]
        stack += [(child, f"{prefix}{name}/") for name, child in node.subdirs.items()]
    return differences


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The fixture project built with an empty cache, then again with the cache it left (no PDFs)."""
    root = tmp_path_factory.mktemp("cache-builds")
    project = make_project(root / "project", FIXTURES / "site" / "data")
    folder = root / "cache"
    cold = _built(project, folder, "site-cold")
    warm = _built(project, folder, "site-warm")
    return project, folder, cold, warm


def test_a_second_build_reuses_everything_and_writes_the_same_site(two_builds):
    project, folder, cold, warm = two_builds
    first, second = _summary(cold), _summary(warm)
    assert first["markdown"][1] > 0 and first["qr"][1] > 0 and first["search"] == (0, 1)
    # Nothing computed again: every Markdown field, QR code and the search index come from the cache.
    assert second["markdown"][1] == 0 and second["qr"][1] == 0 and second["search"] == (1, 0)
    assert second["markdown"][0] >= first["markdown"][1] and second["qr"][0] == first["qr"][1]
    # The site built from the cache is the site built without it (the cold build had an empty cache).
    assert _same_tree(project / "site-cold", project / "site-warm") == []


def test_a_second_build_reuses_the_corpus_the_pages_and_their_conversion(two_builds):
    """Loading data/, generating the pages, the open data files and MkDocs' Markdown pass: all reused."""
    _, _, cold, warm = two_builds
    first, second = _summary(cold), _summary(warm)
    for namespace in ("corpus", "pages", "opendata"):
        assert first[namespace] == (0, 1) and second[namespace] == (1, 0), namespace
    assert first["render"][1] > 40 and second["render"] == (first["render"][1], 0)


def test_the_reused_site_is_the_site_built_without_any_reuse(two_builds, tmp_path):
    """Byte for byte, every file: the warm build against a build with an empty cache, the menus
    rendered for every page (no menu memo of centre_mkdocs/speed.py) and MkDocs converting every page itself."""
    project, _, _, _ = two_builds
    result = build(project, project / "site-bare", env={
        "CENTRE_CACHE": str(tmp_path / "empty"), "CENTRE_PDF": "off",
        "CENTRE_TEMPLATE_MEMO": "off", "CENTRE_RENDER_CACHE": "off"})
    assert result.returncode == 0, result.stderr
    assert "render" not in _summary(result)
    assert _same_tree(project / "site-bare", project / "site-warm") == []


def test_an_edited_record_is_seen_through_every_reused_entry(two_builds, tmp_path):
    """One fiche's title changed between two builds sharing a cache: its page, the catalogue and the
    open data say the new title; the pages that did not change keep their conversion."""
    project = copy_project(two_builds[0], tmp_path / "project")
    folder = tmp_path / "cache"
    _built(project, folder, "site-before")  # the cache of this checkout (keys hold its folder)
    source = project / "data" / "fiches" / "animer-un-groupe.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"^titre: .*$", "titre: Animer un groupe de pairs au long cours", text, count=1, flags=re.M),
                      encoding="utf-8")
    summary = _summary(_built(project, folder, "site-edited"))
    assert summary["corpus"] == (0, 1) and summary["pages"] == (0, 1) and summary["opendata"] == (0, 1)
    assert 0 < summary["render"][1] < summary["render"][0]  # a few pages converted again, most reused
    site = project / "site-edited"
    for page in ("fiches/animer-un-groupe/index.html", "fiches/index.html", "donnees/ressources.csv"):
        assert "Animer un groupe de pairs au long cours" in (site / page).read_text(encoding="utf-8"), page
    title = re.search(r"<title>(.*?)</title>", (site / "fiches/animer-un-groupe/index.html").read_text(encoding="utf-8"))[1]
    assert title.startswith("Animer un groupe de pairs au long cours"), title
    # Back to the old text: the first build's entries serve again, and the site is the first one.
    source.write_text(text, encoding="utf-8")
    summary = _summary(_built(project, folder, "site-after"))
    assert summary["corpus"] == (1, 0) and summary["pages"] == (1, 0)
    assert _same_tree(project / "site-before", project / "site-after") == []


def test_damaged_stored_objects_are_computed_again_never_used(two_builds, tmp_path):
    """The pickled corpus, pages and conversions, cut or with one bit changed: reported, recomputed."""
    project, folder, _, _ = two_builds
    copied = tmp_path / "cache"  # the same checkout (keys hold its folder), a copy of its cache
    copy_project(folder, copied)
    [stored_corpus] = (copied / "corpus").iterdir()
    stored_corpus.write_bytes(stored_corpus.read_bytes()[:100])
    for namespace in ("pages", "render"):
        [entry] = (copied / namespace).iterdir()
        raw = bytearray(entry.read_bytes())
        raw[len(raw) // 2] ^= 1
        entry.write_bytes(bytes(raw))
    result = _built(project, copied, "site-damaged")
    damaged = re.findall(r"Cache : entrée abîmée, recalculée : (\S+)", result.stderr)
    assert sorted(name.split("/")[0] for name in damaged) == ["corpus", "pages", "render"], result.stderr
    summary = _summary(result)
    assert summary["corpus"] == (0, 1) and summary["pages"] == (0, 1) and summary["render"][0] == 0
    assert _same_tree(project / "site-warm", project / "site-damaged") == []


def test_a_damaged_markdown_table_or_search_index_is_rebuilt_never_used(two_builds, tmp_path):
    project, folder, _, _ = two_builds
    project = copy_project(project, tmp_path / "project")
    copied = tmp_path / "cache"
    copy_project(folder, copied)
    [table] = (copied / "markdown").glob("table-*")
    table.write_bytes(table.read_bytes()[:100])  # cut, as by a full disk
    [index] = (copied / "search").glob("[0-9a-f]*")
    raw = bytearray(index.read_bytes())
    raw[-20] ^= 1  # one bit changed, same length
    index.write_bytes(bytes(raw))
    result = _built(project, copied, "site-again")
    damaged = re.findall(r"Cache : entrée abîmée, recalculée : (\S+)", result.stderr)
    assert sorted(name.split("/")[0] for name in damaged) == ["markdown", "search"], result.stderr
    summary = _summary(result)
    assert summary["search"] == (0, 1) and summary["markdown"][1] > 0
    assert _same_tree(project / "site-warm", project / "site-again") == []
    # Rebuilt entries replace the damaged ones: the next build reuses them.
    assert _summary(_built(project, copied, "site-third"))["search"] == (1, 0)


def test_changed_code_gives_new_keys(tmp_path, monkeypatch):
    """A table is stored per code version: another version of the code never reads its values."""
    monkeypatch.setenv("CENTRE_CACHE", str(tmp_path))
    cache.reset()
    calls = []

    def render(text):
        calls.append(text)
        return text.upper()

    old = cache.memoised("essai", cache.code_stamp(render), render)
    assert old("abc") == "ABC" and old("abc") == "ABC" and calls == ["abc"]  # once per text
    cache.shared().flush()
    cache.reset()
    assert old("abc") == "ABC" and calls == ["abc"]  # read back from disk by a new build

    def render_again(text):  # the "same" function, edited
        calls.append(text)
        return text.upper() + "!"

    assert cache.code_stamp(render) != cache.code_stamp(render_again)
    new = cache.memoised("essai", cache.code_stamp(render_again), render_again)
    assert new("abc") == "ABC!" and calls == ["abc", "abc"]
    # The stamps of the real caches follow their code and libraries.
    assert cache.code_stamp(printing.render_pdf, "weasyprint") != cache.code_stamp(printing.render_pdf, "pydyf")
    cache.reset()


def test_one_qr_encoding_per_address(tmp_path, monkeypatch):
    monkeypatch.setenv("CENTRE_CACHE", str(tmp_path))
    cache.reset()
    encoded = []
    data = corpus.load(ROOT)
    record = data.get("fiches", "aller-vers")
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda *a, **k: encoded.append(a[0]) or real_make(*a, **k))
    address = urls.absolute(SITE_URL, record.url)
    page_footer = printing.print_footer(record, address)  # the record page
    document = printing.record_document(data, record, CSS, SITE_URL, "Centre")  # its PDF
    assert encoded == [address]
    assert printing.qr_data_uri(address) in page_footer and printing.qr_data_uri(address) in document
    cache.reset()


# --- PDFs ---------------------------------------------------------------------------------------

def _jobs(count: int) -> list:
    data = corpus.load(ROOT)
    return printing.print_jobs(data, CSS, SITE_URL, "Centre")[:count]


def _pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    return PdfReader(BytesIO(data))


def test_a_truncated_cached_pdf_is_rendered_again_and_the_published_pdf_is_whole(tmp_path):
    jobs = _jobs(2)
    store = tmp_path / "cache"
    first = printing.build_pdfs(jobs, tmp_path / "site1", store, workers=1)
    assert first.rendered == [job.target for job in jobs]
    entry = store / printing.NAMESPACE / printing.cache_key(jobs[0])
    entry.write_bytes(entry.read_bytes()[:100])  # an interrupted copy: 100 bytes left
    second = printing.build_pdfs(jobs, tmp_path / "site2", store, workers=1)
    assert second.damaged == [jobs[0].target] and second.rendered == [jobs[0].target]
    assert second.cached == [jobs[1].target]
    for job in jobs:
        published = (tmp_path / "site2" / job.target).read_bytes()
        assert published == (tmp_path / "site1" / job.target).read_bytes()
        assert len(_pdf(published).pages) >= 1
    # The entry was replaced by a whole one.
    assert printing.build_pdfs(jobs, tmp_path / "site3", store, workers=1).cached == [job.target for job in jobs]


def test_a_truncated_cached_pdf_never_reaches_the_built_site(fixture_site, pdf_cache, tmp_path):
    """End to end: the fixture site built again over a cache whose PDFs were all cut to 100 bytes."""
    folder = tmp_path / "cache" / "pdf"
    folder.mkdir(parents=True)
    pdfs = sorted(path.relative_to(fixture_site.path) for path in fixture_site.path.rglob("*.pdf"))
    assert pdfs
    for entry in pdf_cache.glob("[0-9a-f]*"):  # the run's PDFs, fixture site's among them
        (folder / entry.name).write_bytes(entry.read_bytes()[:100])
    project = copy_project(fixture_site.project, tmp_path / "project")
    result = build(project, project / "site-again", env={**GITLAB_FORGE, "CENTRE_CACHE": str(folder.parent)})
    assert result.returncode == 0, result.stderr
    damaged = re.findall(r"PDF : la copie en cache de (\S+) était abîmée", result.stderr)
    assert sorted(damaged) == sorted(str(p) for p in pdfs)
    for pdf in pdfs:
        published = (project / "site-again" / pdf).read_bytes()
        assert len(published) > 1000 and len(_pdf(published).pages) == len(_pdf((fixture_site.path / pdf).read_bytes()).pages)


def test_a_changed_renderer_or_stylesheet_renders_again(tmp_path, monkeypatch):
    jobs = _jobs(1)
    monkeypatch.setattr(printing, "render_pdf", lambda html, base_url: b"%PDF-1.7\n" + html[-40:].encode() + b"\n%%EOF\n")
    store = tmp_path / "cache"
    assert printing.build_pdfs(jobs, tmp_path / "site", store, workers=1).rendered == [jobs[0].target]
    assert printing.build_pdfs(jobs, tmp_path / "site", store, workers=1).cached == [jobs[0].target]
    restyled = [printing.PrintJob(job.target, job.html.replace("<style>", "<style>p{color:#111}"), job.base_url) for job in jobs]
    assert printing.build_pdfs(restyled, tmp_path / "site", store, workers=1).rendered == [jobs[0].target]
    monkeypatch.setattr(printing, "RENDERER", printing.RENDERER + "-edited")
    assert printing.build_pdfs(jobs, tmp_path / "site", store, workers=1).rendered == [jobs[0].target]


def test_parallel_pdfs_equal_serial_ones(tmp_path):
    jobs = _jobs(printing.PARALLEL_FROM + 2)  # enough to go parallel
    serial = printing.build_pdfs(jobs, tmp_path / "serial", tmp_path / "cache-serial", workers=1)
    parallel = printing.build_pdfs(jobs, tmp_path / "parallel", tmp_path / "cache-parallel", workers=2)
    assert serial.rendered == parallel.rendered == [job.target for job in jobs]
    for job in jobs:
        one = _pdf((tmp_path / "serial" / job.target).read_bytes())
        other = _pdf((tmp_path / "parallel" / job.target).read_bytes())
        assert len(one.pages) == len(other.pages)
        assert [page.extract_text() for page in one.pages] == [page.extract_text() for page in other.pages]


def test_the_stylesheet_parsed_once_gives_the_same_pdf_as_inline():
    """render_pdf reuses a parsed print.css: the PDF says the same as WeasyPrint on the inline document."""
    import weasyprint
    job = _jobs(1)[0]
    reused = _pdf(printing.render_pdf(job.html, job.base_url))
    inline = _pdf(weasyprint.HTML(string=job.html, base_url=job.base_url, media_type="print").write_pdf())
    assert len(reused.pages) == len(inline.pages) >= 1
    assert [p.extract_text() for p in reused.pages] == [p.extract_text() for p in inline.pages]


def test_a_table_keeps_what_two_kinds_of_builds_taking_turns_need(tmp_path):
    """make serve (pages at the server's address) and make site taking turns both keep their QR codes."""
    def one_build(texts):
        store = cache.Cache(tmp_path)
        table = store.table("essai", "v1")
        computed = [text for text in texts if table.get(text) is None]
        for text in computed:
            table.put(text, text.upper())
        store.flush()
        return computed

    serve, site = ["a", "b", "c"], ["x", "y", "z"]
    assert one_build(serve) == serve and one_build(site) == site
    assert one_build(serve) == [] and one_build(site) == []
    # A build needing other values pushes out the oldest unused ones: at most twice what a build needs.
    assert one_build(["new"]) == ["new"]
    assert one_build(site) == ["x", "y"]  # "z", the most recent unused, was kept beside "new"


def test_a_cached_yaml_parse_is_the_parse_and_problems_are_found_again(tmp_path, monkeypatch):
    from core import reader
    from core.problems import DataError
    monkeypatch.setenv("CENTRE_CACHE", str(tmp_path / "cache"))
    cache.reset()
    files = sorted((ROOT / "data").glob("*/*.yml"))
    fresh = [reader.parse(path.name, path.read_text(encoding="utf-8")) for path in files]
    assert [reader.read(path, path.parent) for path in files] == fresh  # computed, then stored
    cache.shared().flush()
    cache.reset()
    assert [reader.read(path, path.parent) for path in files] == fresh  # read back: values, dates, lines
    assert cache.shared().hits["yaml"] == len(files) and "yaml" not in cache.shared().misses
    broken = tmp_path / "cassé.yml"
    broken.write_text("titre: a\ntitre: b\n", encoding="utf-8")
    for _ in range(2):  # a file with a problem is never stored: its message comes back every time
        with pytest.raises(DataError, match="clé en double"):
            reader.read(broken, tmp_path)
        cache.shared().flush()
    cache.reset()


def test_pdfs_of_a_site_that_did_not_change_are_written_without_building_a_document(tmp_path, monkeypatch):
    """site_pdfs() keeps which PDF goes where; a second build writes them from the cache alone, and
    a damaged PDF or another stylesheet brings the documents back."""
    monkeypatch.setenv("CENTRE_CACHE", str(tmp_path / "cache"))
    cache.reset()
    rendered = []

    def fake_render(html, base_url):
        rendered.append(html)
        return b"%PDF-1.7\n" + cache.digest(html).encode() + b"\n%%EOF\n"

    monkeypatch.setattr(printing, "render_pdf", fake_render)
    loaded = corpus.load_cached(FIXTURES / "site")
    assert loaded.fingerprint
    first = printing.site_pdfs(loaded, CSS, SITE_URL, "Centre", tmp_path / "site1", cache.shared(), workers=1)
    assert first.rendered and not first.cached and len(rendered) == len(first.rendered)
    real_jobs = printing.print_jobs

    def no_documents(*args):
        raise AssertionError("documents built although nothing changed")

    monkeypatch.setattr(printing, "print_jobs", no_documents)
    second = printing.site_pdfs(loaded, CSS, SITE_URL, "Centre", tmp_path / "site2", cache.shared(), workers=1)
    assert second.cached == first.rendered and not second.rendered
    assert _same_tree(tmp_path / "site1", tmp_path / "site2") == []
    monkeypatch.setattr(printing, "print_jobs", real_jobs)
    # One PDF cut in the cache: the documents are built again, that PDF alone is rendered.
    victim = sorted((tmp_path / "cache" / "pdf").iterdir())[0]
    victim.write_bytes(victim.read_bytes()[:30])
    third = printing.site_pdfs(loaded, CSS, SITE_URL, "Centre", tmp_path / "site3", cache.shared(), workers=1)
    assert len(third.rendered) == 1 and third.damaged == third.rendered
    assert _same_tree(tmp_path / "site1", tmp_path / "site3") == []
    # Another stylesheet: another plan, every PDF rendered again.
    fourth = printing.site_pdfs(loaded, CSS + "p{orphans:3}", SITE_URL, "Centre", tmp_path / "site4", cache.shared(), workers=1)
    assert sorted(fourth.rendered) == sorted(first.rendered)
    cache.reset()
