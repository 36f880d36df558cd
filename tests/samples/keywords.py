"""Vacancy keywords as applicants write them: spelling variants, French aliases, typos and near-miss distractors.

``variant`` turns a criterion keyword into a surface form a reviewer would still count (hyphens, "&", plurals,
capitals, a transposed letter); ``DISTRACTORS`` are phrases that share words with typical criteria but mean
something else and must not count; ``mentioned`` scans rendered text for exact (normalised) keyword hits.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence

from jpo_tui.core.vacancy import CriterionSpec

_FRENCH_HINT = re.compile(
    r"[àâçéèêëîïôûùœ]|\b(de|des|du|la|le|les|et|en|l'|d'|sur|soutien|suivi|gestion|analyse|droits?|enfants?|genre)\b",
    re.IGNORECASE,
)
_STOP = {"de", "des", "du", "la", "le", "les", "et", "and", "of", "the", "sur", "en", "for"}
_UNCOUNTABLE = {"management", "protection", "violence", "equality", "coordination", "information", "monitoring",
                "mainstreaming", "support", "cooperation", "development", "health", "security", "nutrition", "evaluation",
                "analysis", "rights"}


def norm(text: str) -> str:
    """Accents stripped, case folded, hyphens/apostrophes/& unified, spaces collapsed."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = s.casefold().replace("&", " and ").replace("\u2019", "'")
    s = re.sub(r"[-/_]", " ", s)
    return " ".join(s.split())


def is_french(keyword: str) -> bool:
    """Rough guess whether a keyword is French (accents or French function words)."""
    return bool(_FRENCH_HINT.search(keyword))


def is_acronym(keyword: str) -> bool:
    """Short upper-case keywords such as "M&E" or "GBV"."""
    return len(keyword) <= 6 and keyword.upper() == keyword


def split_keywords(criterion: CriterionSpec) -> tuple[list[str], list[str]]:
    """(English, French) spelled-out keywords of a criterion; either falls back to the other, then to acronyms."""
    words = [k for k in criterion.keywords if not is_acronym(k)]
    fr = [k for k in words if is_french(k)]
    en = [k for k in words if not is_french(k)]
    acr = [k for k in criterion.keywords if is_acronym(k)]
    return en or fr or acr, fr or en or acr


def _capwords(text: str) -> str:
    return re.sub(r"(^|[\s-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def variant(keyword: str, rng: random.Random, *, allow_typo: bool = True) -> tuple[str, str]:
    """A surface form of ``keyword`` and the name of the change applied ("exact", "hyphen", "amp", ...)."""
    words = keyword.split()
    if is_acronym(keyword):
        return (keyword.replace("&", " & "), "spaced") if "&" in keyword and rng.random() < 0.25 else (keyword, "exact")
    french = is_french(keyword)
    choices = ["exact", "exact", "exact", "case"]
    if len(words) == 2 and "-" not in keyword and all(w.isalpha() and w.lower() not in _STOP for w in words):
        choices.append("hyphen")
    if "-" in keyword:
        choices.append("dehyphen")
    if " and " in keyword or " et " in keyword:
        choices += ["amp", "amp"]
    last = words[-1].lower() if words else ""
    if len(words) >= 2 and last.isalpha() and last not in _UNCOUNTABLE and not last.endswith("s") and not french:
        choices.append("plural")
    if "'" in keyword:
        choices.append("curly")
    longest = max(words, key=len) if words else ""
    if allow_typo and len(longest) >= 8 and longest.isalpha():
        choices.append("typo")
    kind = rng.choice(choices)
    if kind == "case":
        titled = _capwords(keyword) if not french and rng.random() < 0.5 else keyword[:1].upper() + keyword[1:]
        return titled, kind
    if kind == "hyphen":
        return "-".join(words), kind
    if kind == "dehyphen":
        return keyword.replace("-", " "), kind
    if kind == "amp":
        return keyword.replace(" and ", " & ").replace(" et ", " & "), kind
    if kind == "plural":
        plural = last[:-2] + "es" if last.endswith("is") else (last[:-1] + "ies" if last.endswith("y") else last + "s")
        return " ".join(words[:-1] + [plural]), kind
    if kind == "curly":
        return keyword.replace("'", "\u2019"), kind
    if kind == "typo":
        return keyword.replace(longest, _typo(longest, rng), 1), kind
    return keyword, "exact"


# (English, French) sentences that share words with common criteria but are about something else.
DISTRACTORS: tuple[tuple[str, str], ...] = (
    ("Ensured network monitoring and server maintenance for the regional office.",
     "Surveillance du réseau informatique (network monitoring) et maintenance des serveurs du bureau régional."),
    ("Advised private clients on general equity funds and portfolio allocation.",
     "Conseil aux clients privés sur les fonds general equity et l'allocation de portefeuille."),
    ("Followed up the installation of gender-neutral toilets in the new campus building.",
     "Suivi de l'installation de toilettes non genrées (gender-neutral toilets) dans le nouveau bâtiment du campus."),
    ("Carried out bicycle maintenance and repairs for the university cycling club.",
     "Entretien et réparation de vélos (bicycle maintenance) pour le club cycliste universitaire."),
    ("Implemented data protection (GDPR) procedures for the human resources department.",
     "Mise en œuvre des procédures de protection des données (RGPD) pour le service des ressources humaines."),
    ("Kept the fire protection equipment register of the building up to date.",
     "Tenue du registre des équipements de protection incendie du bâtiment."),
    ("Wrote case studies on microfinance for the faculty newsletter.",
     "Rédaction d'études de cas sur la microfinance pour le bulletin de la faculté."),
    ("Tested emergency lighting and evacuation signage twice a year.",
     "Contrôle semestriel de l'éclairage de secours et de la signalétique d'évacuation."),
    ("Tracked helpdesk response times and the ticket backlog.",
     "Suivi des temps de réponse du helpdesk et des tickets en attente."),
    ("Managed crop protection trials on experimental plots.",
     "Gestion d'essais de protection des cultures sur parcelles expérimentales."),
    ("Organised holiday childcare for the children of staff members.",
     "Organisation de la garde d'enfants pendant les vacances pour le personnel."),
    ("Compiled weekly sales figures for the store manager.",
     "Compilation des chiffres de vente hebdomadaires pour le gérant du magasin."),
    ("Handled stock-level monitoring and supplier evaluation forms.",
     "Suivi des niveaux de stock et fiches d'évaluation des fournisseurs."),
)


def mentioned(texts: Iterable[str], criteria: Sequence[CriterionSpec]) -> set[str]:
    """Names of criteria one of whose keywords occurs (normalised, whole words) in ``texts``."""
    blob = " " + norm(" ".join(texts)) + " "
    blob = re.sub(r"[^a-z0-9' ]", " ", blob)
    blob = " " + " ".join(blob.split()) + " "
    found = set()
    for crit in criteria:
        for kw in crit.keywords:
            k = " ".join(re.sub(r"[^a-z0-9' ]", " ", norm(kw)).split())
            if k and f" {k} " in blob:
                found.add(crit.name)
                break
    return found


def safe_distractors(criteria: Sequence[CriterionSpec]) -> list[tuple[str, str]]:
    """The distractors containing no keyword of ``criteria`` in either language."""
    return [d for d in DISTRACTORS if not mentioned(d, criteria)]
