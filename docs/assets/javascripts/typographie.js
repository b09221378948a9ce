/* French typography for text that scripts write (ES module, no build step).
 *
 * Pages arrive typeset from the build (centre_mkdocs/typography.py). Scripts then write messages, counts,
 * search results, form errors: rather than each of them calling centre.typo(), one observer
 * typesets whatever text or human attribute appears or changes, before the browser paints it.
 * typo() is idempotent, so the observer's own changes come back unchanged and stop there.
 */
import * as centre from "./centre.js";

function observe() {
  // What classic scripts (the forms) wrote before this module ran.
  centre.typeset(document.body);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === "childList") mutation.addedNodes.forEach(centre.typeset);
      else if (mutation.type === "characterData") centre.typeset(mutation.target);
      else centre.typeset(mutation.target);
    }
  }).observe(document.body, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ["alt", "title", "aria-label", "aria-description", "placeholder"]
  });
}

centre.whenReady(observe);
