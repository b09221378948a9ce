/* Search of the resource centre (entry module): French-aware, on an index built at build time
 * (core/search.py). No build step: the browser loads these ES modules as they are.
 *
 *   recherche/normaliser.js  text -> tokens: fold, words, stem (rules from the index file)
 *   recherche/index.js       download of the index and lunr.js, compact postings, lunr stand-ins
 *   recherche/requete.js     a query as typed -> lunr clauses -> results, records first
 *   recherche/correction.js  one typing slip forgiven: a word one edit away, « Résultats pour … »
 *   recherche/extrait.js     what a result shows of why it was found: marked words, snippets
 *   recherche/moteur.js      the page's engine: loads the index once, practises, warms up, searches
 *   recherche/boite.js       the header box
 *   centre.js                what the site's scripts share (site root, plurals, event names)
 *
 * Every module is imported here, even those the others import anyway: the browser then finds
 * them all in this one file and fetches them in parallel, instead of one level of imports after
 * the other. Imports are relative, so the site works under any sub-path.
 */

import * as centre from "./centre.js";
import {setUp} from "./recherche/boite.js";
import {expand} from "./recherche/index.js";
import * as moteur from "./recherche/moteur.js";
import {fold, normalise, stem, words} from "./recherche/normaliser.js";
import "./recherche/correction.js";
import "./recherche/extrait.js";
import "./recherche/requete.js";

/* The one public entry point, for pages' own scripts and for tests (the site's modules import
   recherche/moteur.js instead):
     load()               promise of the index (downloaded and decoded once)
     search(query)        {results: [{url, title, kind, summary, id, doc, score}], highlight, terms,
                          corrections: [{typed, word, term, prefix}]}
                          once loaded; records first
     shown(found)         {highlighted(text), extract(result, size)} for found = search(query)
     said(found, query)   the query in words of the corpus when a word was corrected, else null
     textsReady()         promise of the texts snippets are cut from (fetched after the index)
     highlighted(text, found), index(), expand(compact), root,
     fold(), words(), stem(), normalise()   the normaliser (stem() and stop words once loaded) */
window.centreRecherche = Object.freeze({
  load: moteur.load, search: moteur.search, shown: moteur.shown, textsReady: moteur.textsReady,
  highlighted: moteur.highlighted, index: moteur.index, said: moteur.said,
  expand, root: centre.root, fold, words, stem, normalise
});

/* Material's script (its language switcher) downloads `sitemap.xml` next to the address of every
   <link rel="alternate"> when the page is parsed: for the Atom feed's link (core/feed.py), a
   download of the whole site map (380 KB at 2,000 records, sent uncompressed by many servers) on
   every first visit, for nothing (the centre has one language), on the line just when a search
   typed at once fetches its postings. The feed's link has no `rel` for that moment only: the
   page's HTML (what feed readers read) is unchanged, and the link is whole again right after
   Material's handler of DOMContentLoaded (registered before this module runs, so it runs first). */
function shieldFeedFromSitemap() {
  if (document.readyState !== "loading" && document.readyState !== "interactive") return;
  const feeds = Array.from(document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]'));
  if (!feeds.length) return;
  for (const link of feeds) link.removeAttribute("rel");
  document.addEventListener("DOMContentLoaded", () => {
    for (const link of feeds) link.setAttribute("rel", "alternate");
  }, {once: true});
}

shieldFeedFromSitemap();
moteur.prefetchAfterLoad();
centre.whenReady(() => {
  const box = document.querySelector(".centre-recherche");
  if (box) setUp(box);
});
