"""The printed labels of P11-like forms (English and French, numbered or not) mapped to field keys.

Labels are matched by their words, never by their numbers, which move between versions of the form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jpo_tui.ingest.dates import fold

# Sections whose names, dates and e-mails belong to other people.
OTHER_PEOPLE = frozenset({"references", "dependants"})

_SECTIONS: tuple[tuple[str, str], ...] = (
    ("references", r"\b(references?|referees?|referenties|personnes de reference)\b"),
    ("dependants", r"\b(dependants?|dependents?|personnes a charge|relatives?|parents? employ|emergency contact|"
                   r"children|enfants a charge|membres de (votre )?famille)\b"),
    ("languages", r"\b(knowledge of languages|languages?|langues?|language skills|connaissances linguistiques|"
                  r"competences linguistiques|linguistic (skills|proficiency)|"
                  r"talen|talenkennis|sprachkenntnisse)\b"),
    ("education", r"\b(education\w*|formation|etudes|opleiding|academic|university or equivalent|schools?|"
                  r"diplomas?|diplomes?|qualifications|academic background|studies|opleidingen|parcours (academique|"
                  r"universitaire|scolaire)|cursus)\b"),
    ("employment", r"\b(employment|work experience|experience professionnelle|experiences? professionnelles?|"
                   r"professional experience|experiences?|emplois?|parcours professionnel|werkervaring|"
                   r"beroepservaring|present post|previous posts?|poste actuel|postes? precedents?|work history|"
                   r"career( history)?|professional background|positions? held|postes? occupes)\b"),
    ("personal", r"\b(personal (information|details|data)|renseignements personnels|informations personnelles|"
                 r"donnees personnelles|persoonlijke gegevens|identite)\b"),
)

# Words a field's name may put before a label ("Employment From", "Language Read").
_RECORD_PREFIX = (r"^(?:(?:employment|education|emploi|formation|job|study|studies|period|periode|attended|employed|"
                  r"years attended|dates? attended|(?:annees|dates?|periode) de frequentation|frequentee?s?|"
                  r"frequentation) )?")
_LANG_PREFIX = r"^(?:(?:language|langue|taal) )?"

# (key, pattern) in priority order; the first match wins.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("ignore", r"\b(objections?|enquiries|renseignements aupres|convicted|arrested|legal permanent residence|"
               r"supervisor|superviseur|superieur hierarchique|leidinggevende|referee)\b|^(location|city|town|ville|"
               r"lieu|plaats|ort)$"),
    ("status", r"^(status|statut|completion status|etat d avancement|stand)$"),
    ("degree_level", r"\b(education level|level of education|niveau d etudes|niveau de formation|degree level|"
                     r"type of degree|opleidingsniveau|niveau du diplome)\b"),
    ("nationality_birth", r"nationalit\w*.*\b(at birth|a la naissance|de naissance|bij geboorte|d origine|birth|"
                          r"naissance|origine)\b|"
                          r"\b(original|birth) nationality"),
    ("nationality", r"\bnationalit|\bcitizenship\b|\bnationaliteit\b|\bstaatsangehorigkeit\b"),
    ("mother_tongue", r"\b(mother tongue|langue maternelle|moedertaal|native language|first language|"
                      r"muttersprache|lengua materna)\b"),
    ("period", r"^(period|periode|dates?|duration|duree|from / to|du / au|de / a|van / tot|dates \w+ / \w+)$|"
               r"^(dates? |years? )?attended$|^(dates?|period|periode) (of|d|de) (employment|attendance|study|studies|"
               r"emploi|etudes)$|^(employment|study) (dates|period)$|^dates? \(?(from|du|de) [-/] (to|au|a)\)?$"),
    ("from", _RECORD_PREFIX + r"(attended |employed |period )?(from|du|de|des|van|since|depuis|start( date)?|date de debut|"
             r"debut|begin(datum)?|started)\b"),
    ("to", _RECORD_PREFIX + r"(to|au|a|jusqu|tot|until|till|end( date)?|date de fin|fin|einde|einddatum|ended)\b"),
    ("dob", r"\b(date (and|et|&) (place|lieu) (of|de) (birth|naissance))\b"),
    ("place_of_birth", r"\b(place|lieu|city|country|pays) (of|de) (birth|naissance)\b|\bgeboorteplaats\b"),
    ("dob", r"\b(date of birth|birth ?date|date (de )?naissance|ne le|nee le|geboortedatum|fecha de nacimiento|"
            r"dob|born)\b(?!.*\b(day|jour|month|mois|year|annee)$)"),
    ("dob_day", r"(^|\b(birth|naissance)\b.*)\b(day|jour|dag|dia)$|^(dd|jj)$"),
    ("dob_month", r"(^|\b(birth|naissance|dob)\b.*)\b(month|mois|maand|mes)$|^mm$"),
    ("dob_year", r"(^|\b(birth|naissance|dob)\b.*)\b(year|annee|jaar|ano)$|^(yyyy|aaaa)$"),
    ("ignore", r"\b(maiden|middle|spouse|father|mother s)\b.*\bname\b|\bnom de jeune fille\b|\bsecond prenom\b|"
               r"\b(other|autres?|middle|second|overige)\s+(first |given )?(names?|prenoms?|forenames?|voornamen)\b"),
    ("family_name", r"\b(family name|last name|surname|nom de famille|noms? s? de famille|achternaam|familienaam|apellidos?|"
                    r"nachname)\b|^nom$|^nom s$"),
    ("first_name", r"\b(first names?|given names?|forenames?|prenoms?|voorna(a)?m(en)?|vornamen?|nombres?)\b"),
    ("email", r"\be ?- ?mail\b|\bemail\b|\bcourriel\b|adresse electronique|\bmel\b|^mail( address)?$"),
    ("ignore", r"\b(address|adresse|adres|type of business|type d activite|supervisor|superviseur|salary|"
               r"salaire|superieur hierarchique|traitement|remuneration|leidinggevende|salaris)\b"),
    ("employer", r"\b(employer|employeur|nom de l employeur|werkgever|arbeitgeber|organi[sz]ation|company|"
                 r"entreprise|organisme)\b"),
    ("full_name", r"^(full name|name|nom complet|nom et prenoms?|naam|volledige naam|applicant s? name|"
                  r"candidate name|name of applicant)$"),
    ("language", r"^(other )?(languages?|langues?|taal|talen|autres langues|sprache)( name| nom| naam)?$|"
                 r"^(language|langue) \d+$"),
    ("level", r"^(level|niveau|proficiency|overall level|maitrise|competence)$"),
    ("read", _LANG_PREFIX + r"(read|reading|lire|lecture|lu|lezen|lesen|leer)\b"),
    ("write", _LANG_PREFIX + r"(write|writing|ecrire|ecrit|ecriture|schrijven|schreiben|escribir)\b"),
    ("speak", _LANG_PREFIX + r"(speak|speaking|parler|parle|oral|expression orale|spreken|sprechen|hablar)\b"),
    ("understand", _LANG_PREFIX + r"(understand|understanding|listening|comprendre|comprehension|compris|begrijpen|verstehen|"
                   r"entender)\b"),
    ("duties", _RECORD_PREFIX + r"(description|fonctions|taches|activities|activites)$|\b(duties|(main |key )?tasks|description of (your )?(duties|functions)|responsibilities|description (des|de vos|de ses) "
               r"(fonctions|taches)|taches|fonctions exercees|achievements|beschrijving|main activities)\b"),
    ("title", r"\b(exact title|title of (your )?(post|position)|job title|functional title|position title|"
              r"intitule|titre (exact )?du poste|fonction|functie|post held|position held|poste occupe|function held)\b|"
              r"^(position|function)$"),
    ("appointment", r"\b(type of (appointment|contract)|contract type|type de contrat|type of position)\b"),
    ("current", r"\b(current (job|post|position)|currently (employed|working)|emploi actuel|poste actuel)\b"),
    ("institution", r"\b(name,? place and country|name of (institution|school|university)|institution|"
                    r"university|universite|etablissement|school|ecole|onderwijsinstelling|nom, lieu et pays|"
                    r"nom lieu et pays)\b"),
    ("degree", r"\b(degrees?|diplomas?|diplomes?|certificates?|certificats?|academic distinctions|titre obtenu|"
               r"qualification|grade|titre du diplome|diploma obtained)\b"),
    ("course", r"\b(main course of study|field of study|course of study|discipline|major|specialisation|"
               r"domaine d etudes|matiere principale|principale matiere|matiere etudiee|filiere|specialite|"
               r"studierichting)\b"),
    ("ignore", r"\b(salary|salaire|supervisor|superviseur|address|adresse|telephone|phone|type of business|"
               r"reason for leaving|employees supervised|sex|sexe|height|weight|marital|etat civil|relationship)\b"),
)

_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[a-z]?\)?|[a-h]\)|[a-h]\.|[ivx]{1,4}\.)[.)]?\s+", re.IGNORECASE)
_PLURAL_MARK = re.compile(r"\((?:s|es|ies|x|e|e\)\(s)\)", re.IGNORECASE)
# Words that may stand before a label's key words without being part of the value ("Present nationality").
_QUALIFIERS = frozenset({"present", "current", "actual", "actuel", "actuelle", "permanent", "exact", "full",
                         "official", "main", "your", "votre", "huidige", "of", "de", "du", "la", "le", "the", "and",
                         "et", "en", "e", "other", "autre", "autres"})
# Label words that are just as often values ("Ghent University From:" holds the label "From", not "University").
_CONTENT_WORDS = frozenset({"university", "universite", "school", "schools", "ecole", "college", "institution",
                            "company", "entreprise", "organisme", "academic", "field", "work", "working", "job"})
_LABEL_TAIL = re.compile(r"\s*\((?:dd|mm|jj|yyyy|aaaa|mo|month|mois|day)[^)]*\)\s*$")


def clean_label(label: str) -> str:
    """Folded label without numbering, trailing colon, plural marks or format hints: "2. Date of birth
    (dd/mm/yyyy):" -> "date of birth", "Nationalité(s) actuelle(s)" -> "nationalite actuelle"."""
    text = _NUMBERING.sub("", label.strip())
    text = _LABEL_TAIL.sub("", text)
    text = _PLURAL_MARK.sub("", text)
    text = fold(text).replace("/", " / ").strip(" :*?")
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def field_key(label: str) -> str | None:
    """The field a printed label asks for, or None when it is not a known label."""
    text = clean_label(label)
    if not text or len(text) > 160:
        return None
    for key, pattern in _compiled_fields():
        if pattern.search(text):
            return key
    return None


def trailing_label(text: str) -> tuple[str, str] | None:
    """Split "Vermeulen First name" (the words before a colon) into (value so far, label) when it ends with a
    known label: the longest run of label words at its end that opens with a capital and names a field."""
    words = text.split()
    start = len(words)
    while start > 0 and len(words) - start < 10 and _label_word(words[start - 1]):
        start -= 1
    for i in range(start, len(words)):
        label = " ".join(words[i:])
        if words[i][:1].isupper() and field_key(label) is not None:
            return " ".join(words[:i]), label
    return None


def _label_word(word: str) -> bool:
    """A word printed labels are made of (not a name, a date, an institution or a place)."""
    if any(ch.isdigit() for ch in word):
        return False
    vocabulary = _vocabulary()
    for part in re.findall(r"[a-z]+", fold(_PLURAL_MARK.sub("", word))):
        if part in _CONTENT_WORDS:
            return False
        if part not in vocabulary and not any(part[:k] in vocabulary for k in range(5, len(part))):
            return False
    return True


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Every word the label and heading patterns use, with hints and small joining words."""
    words = {w for _, p in (*_FIELDS, *_SECTIONS) for w in re.findall(r"[a-z]{2,}", p.replace("\\b", " "))}
    return frozenset(words | _QUALIFIERS | {"", "dd", "mm", "yyyy", "jj", "aaaa", "d", "l", "a", "des", "in", "with",
                                            "per", "for", "or", "ou", "if", "any", "si", "name", "nom", "status", "statut"})


@lru_cache(maxsize=4096)
def section_of(label: str) -> str | None:
    """The section a heading opens (languages / education / employment / references / dependants / personal)."""
    text = clean_label(label)
    if not text or len(text) > 200:
        return None
    found = [(m.start(), i, name) for i, (name, pattern) in enumerate(_compiled_sections())
             if (m := pattern.search(text))]
    return min(found)[2] if found else None  # the section named first: "Education ... in original language"


@lru_cache(maxsize=4096)
def skill_polarity(label: str) -> bool | None:
    """For grid headers like "READ Easily" / "LIRE Difficilement": True, False, or None when not stated."""
    text = clean_label(label)
    if re.search(r"\b(not easily|not|difficilement|difficile|pas facilement|niet|moeilijk|with difficulty)\b", text):
        return False
    if re.search(r"\b(easily|easy|facilement|facile|makkelijk|gemakkelijk)\b", text):
        return True
    return None


def is_known_label(label: str) -> bool:
    """True when the text is a form label or a section heading."""
    return field_key(label) is not None or section_of(label) is not None


@lru_cache(maxsize=1)
def _compiled_fields() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, re.compile(p)) for k, p in _FIELDS)


@lru_cache(maxsize=1)
def _compiled_sections() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, re.compile(p)) for k, p in _SECTIONS)
