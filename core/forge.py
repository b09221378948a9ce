"""Addresses on the forge (GitLab or GitHub) where the repository lives: edit, read, propose a file.

The only place that knows how each forge spells its URLs. Record pages and hand-written pages
get their "modifier cette page" link from :meth:`Forge.edit_url`, the macros from
:meth:`Forge.file_url`, and the "Proposer" forms receive :meth:`Forge.new_file_template`, which
``proposer.js`` fills in the browser (it never builds a forge URL itself).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

TYPES = ("gitlab", "github")
# Placeholders of new_file_template(), replaced by URL-encoded values.
FILE, CONTENT, TITLE = "{fichier}", "{contenu}", "{titre}"


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="")


@dataclass(frozen=True)
class Forge:
    url: str  # the repository's page, e.g. https://gitlab.example/metropole/centre
    type: str = "gitlab"
    branch: str = "main"

    @classmethod
    def from_settings(cls, settings: dict | None) -> Forge | None:
        """From ``extra.forge`` of mkdocs.yml (``type``, ``url``, ``branch``); None without a URL."""
        settings = settings or {}
        url = str(settings.get("url") or "").rstrip("/")
        if not url:
            return None
        kind = str(settings.get("type") or "gitlab").strip().lower()
        if kind not in TYPES:
            raise ValueError(f"forge « {kind} » inconnue : indiquez gitlab ou github (extra.forge.type, FORGE_TYPE)")
        return cls(url, kind, str(settings.get("branch") or "main"))

    @property
    def _branch(self) -> str:
        return "/".join(_quote(part) for part in self.branch.split("/"))

    def _path(self, verb: str, path: str) -> str:
        path = "/".join(_quote(part) for part in path.split("/"))
        middle = "" if self.type == "github" else "/-"
        return f"{self.url}{middle}/{verb}/{self._branch}/{path}"

    def edit_url(self, path: str) -> str:
        """The forge's editor for a file of the repository (``data/fiches/x.yml``)."""
        return self._path("edit", path)

    def file_url(self, path: str) -> str:
        """The forge's page showing a file of the repository."""
        return self._path("blob", path)

    def new_file_template(self, folder: str) -> str:
        """The forge's new-file page in ``folder``, prefilled, with {fichier}, {contenu} and {titre} to fill."""
        if self.type == "github":
            return f"{self.url}/new/{self._branch}?filename={_quote(folder + '/')}{FILE}&value={CONTENT}"
        return (f"{self.url}/-/new/{self._branch}/{folder}?file_name={FILE}&content={CONTENT}"
                f"&commit_message={_quote('Proposition : ')}{TITLE}")

    def new_file_url(self, folder: str, name: str, content: str, title: str) -> str:
        """:meth:`new_file_template` filled in, as the browser does it."""
        return (self.new_file_template(folder).replace(FILE, _quote(name)).replace(CONTENT, _quote(content))
                .replace(TITLE, _quote(title)))

    def settings(self) -> dict:
        return {"type": self.type, "url": self.url, "branch": self.branch}
