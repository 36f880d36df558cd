"""Free-form CVs in English or French, in three visual styles (classic, sidebar, centred Times), with the date
spellings people use: 03/2019, March 2019, Mar 2019, 2019-03, mars 2019, Present, à ce jour."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import (
    Rendered,
    duties_text,
    job_dates,
    language_name,
    nationality_text,
    tracked_duties,
)
from tests.samples.pdfkit import BLUE, GREY, LIGHT, Doc
from tests.samples.profiles import Profile, Skill
from tests.samples.text import fmt_dob, fmt_ym, month_styles

HEAD = {
    "en": {"exp": ("PROFESSIONAL EXPERIENCE", "Work experience", "EXPERIENCE"), "edu": ("EDUCATION", "Education"),
           "lang": ("LANGUAGES", "Languages"), "ref": ("REFERENCES", "References"), "profile": "Profile",
           "born": ("Born {d}", "Date of birth: {d}", "DOB: {d}"), "nat": "Nationality: {n}", "expected": "expected"},
    "fr": {"exp": ("EXPÉRIENCE PROFESSIONNELLE", "Expériences professionnelles", "PARCOURS PROFESSIONNEL"),
           "edu": ("FORMATION", "Formation", "DIPLÔMES"), "lang": ("LANGUES", "Langues"), "ref": ("RÉFÉRENCES", "Références"),
           "profile": "Profil", "born": ("Né{e} le {d}", "Date de naissance : {d}"), "nat": "Nationalité : {n}",
           "expected": "en cours"},
}
LEVEL_WORDS = {
    "en": {"mother": ("native", "mother tongue", "native speaker"), "fluent": ("fluent", "fluent (C1)", "full professional proficiency"),
           "good": ("good", "good working knowledge", "professional working proficiency"), "basic": ("basic", "notions", "elementary (A2)")},
    "fr": {"mother": ("langue maternelle", "langue maternelle"), "fluent": ("courant", "courant (C1)", "bilingue"),
           "good": ("bon niveau", "bonne maîtrise", "niveau professionnel"), "basic": ("notions", "niveau scolaire", "débutant")},
}


def _level_word(s: Skill, lang: str, rng) -> str:
    words = LEVEL_WORDS[lang]
    return rng.choice(words["mother"] if s.mother else words[s.level])


def render_cv(profile: Profile, vacancy: VacancySpec, *, lang: str = "en", compress: bool = True) -> Rendered:
    """A one- or two-page CV in ``lang``; style, fonts and date spellings drawn from the profile's seed."""
    rng = profile.rng(f"cv-{lang}")
    style = rng.choice(("classic", "classic", "sidebar", "times"))
    H = HEAD[lang]
    date_style = month_styles(lang, rng)
    font = "Times-Roman" if style == "times" else "Helvetica"
    bold = "Times-Bold" if style == "times" else "Helvetica-Bold"
    italic = "Times-Italic" if style == "times" else "Helvetica-Oblique"
    doc = Doc(title=f"CV {profile.name}", author=profile.name, creator=rng.choice(("Microsoft Word", "LaTeX with hyperref", "Canva")),
              compress=compress, margin=42)
    m = doc.margin
    dob = fmt_dob(profile.born, rng.choice(("fr", "dmy")) if lang == "fr" else rng.choice(("long", "dmy", "iso")))
    born = rng.choice(H["born"]).format(d=dob, e="e" if profile.sex == "F" else "")
    nat = H["nat"].format(n=nationality_text(profile.nationality, lang, rng))

    left, width = m, doc.width - 2 * m
    if style == "sidebar":
        side_w = 150
        top = doc.y
        doc.box(0, 0, side_w + 22, doc.height, fill=LIGHT, stroke=False)
        doc.text(m - 20, doc.y - 14, profile.first_name, bold, 15)
        doc.text(m - 20, doc.y - 32, profile.family_name.upper(), bold, 15)
        doc.gap(48)
        for item in (profile.email, profile.phone, profile.address, born, nat):
            doc.para(m - 20, item, side_w - 10, font, 8)
        doc.gap(10)
        doc.para(m - 20, rng.choice(H["lang"]), side_w, bold, 9.5)
        for s in profile.languages:
            doc.para(m - 20, f"{language_name(s.language, lang)} - {_level_word(s, lang, rng)}", side_w - 10, font, 8)
        doc.y = top
        left, width = m + side_w, doc.width - m - side_w - m + 10
    else:
        align_center = style == "times"
        x = doc.width / 2 if align_center else m
        doc.text(x, doc.y - 18, profile.name if rng.random() < 0.7 else f"{profile.first_name} {profile.family_name.upper()}",
                 bold, 18, align="center" if align_center else "left")
        doc.gap(28)
        contact = " · ".join((profile.email, profile.phone, born, nat))
        if align_center:
            for ln in doc.lines(contact, width, font, 8.5):
                doc.text(x, doc.y - 9, ln, font, 8.5, GREY, align="center")
                doc.gap(11)
            doc.strings.append(contact)
        else:
            doc.para(m, contact, width, font, 8.5, color=GREY)
            doc.para(m, profile.address, width, font, 8.5, color=GREY)
        doc.gap(6)
        doc.rule(color=BLUE if style == "classic" else GREY)
        doc.gap(8)

    def heading(text: str) -> None:
        doc.gap(6)
        doc.ensure(40)
        doc.para(left, text, width, bold, 11, color=BLUE if style != "times" else GREY)
        doc.gap(2)

    heading(rng.choice(H["exp"]))
    bullets = rng.choice(("• ", "- ", ""))
    for job in profile.jobs:
        start, end = job_dates(job, date_style, lang, rng)
        doc.ensure(50)
        sep = rng.choice((" - ", " – ", " to ")) if lang == "en" else rng.choice((" - ", " – ", " à "))
        if job.end is None and end[:1] == "à" and sep == " à ":
            sep = " - "
        if rng.random() < 0.5:
            doc.para(left, f"{job.title.get(lang)}, {job.employer} ({start}{sep}{end})", width, bold, 9.5)
        else:
            doc.para(left, f"{start}{sep}{end}", width, italic, 8.5)
            doc.para(left, f"{job.title.get(lang)} - {job.employer}, {job.city}", width, bold, 9.5)
        doc.para(left + (8 if bullets else 0), duties_text(job, lang, bullets), width - 8, font, 9)
        doc.gap(5)

    heading(rng.choice(H["edu"]))
    year_only = rng.random() < 0.4
    for st in profile.studies:
        if year_only and st.completed and st.end.year < vacancy.deadline.year:
            period = f"{st.start.year}-{st.end.year}"
        elif st.completed:
            period = f"{fmt_ym(st.start, date_style)} - {fmt_ym(st.end, date_style)}"
        else:
            period = f"{fmt_ym(st.start, date_style)} - {H['expected']} {fmt_ym(st.end, date_style)}"
        doc.ensure(24)
        doc.para(left, f"{st.degree.get(lang)}, {st.institution} ({period})", width, font, 9)
    if style != "sidebar":
        heading(rng.choice(H["lang"]))
        line = rng.random() < 0.5
        items = [f"{language_name(s.language, lang)}: {_level_word(s, lang, rng)}" for s in profile.languages]
        if line:
            doc.para(left, ", ".join(items), width, font, 9)
        else:
            for it in items:
                doc.para(left, it, width, font, 9)
    if rng.random() < 0.5:
        heading(rng.choice(H["ref"]))
        for ref in profile.referees[:2]:
            doc.para(left, f"{ref.name}, {ref.occupation.get(lang)}, {ref.org} - {ref.email}", width, font, 8.5)
    return Rendered(doc.output(), "cv", lang, doc.strings, tracked_duties(profile))
