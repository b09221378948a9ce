"""The editorial team that receives the proposals (« Envoyer à l'équipe du centre »).

Set in ``mkdocs.yml`` (``extra.equipe``: ``nom``, ``courriel``), or with ``EQUIPE_NOM`` and
``EQUIPE_COURRIEL`` in the environment, like the forge address (``core/forge.py``). Without an
address the forms say plainly that the site has no contact configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One address, no display name, no list, nothing a mailto: link could be tricked with (?, &, %, spaces).
EMAIL_RE = re.compile(r"[A-Za-z0-9._+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}")
NAME_MAX = 120


@dataclass(frozen=True)
class Team:
    email: str
    name: str = "l'équipe du centre de ressources"

    @classmethod
    def from_settings(cls, settings: dict | None) -> Team | None:
        """From ``extra.equipe`` (``nom``, ``courriel``); None without an address; ValueError (French) if invalid."""
        settings = settings or {}
        email = str(settings.get("courriel") or "").strip()
        name = " ".join(str(settings.get("nom") or "").split())
        if not email:
            return None
        if not EMAIL_RE.fullmatch(email):
            raise ValueError(f"« {email} » n'est pas une adresse électronique (extra.equipe.courriel, "
                             "EQUIPE_COURRIEL) : écrivez une seule adresse, comme centre@exemple.fr")
        if len(name) > NAME_MAX or any(c in name for c in "<>\"\\"):
            raise ValueError(f"le nom de l'équipe (extra.equipe.nom, EQUIPE_NOM) doit tenir en {NAME_MAX} "
                             "caractères, sans < > \" ni \\")
        return cls(email, name or cls.name)

    def settings(self) -> dict:
        return {"nom": self.name, "courriel": self.email}
