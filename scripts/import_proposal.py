#!/usr/bin/env python3
"""Turn a proposal received by the editorial team into a checked record file on its own branch.

    make importer SOURCE='https://…/proposer/pratique/#proposition=…'   # the link of the mail
    make importer SOURCE=message.eml                                    # the saved mail (forwarded too)
    make importer SOURCE=atelier.yml                                    # a file downloaded from a form
    make importer SOURCE=… POUSSER=oui                                  # and push it (GitLab: opens the merge request)

It decodes the proposal (core/proposal.py: sizes capped, shape and id checked), writes
``data/<collection>/<id>.yml`` (never over an existing record, unless the proposal is a
modification of it: the difference is printed first), runs the checks of ``make validate`` and
prints each problem as ``path:line: key: message``. In a git checkout, a valid file becomes one
commit on a new branch ``proposition/<id>``, crediting the contributor; the push command is printed
(or run with POUSSER=oui).
"""

from __future__ import annotations

import argparse
import difflib
import email
import email.policy
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO, cast

from core import proposal as proposals
from core import reader
from core.problems import DataError
from core.schema import COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent

MAX_MAIL = 10 * 1024 * 1024  # a saved mail, attachments included
MAX_FILE = reader.MAX_BYTES


class ImportError_(Exception):
    """A French message for the team; the import stops."""


def _mail_texts(raw: bytes) -> Iterator[str]:
    """Every text part of a mail, decoded (quoted-printable, base64), forwarded mails included."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                yield part.get_content()
            except (LookupError, ValueError):
                payload = cast(bytes, part.get_payload(decode=True) or b"")  # a text part is not multipart
                yield payload.decode("utf-8", "replace")


def from_mail(path: Path) -> proposals.Proposal:
    raw = _read(path, MAX_MAIL)
    errors: list[str] = []
    for text in _mail_texts(raw):
        try:
            return proposals.decode(text)
        except proposals.ProposalError as error:
            errors.append(str(error))
    found = [e for e in errors if not e.startswith("aucun lien")]
    raise proposals.ProposalError(found[0] if found else "aucun lien de proposition (« #proposition= ») "
                                  "n'a été trouvé dans ce message")


def from_file(path: Path, collection: str | None, modification: bool) -> proposals.Proposal:
    """A record file downloaded from a form: its collection is given, or its folder's, or guessed."""
    text = reader.read_text(path.name, _read(path, MAX_FILE))
    try:
        document = reader.parse(path.name, text)
    except DataError as error:
        raise ImportError_(error.report()) from None
    if not isinstance(document.value, dict):
        raise proposals.ProposalError(f"{path.name} ne contient pas une fiche (une suite de « clé: valeur »)")
    collection = collection or (path.parent.name if path.parent.name in COLLECTIONS else None)
    if collection is None:
        keys = set(document.value)
        scores = {name: len(keys & set(schema.fields)) - len(keys - set(schema.fields))
                  for name, schema in COLLECTIONS.items()}
        collection = max(scores, key=lambda name: scores[name])
    record = proposals.json_record(document.value)
    return proposals.from_value({"proposition": proposals.VERSION, "collection": collection, "id": path.stem,
                                 "contenu": record, "modification": modification})


def _read(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise ImportError_(f"{path.name} : fichier trop gros ({size // 1024} Kio, {limit // 1024} Kio au plus)")
    return path.read_bytes()


def read_source(source: str, collection: str | None = None, modification: bool = False) -> proposals.Proposal:
    path = Path(source)
    if len(source) < 4096 and path.is_file():
        if path.suffix.lower() == ".eml":
            return from_mail(path)
        if path.suffix.lower() in (".yml", ".yaml"):
            return from_file(path, collection, modification)
        text = _read(path, MAX_MAIL).decode("utf-8", "replace")
        return proposals.decode(text)
    return proposals.decode(source)


def target_of(root: Path, proposal: proposals.Proposal) -> Path:
    """Where the record goes, refused if it would land anywhere but ``data/<collection>/``."""
    folder = (root / "data" / proposal.collection).resolve()
    target = (folder / f"{proposal.id}.yml").resolve()
    if target.parent != folder:
        raise ImportError_(f"« {proposal.id} » n'est pas un nom de fichier accepté")
    return target


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=check)


def is_git(root: Path) -> bool:
    try:
        result = git(root, "rev-parse", "--show-toplevel", check=False)
    except FileNotFoundError:
        return False
    return result.returncode == 0 and Path(result.stdout.strip()).resolve() == root.resolve()


def push_command(branch: str, title: str, remote: str, remote_url: str, target: str = "main") -> list[str]:
    """The push of the proposal's branch; on GitLab with the options that open the merge request."""
    command = ["git", "push", "-u", remote, branch]
    if "gitlab" in remote_url.lower() or os.environ.get("FORGE_TYPE", "").lower() == "gitlab":
        command += ["-o", "merge_request.create", "-o", f"merge_request.target={target}",
                    "-o", f"merge_request.title={title}", "-o", "merge_request.remove_source_branch"]
    return command


def commit_message(proposal: proposals.Proposal, title: str) -> str:
    verb = "Modification proposée" if proposal.modification else "Proposition"
    who = proposal.author or "une personne sans nom indiqué"
    return (f"{verb} : {title}\n\nProposé par {who} avec le formulaire « Envoyer à l'équipe du centre ».\n"
            f"Fichier : {proposal.path}\n")


def run(source: str, root: Path = ROOT, *, collection: str | None = None, modification: bool = False,
        push: bool = False, use_git: bool = True, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    try:
        proposal = read_source(source, collection, modification)
        target = target_of(root, proposal)
    except (proposals.ProposalError, ImportError_) as error:
        print(f"Proposition refusée : {error}", file=err)
        return 1
    content = proposals.to_yaml(proposal)
    rel = target.relative_to(root.resolve()).as_posix()
    title = str(proposal.record.get("titre") or proposal.id)
    branch = f"proposition/{proposal.id}"
    git_ok = use_git and is_git(root)
    if git_ok and git(root, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False).returncode == 0:
        print(f"La branche {branch} existe déjà : cette proposition a sans doute déjà été importée "
              f"(git branch -D {branch} pour recommencer).", file=err)
        return 1
    if target.exists():
        if not proposal.modification:
            print(f"{rel} existe déjà : la proposition « {title} » n'est pas une modification de cette fiche, "
                  "elle n'est pas écrite. Donnez-lui un autre nom de fichier dans le formulaire.", file=err)
            return 1
        old = target.read_text(encoding="utf-8")
        diff = "".join(difflib.unified_diff(old.splitlines(True), content.splitlines(True), f"a/{rel}", f"b/{rel}"))
        print(f"Modification proposée de {rel} :", file=out)
        print(diff or "(aucune différence)", file=out)
    elif proposal.modification:
        print(f"{rel} n'existe pas : cette modification porte sur une fiche absente de ce dépôt.", file=err)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    print(f"Écrit : {rel}" + (f" (proposé par {proposal.author})" if proposal.author else ""), file=out)

    import validate  # scripts/validate.py: the checks of make validate, problems as path:line: key: message
    if validate.main([str(target), "--racine", str(root)]) != 0:
        print(f"{rel} n'est pas publiable en l'état : corrigez les points ci-dessus (dans le fichier, ou en "
              "rouvrant le lien dans le formulaire), puis relancez l'import.", file=err)
        return 1
    if not git_ok:
        return 0
    git(root, "switch", "-c", branch)
    git(root, "add", "--", rel)
    git(root, "commit", "--quiet", "-m", commit_message(proposal, title), "--", rel)
    remote = os.environ.get("REMOTE", "origin")
    remote_url = git(root, "remote", "get-url", remote, check=False).stdout.strip()
    command = push_command(branch, f"Proposition : {title}", remote, remote_url, os.environ.get("BRANCHE_CIBLE", "main"))
    print(f"Branche {branch} créée avec un commit ({rel}).", file=out)
    if push and remote_url:
        result = subprocess.run(command, cwd=root)
        return result.returncode
    print("Pour l'envoyer : " + " ".join(_shell(part) for part in command), file=out)
    print("Pour revenir à votre branche : git switch -", file=out)
    return 0


def _shell(part: str) -> str:
    return part if all(c.isalnum() or c in "-_./=:" for c in part) else "'" + part.replace("'", "'\\''") + "'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Importe une proposition reçue (lien, message .eml ou fichier .yml).")
    parser.add_argument("source", help="le lien reçu, un message enregistré (.eml) ou un fichier .yml")
    parser.add_argument("--collection", choices=list(COLLECTIONS), help="pour un fichier .yml hors de son dossier")
    parser.add_argument("--modification", action="store_true", help="un fichier .yml qui modifie une fiche existante")
    parser.add_argument("--pousser", default="", help="« oui » : pousser la branche (GitLab : ouvre la demande de fusion)")
    parser.add_argument("--racine", default=str(ROOT), help="dossier qui contient data/ (par défaut : le dépôt)")
    parser.add_argument("--sans-git", action="store_true", help="écrire et vérifier le fichier, sans branche")
    args = parser.parse_args(argv)
    if not args.source.strip():
        parser.error("indiquez SOURCE=<lien, fichier .eml ou .yml>")
    return run(args.source.strip(), Path(args.racine).resolve(), collection=args.collection,
               modification=args.modification, push=args.pousser.strip().lower() == "oui", use_git=not args.sans_git)


if __name__ == "__main__":
    sys.exit(main())
