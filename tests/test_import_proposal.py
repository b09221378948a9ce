"""`make importer`: a proposal (link, saved mail, file) becomes a checked record on its own branch.

What arrives is untrusted: crafted links and files are refused with a French sentence, nothing
is written outside ``data/<collection>/``, an existing record is never overwritten unless the
proposal is a modification of it. Every shipped record round-trips: record -> link -> importer ->
the same data. No test pushes: the push command is tested as the command it would run.
"""

from __future__ import annotations

import base64
import email.message
import email.policy
import io
import json
import os
import shutil
import subprocess
import sys
import zlib

import pytest
from conftest import FIXTURES, ROOT

from core import proposal as proposals
from core.corpus import load
from core.team import Team

sys.path.insert(0, str(ROOT / "scripts"))
import import_proposal  # noqa: E402

FORM = "https://centre.example/proposer/pratique/"
RECORD = {
    "titre": "Atelier des parents du mercredi",
    "resume": "Des parents se retrouvent chaque mercredi pour parler de l'école et monter leurs projets.",
    "axe": "faire-avec",
    "thematiques": ["parentalite"],
    "publics": ["familles"],
    "niveau_participation": "co-construction",
    "date_maj": "2026-11-20",
    "territoires": ["venissieux"],
    "format": "collectif",
    "statut": "en-cours",
    "porteurs": ["Maison de la Métropole de Vénissieux"],
    "contexte": "Des parents disaient se sentir **seuls** face à l'école.\n\nIls ont proposé de se réunir.",
    "objectifs": ["Rompre l'isolement", "Ouvrir l'école aux parents"],
    "deroulement": "1. Une rencontre ouverte.\n2. Des rencontres chaque mercredi.",
}
GIT_ENV = {"GIT_AUTHOR_NAME": "Équipe", "GIT_AUTHOR_EMAIL": "equipe@exemple.fr", "GIT_COMMITTER_NAME": "Équipe",
           "GIT_COMMITTER_EMAIL": "equipe@exemple.fr"}


def link(value, form=FORM) -> str:
    return f"{form}#{proposals.encode(value)}"


def proposal(**changes) -> dict:
    value = {"proposition": 1, "collection": "pratiques", "id": "atelier-des-parents-du-mercredi",
             "contenu": dict(RECORD), "auteur": "Claire, centre social", "envoi": True}
    value.update(changes)
    return value


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git checkout holding the fixture data (the importer's checks run on its corpus)."""
    root = tmp_path / "depot"
    (root / "data").parent.mkdir(parents=True)
    shutil.copytree(FIXTURES / "site" / "data", root / "data")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FORGE_TYPE", raising=False)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "Départ"], check=True)
    return root


def run(source, root, **options):
    out, err = io.StringIO(), io.StringIO()
    code = import_proposal.run(source, root, out=out, err=err, **options)
    return code, out.getvalue(), err.getvalue()


def git(root, *args) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_link_becomes_one_commit_on_its_branch(repo):
    code, out, err = run(link(proposal()), repo)
    assert code == 0, out + err
    target = repo / "data" / "pratiques" / "atelier-des-parents-du-mercredi.yml"
    assert load(repo).records["pratiques"]["atelier-des-parents-du-mercredi"].data["titre"] == RECORD["titre"]
    assert git(repo, "branch", "--show-current").strip() == "proposition/atelier-des-parents-du-mercredi"
    assert git(repo, "rev-list", "--count", "main..HEAD").strip() == "1"
    assert git(repo, "diff", "--name-status", "main..HEAD").split() == ["A", "data/pratiques/atelier-des-parents-du-mercredi.yml"]
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Proposition : Atelier des parents du mercredi")
    assert "Proposé par Claire, centre social" in message
    assert "git push -u origin proposition/atelier-des-parents-du-mercredi" in out
    assert target.read_text(encoding="utf-8").splitlines()[1:4] == [
        "titre: Atelier des parents du mercredi",
        "resume: Des parents se retrouvent chaque mercredi pour parler de l'école et monter leurs projets.",
        "axe: faire-avec"]
    # Imported twice: the branch exists, nothing is redone.
    assert run(link(proposal()), repo)[0] == 1


def test_file_is_formatted_like_the_templates_keys_in_schema_order(repo):
    shuffled = dict(reversed(list(RECORD.items())))
    code, _, err = run(link(proposal(contenu=shuffled)), repo, use_git=False)
    assert code == 0, err
    text = (repo / "data/pratiques/atelier-des-parents-du-mercredi.yml").read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == list(RECORD)  # RECORD is written in schema order
    assert "contexte: |\n  Des parents disaient se sentir **seuls** face à l'école.\n\n  Ils ont proposé" in text
    assert "objectifs:\n  - Rompre l'isolement\n  - Ouvrir l'école aux parents\n" in text


def test_problems_are_printed_as_path_line_key_message(repo, capsys):
    code, _, err = run(link(proposal(contenu=dict(RECORD, axe="nimporte-quoi"))), repo)
    assert code == 1
    assert "data/pratiques/atelier-des-parents-du-mercredi.yml:4: axe: « nimporte-quoi »" in capsys.readouterr().err
    phone = dict(RECORD, contexte="Appelez Mme Dupont au 06 12 34 56 78.")
    code, _, err = run(link(proposal(contenu=phone, id="atelier-du-telephone")), repo)
    assert code == 1
    assert ("data/pratiques/atelier-du-telephone.yml:18: contexte: numéro de téléphone « 06 12 34 56 78 »"
            in capsys.readouterr().err)
    assert "n'est pas publiable" in err
    assert git(repo, "branch", "--show-current").strip() == "main"  # no branch for a file that fails


def test_existing_record_is_never_overwritten_by_a_new_proposal(repo):
    before = (repo / "data/pratiques/atelier-parents.yml").read_bytes()
    code, _, err = run(link(proposal(id="atelier-parents")), repo)
    assert code == 1 and "existe déjà" in err
    assert (repo / "data/pratiques/atelier-parents.yml").read_bytes() == before


def test_modification_prints_the_difference_then_changes_only_that_file(repo):
    record = load(repo).records["pratiques"]["atelier-parents"]
    changed = proposals.json_record(record.data)
    changed["resume"] = changed["resume"] + " Les parents choisissent les thèmes."
    value = proposals.modification_of(record).payload() | {"contenu": changed, "auteur": "Karim"}
    code, out, err = run(link(value), repo)
    assert code == 0, out + err
    assert "Modification proposée de data/pratiques/atelier-parents.yml" in out
    assert "+resume: " in out and "Les parents choisissent les thèmes." in out
    assert git(repo, "diff", "--name-status", "main..HEAD").split() == ["M", "data/pratiques/atelier-parents.yml"]
    assert git(repo, "log", "-1", "--format=%s") .startswith("Modification proposée : ")
    # A modification of a record that is not there is refused.
    assert run(link(value | {"id": "absente"}), repo, use_git=False)[0] == 1


@pytest.mark.parametrize("crafted, expected", [
    (proposal(id="../../../etc/passwd"), "n'est pas un nom de fichier accepté"),
    (proposal(id="..%2F..%2Fhooks"), "n'est pas un nom de fichier accepté"),
    (proposal(id="a" * 81), "n'est pas un nom de fichier accepté"),
    (proposal(collection="../hooks"), "type de ressource inconnu"),
    (proposal(proposition=2), "n'est pas une proposition"),
    ({"plan": 1, "phases": []}, "n'est pas une proposition"),
    ([1, 2, 3], "n'est pas une proposition"),
    (proposal(contenu="du texte"), "ne contient pas de fiche"),
    (proposal(auteur="x" * 500), "120 caractères au plus"),
])
def test_crafted_proposals_are_refused(repo, crafted, expected):
    code, out, err = run(link(crafted), repo)
    assert code == 1 and expected in err, err
    assert git(repo, "status", "--porcelain") == ""  # nothing written anywhere


def test_damaged_oversized_and_foreign_links_are_refused(repo):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = compressor.compress(b"[" + b" " * (2 * 1024 * 1024) + b"]") + compressor.flush()  # 2 MiB of JSON, 2 KB of link
    token = base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    assert len(token) < 10_000
    cases = {
        f"{FORM}#proposition={token}": "trop de données",
        f"{FORM}#proposition={'A' * (proposals.MAX_TOKEN + 10)}": "trop long",
        f"{FORM}#proposition=": "incomplet",
        f"{FORM}#proposition=@@@": "incomplet",
        f"{FORM}#proposition={link(proposal()).split('=', 1)[1][:40]}": "incomplet",
        f"{FORM}#plan=abc": "aucun lien de proposition",
        f"{FORM}#proposition0={base64.urlsafe_b64encode(b'not json').decode()}": "pas une proposition lisible",
    }
    for source, expected in cases.items():
        code, _, err = run(source, repo)
        assert code == 1 and expected in err, (source[:80], err)
    assert git(repo, "status", "--porcelain") == ""


def test_hostile_markup_is_kept_as_text_and_checked(repo):
    hostile = dict(RECORD, titre='<script>alert(1)</script> Atelier', resume='"quoted" \\ &amp; {{ jinja }} key: value # no comment')
    code, out, err = run(link(proposal(contenu=hostile, id="atelier-hostile", auteur="<b>Claire</b>\nrm -rf /")), repo,
                         use_git=False)
    data = load(repo).records["pratiques"]["atelier-hostile"].data
    assert code == 0, err
    assert data["titre"] == hostile["titre"] and data["resume"] == hostile["resume"]
    text = (repo / "data/pratiques/atelier-hostile.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# Proposé par <b>Claire</b> rm -rf / avec le formulaire du centre de ressources ; vérifié par make validate."


def test_oversized_files_are_refused_before_reading(repo, tmp_path):
    big = tmp_path / "gros.eml"
    big.write_bytes(b"x" * (import_proposal.MAX_MAIL + 1))
    code, _, err = run(str(big), repo)
    assert code == 1 and "trop gros" in err
    yml = tmp_path / "gros.yml"
    yml.write_bytes(b"titre: x\n" * 40_000)
    code, _, err = run(str(yml), repo)
    assert code == 1 and "trop gros" in err


def forwarded_mail(link_text: str) -> bytes:
    """A mail forwarded by the team's client: quoted with « > », wrapped at 76 columns by quoted-printable."""
    body = "\n".join(["Bonjour,", "", "je vous transfère ce message reçu ce matin.", "",
                      "-------- Message transféré --------", "Sujet : Proposition de pratique : Atelier", ""]
                     + ["> " + line for line in ["Bonjour,", "", "Je propose une pratique.", "",
                                                 "Pour ouvrir la proposition, cliquez sur ce lien :", "",
                                                 link_text, "", "Merci."]])
    message = email.message.EmailMessage(policy=email.policy.SMTP)
    message["From"] = "equipe@exemple.fr"
    message["To"] = "centre@exemple.fr"
    message["Subject"] = "Tr: Proposition de pratique : Atelier des parents du mercredi"
    message.set_content(body, cte="quoted-printable")
    return bytes(message)


def test_forwarded_quoted_printable_mail(repo, tmp_path):
    raw = forwarded_mail(link(proposal()))
    assert b"=\r\n" in raw or b"=\n" in raw  # the link is cut by soft line breaks
    path = tmp_path / "message.eml"
    path.write_bytes(raw)
    code, out, err = run(str(path), repo)
    assert code == 0, out + err
    assert load(repo).records["pratiques"]["atelier-des-parents-du-mercredi"].data["objectifs"] == RECORD["objectifs"]


def test_link_wrapped_and_quoted_in_a_plain_text_reply(repo, tmp_path):
    text = link(proposal())
    wrapped = "\n".join("> > " + text[i:i + 70] for i in range(0, len(text), 70))
    path = tmp_path / "reponse.txt"
    path.write_text(f"Voici :\n\n{wrapped}\n\n> > Merci.\n", encoding="utf-8")
    assert run(str(path), repo, use_git=False)[0] == 0


def test_downloaded_file_is_imported_from_its_folder_or_guessed(repo, tmp_path):
    from core.proposal import Proposal, to_yaml

    path = tmp_path / "atelier-des-parents-du-mercredi.yml"
    path.write_text(to_yaml(Proposal("pratiques", path.stem, RECORD)), encoding="utf-8")
    code, out, err = run(str(path), repo)
    assert code == 0, out + err
    assert "proposition/atelier-des-parents-du-mercredi" in git(repo, "branch", "--show-current")


def test_push_command_opens_the_merge_request_on_gitlab_only(monkeypatch):
    monkeypatch.delenv("FORGE_TYPE", raising=False)
    command = import_proposal.push_command("proposition/x", "Proposition : X", "origin",
                                           "git@gitlab.example:metropole/centre.git")
    assert command == ["git", "push", "-u", "origin", "proposition/x", "-o", "merge_request.create",
                       "-o", "merge_request.target=main", "-o", "merge_request.title=Proposition : X",
                       "-o", "merge_request.remove_source_branch"]
    assert import_proposal.push_command("proposition/x", "T", "origin", "git@github.com:m/c.git") == \
        ["git", "push", "-u", "origin", "proposition/x"]


def test_pousser_runs_that_command_and_nothing_else(repo, monkeypatch):
    git(repo, "remote", "add", "origin", "https://gitlab.example/metropole/centre.git")
    ran, real_run = [], subprocess.run

    def fake_run(command, **kw):  # every git command runs, except the push: recorded instead
        if command[:2] == ["git", "push"]:
            ran.append(command)
            return subprocess.CompletedProcess(command, 0)
        return real_run(command, **kw)

    monkeypatch.setattr(import_proposal.subprocess, "run", fake_run)
    code, out, err = run(link(proposal()), repo, push=True)
    assert code == 0, err
    assert ran == [import_proposal.push_command("proposition/atelier-des-parents-du-mercredi",
                                                "Proposition : Atelier des parents du mercredi", "origin",
                                                "https://gitlab.example/metropole/centre.git")]


def test_make_importer_target(repo):
    result = subprocess.run(["make", "-n", "importer", f"SOURCE={link(proposal())}", "POUSSER=oui"], cwd=ROOT,
                            capture_output=True, text=True)
    assert "scripts/import_proposal.py '" + FORM + "#proposition=" in result.stdout
    assert "--pousser oui" in result.stdout


def test_every_shipped_record_round_trips(tmp_path):
    """record -> link (as its page offers « Proposer une modification ») -> importer -> the same data."""
    root = tmp_path / "depot"
    shutil.copytree(ROOT / "data", root / "data")
    corpus = load(root)
    longest = 0
    for record in corpus.all_records():
        href = FORM.replace("pratique", record.collection) + "#" + proposals.encode(proposals.modification_of(record).payload())
        longest = max(longest, len(href))
        code, out, err = run(href, root, use_git=False)
        assert code == 0, (record.path, err)
    again = load(root)
    for record in corpus.all_records():
        assert again.records[record.collection][record.id].data == record.data, record.path
    assert longest < 16_000  # measured: see the report of issue 23 and docs-dev/contribution.md


def test_team_settings_are_checked():
    assert Team.from_settings({"courriel": " centre@exemple.fr ", "nom": ""}) == Team("centre@exemple.fr")
    assert Team.from_settings({"courriel": "", "nom": "Équipe"}) is None
    for bad in ("centre", "a@b", "x@exemple.fr?cc=autre@exemple.fr", "x@exemple.fr, y@exemple.fr", "x y@exemple.fr"):
        with pytest.raises(ValueError, match="n'est pas une adresse électronique"):
            Team.from_settings({"courriel": bad})


def test_json_is_what_the_browser_decodes():
    value = proposal()
    token = proposals.encode(value).split("=", 1)[1]
    assert json.loads(zlib.decompress(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)), -15)) == value
    assert os.path.basename(import_proposal.__file__) == "import_proposal.py"
