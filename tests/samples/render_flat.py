"""Flattened (printed) P11s: "Label: value" lines, in English (Personal History Form) or French (Notice personnelle)."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import (
    Rendered,
    degree_line,
    duties_text,
    easily,
    job_dates,
    language_name,
    nationality_text,
    sign_date,
    skills,
    tracked_duties,
)
from tests.samples.pdfkit import GREY, Doc
from tests.samples.profiles import Profile
from tests.samples.text import fmt_dob, fmt_ym

LABELS = {
    "en": {
        "title": "UNITED NATIONS PERSONAL HISTORY FORM (P.11)", "family": "1. Family name", "first": "First name",
        "middle": "Middle name", "dob": "2. Date of birth (dd/mm/yyyy)", "pob": "Place of birth",
        "nat_birth": "3. Nationality(ies) at birth", "nat": "Present nationality(ies)", "sex": "Sex",
        "marital": "Marital status", "address": "Permanent address", "phone": "Telephone", "email": "E-mail address",
        "deps": "4. Dependants (name, date of birth, relationship)", "none": "None",
        "mother": "5. Mother tongue", "langs": "6. Other languages (read / write / speak / understand)",
        "edu": "7. Education", "inst": "Name, place and country", "from": "From", "to": "To",
        "degree": "Degree and main course of study", "emp": "8. Employment record (starting with your present post)",
        "title_post": "Exact title of your post", "employer": "Name of employer", "address_emp": "Address of employer",
        "supervisor": "Name of supervisor", "duties": "Description of your duties", "salary": "Salary per annum (starting / final)",
        "refs": "9. References (three persons not related to you)", "certify":
        "I certify that the statements made by me in answer to the foregoing questions are true, complete and correct.",
        "date": "Date", "signature": "Signature", "field": "Preferred field of work",
    },
    "fr": {
        "title": "NOTICE PERSONNELLE (P.11)", "family": "1. Nom de famille", "first": "Prénom",
        "middle": "Autre(s) prénom(s)", "dob": "2. Date de naissance (jj/mm/aaaa)", "pob": "Lieu de naissance",
        "nat_birth": "3. Nationalité(s) à la naissance", "nat": "Nationalité actuelle", "sex": "Sexe",
        "marital": "État civil", "address": "Adresse permanente", "phone": "Téléphone", "email": "Adresse électronique",
        "deps": "4. Personnes à charge (nom, date de naissance, lien de parenté)", "none": "Aucune",
        "mother": "5. Langue maternelle", "langs": "6. Autres langues (lire / écrire / parler / comprendre)",
        "edu": "7. Formation", "inst": "Nom, lieu et pays de l'établissement", "from": "Du", "to": "Au",
        "degree": "Diplôme obtenu et principale matière étudiée",
        "emp": "8. Expérience professionnelle (en commençant par le poste actuel)",
        "title_post": "Intitulé exact du poste", "employer": "Nom de l'employeur", "address_emp": "Adresse de l'employeur",
        "supervisor": "Nom du supérieur hiérarchique", "duties": "Description des fonctions",
        "salary": "Traitement annuel (initial / final)", "refs": "9. Références (trois personnes sans lien de parenté)",
        "certify": "Je certifie que les déclarations faites par moi en réponse aux questions ci-dessus sont, "
                   "à ma connaissance, exactes et complètes.",
        "date": "Date", "signature": "Signature", "field": "Domaine d'activité préféré",
    },
}


def render_flat(profile: Profile, vacancy: VacancySpec, *, lang: str = "en", compress: bool = True) -> Rendered:
    """A printed P11 of "Label: value" lines; French labels and values when ``lang`` is "fr"."""
    rng = profile.rng(f"flat-{lang}")
    L = LABELS[lang]
    colon = " : " if lang == "fr" and rng.random() < 0.7 else ": "
    font = rng.choice(("Helvetica", "Times-Roman"))
    bold = "Times-Bold" if font == "Times-Roman" else "Helvetica-Bold"
    size = 9.5 if font == "Times-Roman" else 9
    doc = Doc(title=L["title"], author=profile.name if rng.random() < 0.4 else "",
              creator=rng.choice(("Microsoft Word", "Microsoft Word", "LibreOffice", "Pages")), compress=compress)
    m, width = doc.margin + 10, doc.width - 2 * doc.margin - 20
    style = rng.choice(("num", "num", "dash")) if lang == "en" else "num"

    def line(label: str, value: str) -> None:
        doc.para(m, f"{label}{colon}{value}", width, font, size)

    def heading(text: str) -> None:
        doc.gap(6)
        doc.ensure(30)
        doc.para(m, text, width, bold, size + 0.5)
        doc.gap(2)

    doc.text(doc.width / 2, doc.y - 14, L["title"], bold, 13, align="center")
    if lang == "fr":
        doc.text(doc.width / 2, doc.y - 28, "NATIONS UNIES", font, 8, GREY, align="center")
    doc.gap(40)
    name_line = rng.random() < 0.5
    if name_line:
        doc.para(m, f"{L['family']}{colon}{profile.family_name}    {L['first']}{colon}{profile.first_name}", width, font, size)
    else:
        line(L["family"], profile.family_name)
        line(L["first"], profile.first_name)
    if profile.middle_name:
        line(L["middle"], profile.middle_name)
    line(L["dob"], fmt_dob(profile.born, rng.choice(("dmy", "dmy", "dmy-dot"))))
    line(L["pob"], profile.birth_place)
    line(L["nat_birth"], nationality_text(profile.nationality_at_birth, lang, rng))
    line(L["nat"], nationality_text(profile.nationality, lang, rng))
    line(L["sex"], profile.sex)
    line(L["marital"], profile.marital.get(lang))
    line(L["address"], profile.address)
    line(L["phone"], profile.phone)
    line(L["email"], profile.email)
    line(L["field"], profile.preferred_field.get(lang))
    heading(L["deps"])
    if not profile.dependants:
        doc.para(m, L["none"], width, font, size)
    for dep in profile.dependants:
        doc.para(m, f"{dep.name}, {fmt_dob(dep.born, 'dmy')}, {dep.relation.get(lang)}", width, font, size)

    heading(f"{L['mother']}{colon}{', '.join(language_name(s.language, lang) for s in profile.mother_tongues)}")
    heading(L["langs"])
    for s in profile.other_languages:
        values = " / ".join(easily(flag, lang) for flag in skills(s))
        doc.para(m, f"{language_name(s.language, lang)}{colon}{values}", width, font, size)

    heading(L["edu"])
    for st in profile.studies:
        doc.ensure(45)
        line(L["inst"], f"{st.institution}, {st.city}, {st.country}")
        doc.para(m, f"{L['from']}{colon}{fmt_ym(st.start, style)}   {L['to']}{colon}{fmt_ym(st.end, style)}", width, font, size)
        line(L["degree"], f"{degree_line(st, lang)} - {st.subject.get(lang)}" if rng.random() < 0.3 else degree_line(st, lang))
        doc.gap(5)

    heading(L["emp"])
    for job in profile.jobs:
        start, end = job_dates(job, style, lang, rng)
        doc.ensure(70)
        doc.para(m, f"{L['from']}{colon}{start}   {L['to']}{colon}{end}", width, font, size)
        line(L["title_post"], job.title.get(lang))
        line(L["employer"], job.employer)
        if rng.random() < 0.6:
            line(L["address_emp"], f"{job.city}, {job.country}")
            line(L["supervisor"], f"{job.supervisor.name} ({job.supervisor.email})")
        if job.salary_start and rng.random() < 0.5:
            line(L["salary"], f"{job.currency} {job.salary_start:,} / {job.currency} {job.salary_final:,}")
        line(L["duties"], duties_text(job, lang))
        doc.gap(6)

    heading(L["refs"])
    for ref in profile.referees:
        doc.para(m, f"{ref.name}, {ref.occupation.get(lang)}, {ref.org}, {ref.address}, {ref.email}", width, font, size)
    doc.gap(10)
    doc.ensure(50)
    doc.para(m, L["certify"], width, font, size - 1)
    doc.gap(6)
    line(L["date"], fmt_dob(sign_date(profile, vacancy), "dmy"))
    line(L["signature"], profile.name)
    return Rendered(doc.output(), "p11", lang, doc.strings, tracked_duties(profile))
