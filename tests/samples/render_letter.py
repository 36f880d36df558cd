"""Cover letters in English or French: sender block, date, recipient, subject, a few paragraphs that use the
profile's letter sentences (some mention vacancy criteria), and a signature."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import Rendered, language_name, sign_date
from tests.samples.pdfkit import GREY, Doc
from tests.samples.profiles import Profile
from tests.samples.text import MONTHS_EN, MONTHS_FR


def _subject(vacancy: VacancySpec, lang: str, rng) -> str:
    station = vacancy.duty_station.split(",")[0]
    if lang == "fr":
        return rng.choice((f"Objet : candidature au poste de {vacancy.title} ({vacancy.grade}), {vacancy.organisation} {station}",
                           f"Objet : candidature - programme JPO, réf. {vacancy.id}",
                           f"Objet : lettre de motivation - poste d'administrateur auxiliaire (JPO), {station}"))
    return rng.choice((f"Re: Application for the position of {vacancy.title} ({vacancy.grade}), {vacancy.organisation} {station}",
                       f"Subject: Application - JPO programme, ref. {vacancy.id}",
                       f"Application for the Junior Professional Officer post in {station}"))


def render_letter(profile: Profile, vacancy: VacancySpec, *, lang: str = "en", compress: bool = True) -> Rendered:
    """A one-page cover letter in ``lang``."""
    rng = profile.rng(f"letter-{lang}")
    font = rng.choice(("Helvetica", "Times-Roman"))
    size = 10.5 if font == "Times-Roman" else 10
    doc = Doc(title="Cover letter" if lang == "en" else "Lettre de motivation", author=profile.name,
              creator=rng.choice(("Microsoft Word", "LibreOffice Writer", "Google Docs")), compress=compress, margin=60)
    m, width = doc.margin, doc.width - 2 * doc.margin
    for item in (profile.name, profile.address, profile.email, profile.phone):
        doc.para(m, item, width, font, size - 1, color=GREY)
    doc.gap(14)
    signed = sign_date(profile, vacancy)
    city = profile.address.split(", ")[-2] if profile.address.count(", ") >= 2 else "Brussels"
    when = (f"{city}, le {signed.day} {MONTHS_FR[signed.month - 1]} {signed.year}" if lang == "fr"
            else f"{city}, {signed.day} {MONTHS_EN[signed.month - 1]} {signed.year}")
    doc.text(doc.width - m, doc.y - 10, when, font, size, align="right")
    doc.gap(24)
    recipient = (f"{vacancy.organisation} - JPO Service Centre\nComité de sélection" if lang == "fr"
                 else f"{vacancy.organisation} - JPO Service Centre\nSelection Committee")
    doc.para(m, recipient, width, font, size)
    doc.gap(12)
    doc.para(m, _subject(vacancy, lang, rng), width, "Helvetica-Bold" if font == "Helvetica" else "Times-Bold", size)
    doc.gap(12)
    doc.para(m, rng.choice(("Madame, Monsieur,", "Mesdames, Messieurs,")) if lang == "fr"
             else rng.choice(("Dear Selection Committee,", "Dear Sir or Madam,", "Dear Members of the Selection Committee,")),
             width, font, size)
    doc.gap(8)
    job = profile.jobs[0] if profile.jobs else None
    if lang == "fr":
        intro = (f"Je vous adresse ma candidature au poste d'administrateur auxiliaire (JPO) à {vacancy.duty_station.split(',')[0]}. "
                 + (f"J'occupe actuellement le poste de {job.title.fr} chez {job.employer}. " if job and job.end is None else
                    (f"J'ai récemment travaillé comme {job.title.fr} chez {job.employer}. " if job else "")))
    else:
        intro = (f"I am writing to apply for the Junior Professional Officer position with {vacancy.organisation} in "
                 f"{vacancy.duty_station.split(',')[0]}. "
                 + (f"I currently work as {job.title.en} at {job.employer}. " if job and job.end is None else
                    (f"Most recently I worked as {job.title.en} at {job.employer}. " if job else "")))
    paragraphs = [intro]
    body = [s.text.get(lang) for s in profile.letter]
    half = max(1, len(body) // 2)
    paragraphs += [" ".join(body[:half]), " ".join(body[half:])]
    langs = [language_name(s.language, lang) for s in profile.languages if s.level != "basic"]
    if lang == "fr":
        paragraphs.append(f"Je travaille en {', '.join(x.lower() for x in langs)}. Je me tiens à votre disposition pour un "
                          "entretien et vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.")
    else:
        paragraphs.append(f"I work in {', '.join(langs)}. I would welcome the opportunity to discuss my application "
                          "with you and thank you for your consideration.")
    for p in paragraphs:
        if p.strip():
            doc.para(m, p, width, font, size, leading=size * 1.4)
            doc.gap(8)
    doc.gap(6)
    doc.para(m, "Veuillez agréer mes salutations distinguées," if lang == "fr" and rng.random() < 0.3 else
             ("Cordialement," if lang == "fr" else rng.choice(("Yours sincerely,", "Kind regards,", "Yours faithfully,"))),
             width, font, size)
    doc.gap(18)
    doc.para(m, profile.name, width, font, size)
    tracked = {s.criterion for s in profile.letter if s.criterion}
    return Rendered(doc.output(), "cover_letter", lang, doc.strings, tracked)
