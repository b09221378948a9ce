"""The search index of a site: its documents, the lunr index, the texts of snippets, the shards.

Words become tokens (folded, stop words out, stemmed, glossary terms added) in
``core/search_tokens.py``, the same way as in the reader's browser.

The index is a lunr index (built here with the ``lunr`` package, loaded by lunr.js 2.3.9)
with an empty pipeline: tokens are already normalised and stemmed, and lunr's own
English stemmer and stop words never run. It is shipped in a compact form (see
``compact()``, without field vectors) that ``recherche/index.js`` hands to lunr.js, with a
second file holding each document's text, from which the browser cuts snippets around the
words found (``snippet_texts()``, ``site_files()``).
"""

from __future__ import annotations

import functools
import hashlib
import html as html_module
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from lunr.builder import Builder

from . import typography, urls
from .render.components import kind_label
from .schema import FACETS, facet_keys
from .search_tokens import STOPWORDS, Glossary, field_tokens, stemmer_table

if TYPE_CHECKING:  # for annotations only
    from .corpus import Corpus, Record
    from .memo import Memo

_MD_URL = re.compile(r"\]\([^)]*\)|https?://\S+")

INDEX_FILE = urls.SEARCH_INDEX_FILE  # in the site's search/ folder, next to the texts file it names

# Fields of the index and their boosts: a title outranks a passing mention.
FIELDS = (("titre", 10), ("mots", 4), ("resume", 2), ("texte", 1))


# --- documents and index ---------------------------------------------------------------

@dataclass
class Document:
    """One search result: a record or a hand-written page."""

    url: str  # site-relative directory URL, e.g. "fiches/aller-vers/"
    title: str
    kind: str  # "Fiche méthode", "Pratique inspirante", "Page"...
    summary: str
    keywords: str = ""
    text: str = ""
    record_id: str = ""


def strip_markdown(text: str) -> str:
    """Drop link targets and bare URLs: their pieces are noise for search."""
    return _MD_URL.sub("]", text)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# Keys that hold ids, dates or text indexed in another field (facet keys are added below).
_NOT_TEXT = {"titre", "resume", "mots_cles", "date_maj", "pratiques", "fiches", "methodologies", "periode",
             "participants", "ressources", "contributeurs", "phases", *facet_keys()}


def record_document(corpus: Corpus, record: Record, kind: str) -> Document:
    """The searchable text of a record: title, keywords and facet labels, summary, every text field."""
    data = record.data
    labels = [facet.label(corpus.vocabularies, value) for facet in FACETS if facet.searchable
              for value in facet.values(record)]
    keywords = " ; ".join([*data.get("mots_cles", []), *labels, kind])
    texts = [s for key, value in data.items() if key not in _NOT_TEXT for s in _strings(value)]
    for phase in data.get("phases", []):
        if isinstance(phase, str):  # a fiche's phases: ids of the vocabulary
            texts.append(corpus.label("phases", phase))
            continue
        texts.append(corpus.label("phases", phase["phase"]))
        texts += list(_strings({k: v for k, v in phase.items() if k not in ("phase", "niveau_participation", "fiches")}))
    texts += [r["titre"] for r in data.get("ressources", [])]
    return Document(record.url, record.title, kind, data["resume"], keywords,
                    strip_markdown("\n\n".join(texts)), record.id)  # a blank line between two items


class _Builder(Builder):
    """lunr's builder for tokens that are already normalised.

    ``add()`` is lunr's own, minus its tokenizer (it copies metadata for every token, which
    we never keep) and its pipeline (empty here); the token set is not built because only
    the serialised form is needed. Scores, idf and serialisation are lunr.py's.
    """

    def add(self, doc: dict, attributes: dict | None = None) -> None:
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = doc[field_name]
            field_ref = f"{field_name}/{doc_ref}"  # str(FieldRef(doc_ref, field_name))
            frequencies: dict = {}
            for term in terms:
                frequencies[term] = frequencies.get(term, 0) + 1
            self.field_term_frequencies[field_ref] = frequencies
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = {}

    def _create_token_set(self) -> None:
        self.token_set = None


def build_index(documents: list[Document], glossary: Glossary, memo: Memo | None = None) -> dict:
    """A lunr index of ``documents`` (refs are their positions), serialised by lunr.py.

    ``memo`` (a ``core.memo.Memo``, the preview's) reuses the tokens of texts seen by the last build.
    """
    tokens = _tokenizer(glossary, memo)
    builder = _Builder()  # no pipeline: tokens arrive normalised; no lunr language support (NLTK)
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for position, doc in enumerate(documents):
        builder.add({
            "ref": str(position),
            "titre": tokens(doc.title),
            "mots": tokens(doc.keywords),
            "resume": tokens(doc.summary),
            "texte": tokens(doc.text),
        })
    return builder.build().serialize()


def _tokenizer(glossary: Glossary, memo: Memo | None = None) -> Callable[[str], list[str]]:
    """``field_tokens(text, glossary)`` as a function of the text, memoised when ``memo`` is given."""
    if memo is None:
        return functools.partial(field_tokens, glossary=glossary)
    phrases = json.dumps(glossary.phrases, sort_keys=True)  # what field_tokens() reads of the glossary
    tokenize = functools.partial(field_tokens, glossary=glossary)
    # A list is handed to lunr's builder, which only reads it; a copy keeps the memo safe anyway.
    return lambda text: list(memo.get((field_tokens, "tokens", text, phrases), lambda: tokenize(text)))


# Postings are written as text, numbers as variable-length digits in base 32: a number is
# its 5-bit groups, most significant first, each a character of MORE except the last, a
# character of LAST. JSON.parse then makes one string per term instead of thousands of numbers,
# and the file is smaller; recherche/index.js reads a term's string when a query reaches the term.
LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
MORE = "ghijklmnopqrstuvwxyz0123456789-_"


def write_numbers(numbers: list[int]) -> str:
    """Whole numbers >= 0 as text (see LAST and MORE)."""
    out: list[str] = []
    for number in numbers:
        groups = [LAST[number & 31]]
        number >>= 5
        while number:
            groups.append(MORE[number & 31])
            number >>= 5
        out.extend(reversed(groups))
    return "".join(out)


def read_numbers(text: str) -> list[int]:
    """The numbers ``write_numbers()`` wrote (the browser's twin is in recherche/index.js)."""
    numbers, value = [], 0
    for char in text:
        if char in MORE:
            value = value * 32 + MORE.index(char)
        else:
            numbers.append(value * 32 + LAST.index(char))
            value = 0
    return numbers


def compact(serialised: dict) -> dict:
    """lunr's serialised index, re-encoded smaller; ``recherche/index.js`` gives it back to lunr.js.

    - terms are listed once, sorted; a term's lunr ``_index`` becomes its position;
    - a term's postings are one string of numbers (``write_numbers()``): for each field in
      turn, how many documents have the term there, then for each of them its position as a
      difference from the previous one, and the term's score in that field of that document,
      in hundredths (lunr keeps thousandths: the order of results does not change in
      practice). That score is the term's entry in lunr's field vector, so field vectors are
      not written: ``recherche/index.js`` rebuilds, for each query, the part of a field vector that
      the query can reach (the terms it looked up).
    """
    fields = serialised["fields"]
    terms = [term for term, _ in serialised["invertedIndex"]]
    new_index = {posting["_index"]: position for position, (_, posting) in enumerate(serialised["invertedIndex"])}
    scores = {}  # (term position, field, document) -> score in hundredths
    for field_ref, elements in serialised["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        for i in range(0, len(elements), 2):
            scores[new_index[elements[i]], name, int(ref)] = round(elements[i + 1] * 100)
    postings = []
    for position, (_, posting) in enumerate(serialised["invertedIndex"]):
        numbers = []
        for name in fields:
            refs, previous = sorted(int(ref) for ref in posting[name]), 0
            numbers.append(len(refs))
            for ref in refs:
                numbers += [ref - previous, scores[position, name, ref]]
                previous = ref
        postings.append(write_numbers(numbers))
    return {"version": serialised["version"], "fields": fields, "terms": terms, "postings": postings}


def _doc_entry(doc: Document, glossary: Glossary, tokens: Callable[[str], list[str]] | None = None) -> list:
    # A hand-written page carries its title's tokens: in the browser, a page ranks below every
    # record unless its title holds every word of the query (recherche/requete.js).
    # Title and summary are shown as they are: with the French spacing of the pages. (Snippets are
    # cut in the browser and typeset there, by typographie.js, like any text a script writes.)
    # An easy-to-read version repeats its record's title: it never lifts above the records (its
    # record comes first, then it among the pages).
    entry = [doc.url, typography.text(doc.title), doc.kind, typography.text(doc.summary), doc.record_id]
    if doc.record_id or _is_easy_read_version(doc.url):
        return entry
    return [*entry, sorted(set((tokens or functools.partial(field_tokens, glossary=glossary))(doc.title)))]


def _is_easy_read_version(url: str) -> bool:
    return url.startswith(urls.EASY_READ) and url != urls.EASY_READ


def payload(documents: list[Document], glossary: Glossary, texts: str = "", memo: Memo | None = None) -> dict:
    """Everything the browser needs to search: index, results to show, stop words, stemmer, glossary.

    ``texts`` names the file of the documents' texts, for snippets (``snippet_texts()``); ``memo``:
    see ``build_index()``.
    """
    tokens = _tokenizer(glossary, memo)
    return {
        # 6: the site's file holds no postings, they are in shards (split()); 5: hand-written pages
        # carry their title's tokens, "texts"; 4: the stemmer's rules
        "format": 6,
        "stopwords": sorted(STOPWORDS),
        "stemmer": stemmer_table(),
        "glossary": glossary.phrases,
        "docs": [_doc_entry(d, glossary, tokens) for d in documents],
        "texts": texts,
        "index": compact(build_index(documents, glossary, memo)),
    }


# Markdown's marks, for the text of snippets: emphasis, code, headings, quotes, list markers,
# the brackets of links (their targets are already out, strip_markdown()), hard line breaks.
_MD_MARKS = re.compile(r"\*+|`+|^[ \t]*(?:#+|>|[-+]|\d+\.)[ \t]+|\[(?!…\])|(?<!…)\]", re.MULTILINE)
_SPACES = re.compile(r"\s+")


_ITEM = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-+*]|\d+\.)[ \t]+)")  # a blank line, or a list item next
_ENDS_SENTENCE = re.compile(r"[.!?:;…»)]$")
_HEADING_LINE = re.compile(r"^([ \t]*#+[ \t][^\n]*)\n", re.MULTILINE)


def snippet_text(doc: Document) -> str:
    """A document's text as snippets show it: plain, on one line (the summary is shown apart).

    Items (list entries, fields, paragraphs, headings) that end without punctuation are joined
    with « · », so that « Temps de préparation entre pairs · Retour systématique » reads as two.
    """
    text = _HEADING_LINE.sub("\\1\n\n", doc.text)  # a heading is an item of its own
    items = [_SPACES.sub(" ", _MD_MARKS.sub("", item)).strip() for item in _ITEM.split(text)]
    text = ""
    for item in filter(None, items):
        text += (" " if not text or _ENDS_SENTENCE.search(text) else " · ") + item
    return text.strip()


def snippet_texts(documents: list[Document], memo: Memo | None = None) -> list[str]:
    """The second file of the index: each document's text, in the order of ``docs``.

    Apart from the index, so that the index (downloaded after every first page) does not grow:
    the browser fetches these texts when search is first used, and cuts a snippet around the
    first word that matches (recherche/extrait.js).
    """
    if memo is not None:
        return [memo.get((snippet_text, d.text), functools.partial(snippet_text, d)) for d in documents]
    return [snippet_text(d) for d in documents]


class _TextOf(HTMLParser):
    """Visible text of an HTML fragment (scripts, styles and permalink anchors left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # The page title (h1) is indexed in its own field.
        if tag in ("script", "style", "h1") or (tag == "a" and ("class", "headerlink") in attrs):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag in ("script", "style", "a", "h1"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def page_document(url: str, title: str, html: str) -> Document:
    """A hand-written page as a search result: its summary is its first sentences.

    ``title`` as MkDocs gives it: the generated pages' titles come escaped from their front matter
    (core/page.py), « Grille d&#x27;analyse » for « Grille d'analyse »; the result shows it as text.
    """
    title = html_module.unescape(title)
    text = html_text(html)
    summary = text[:200].rsplit(" ", 1)[0] + "…" if len(text) > 200 else text
    return Document(url, title, "Page", summary, "", text)


def site_documents(corpus: Corpus, pages: list[Document]) -> list[Document]:
    """What a site's search finds: every record, then the hand-written ``pages`` (sorted by URL)."""
    documents = [record_document(corpus, record, kind_label(record)) for record in corpus.all_records()]
    return documents + sorted(pages, key=lambda d: d.url)


def site_files(corpus: Corpus, pages: list[Document], documents: list[Document] | None = None,
               memo: Memo | None = None) -> dict[str, str]:
    """The files of a site's search, name -> JSON text: the index, its postings in shards, the texts.

    The texts file and the shards are named after their content, and the index names them: a
    browser that holds one version of the index in its cache never pairs it with the files of
    another build. Written in ASCII (accents as \\u escapes, 3 % larger): the browser decodes it
    into a one-byte string, 2-4 times faster than UTF-8 text with accents (40-100 ms at 2,000 records).
    ``documents``: ``site_documents(corpus, pages)`` when the caller has them already; ``memo``: the
    preview's (``core.memo``), which reuses the tokens and texts of documents the last build saw.
    """
    documents = site_documents(corpus, pages) if documents is None else documents
    texts = _json(snippet_texts(documents, memo))
    name = f"textes-{hashlib.sha256(texts.encode('ascii')).hexdigest()[:12]}.json"
    head, shards = split(payload(documents, Glossary.from_entries(corpus.glossary), name, memo))
    return {INDEX_FILE: _json(head), name: texts, **shards}


# --- postings in shards (format 6) -------------------------------------------------------------
# The postings are nine tenths of the index (at 2,000 records: 1,224 KiB gzip, the rest 91 KiB), and a
# query reads the postings of a few terms. The index file keeps everything else (documents, terms,
# glossary, stemmer, weights: 91 KiB gzip at 2,000 records) and names the shards: runs of consecutive terms
# (sorted, so a prefix falls in one or two of them) of about SHARD_SIZE characters of postings
# each. The browser fetches the index, then the shards the first query needs, then the others.
# 24,000 rather than 48,000 (issue 16, wt-first): the first query's one or two shards arrive in half
# the time over a slow link (~12 KiB gzip each, 24 KiB instead of 58 KiB for « participation des
# familles » at 2,000 records), for 0.3 % more bytes in all.
SHARD_SIZE = 24_000  # characters of postings (~14 KiB gzip): 88 shards at 2,000 records


def split(full: dict) -> tuple[dict, dict[str, str]]:
    """A ``payload()`` -> (the index file without postings, {shard file name: JSON text}).

    The index file gets ``"shards"``, [[first term's position, file name], ...] in term order, and
    ``"weights"``, the length of each term's postings (``write_numbers()``): correcting a slip
    picks the word found in the most documents before any shard has arrived.
    """
    postings = full["index"]["postings"]
    shards, files, start, size = [], {}, 0, 0
    for position, text in enumerate(postings):
        size += len(text)
        if size >= SHARD_SIZE or position == len(postings) - 1:
            body = _json(postings[start:position + 1])
            name = f"postings-{hashlib.sha256(body.encode('ascii')).hexdigest()[:12]}.json"
            shards.append([start, name])
            files[name] = body
            start, size = position + 1, 0
    index = {key: value for key, value in full["index"].items() if key != "postings"}
    index["weights"] = write_numbers([len(text) for text in postings])
    return {**full, "index": index, "shards": shards}, files


def join(files: dict[str, str]) -> dict:
    """The files of ``site_files()`` (name -> JSON text) -> the whole ``payload()``, postings in place."""
    head = json.loads(files[INDEX_FILE])
    postings = [text for _, name in head.pop("shards") for text in json.loads(files[name])]
    index = {key: value for key, value in head["index"].items() if key != "weights"}
    return {**head, "index": {**index, "postings": postings}}


def read_site(folder: str | Path) -> dict:
    """The whole ``payload()`` of a built site's ``search/`` folder (tests and scripts)."""
    folder = Path(folder)
    head = json.loads((folder / INDEX_FILE).read_text(encoding="ascii"))
    files = {name: (folder / name).read_text(encoding="ascii") for _, name in head["shards"]}
    return join({INDEX_FILE: (folder / INDEX_FILE).read_text(encoding="ascii"), **files})


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def site_payload(corpus: Corpus, pages: list[Document]) -> dict:
    """The index of a site, as a dict with every posting (tests and scripts)."""
    return join(site_files(corpus, pages))
