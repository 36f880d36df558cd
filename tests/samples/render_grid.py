"""The P.11 as the real form lays it out: numbered boxes with the label on top and the value below, the date of
birth in Day / Month / Year boxes, language ticks under Easily / Not easily, employment blocks with salaries,
supervisors and addresses, dependants and references. Always at least two pages."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import (
    Rendered,
    degree_line,
    duties_text,
    job_dates,
    nationality_text,
    sign_date,
    skills,
    tracked_duties,
)
from tests.samples.pdfkit import LIGHT, Doc
from tests.samples.profiles import Profile
from tests.samples.text import fmt_dob, fmt_ym

LABEL = 6.5
VALUE = 8.5


class _Grid:
    """Rows of boxes across the page; each box has a small label on top and its value below."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.x0 = doc.margin - 5
        self.w = doc.width - 2 * self.x0

    def row(self, cells: list[tuple[str, str, float]], min_h: float = 24) -> None:
        """``cells`` = (label, value, share of the width); shares should sum to 1."""
        doc = self.doc
        heights = []
        for label, value, share in cells:
            w = share * self.w - 6
            heights.append(doc.para_height(label, w, LABEL) + doc.para_height(value, w, VALUE) + 8)
        h = max(min_h, *heights)
        doc.ensure(h)
        x, top = self.x0, doc.y
        for label, value, share in cells:
            w = share * self.w
            doc.box(x, top - h, w, h)
            y = top - LABEL - 2
            for ln in doc.lines(label, w - 6, "Helvetica", LABEL):
                doc.text(x + 3, y, ln, size=LABEL)
                y -= LABEL * 1.2
            doc.strings.append(value)
            for ln in doc.lines(value, w - 6, "Helvetica", VALUE):
                y -= 2
                doc.c.setFont("Helvetica", VALUE)
                doc.c.drawString(x + 3, y - VALUE + 6, ln)
                y -= VALUE * 1.1
            x += w
        doc.y = top - h

    def banner(self, text: str) -> None:
        doc = self.doc
        lines = doc.lines(text, self.w - 6, "Helvetica-Bold", 7.5)
        h = len(lines) * 9.5 + 5
        doc.ensure(h + 24)
        doc.box(self.x0, doc.y - h, self.w, h, fill=LIGHT)
        y = doc.y - 9
        for ln in lines:
            doc.text(self.x0 + 3, y, ln, "Helvetica-Bold", 7.5)
            y -= 9.5
        doc.y -= h


def render_grid(profile: Profile, vacancy: VacancySpec, *, compress: bool = True) -> Rendered:
    """The grid P.11 (English), two pages or more."""
    rng = profile.rng("grid")
    doc = Doc(title="P.11", author="", creator=rng.choice(("Microsoft Word - P11.doc", "Acrobat PDFMaker", "Word")),
              compress=compress, margin=38)
    g = _Grid(doc)
    doc.text(doc.margin, doc.y - 12, "UNITED NATIONS", "Helvetica-Bold", 11)
    doc.text(doc.width - doc.margin, doc.y - 12, "NATIONS UNIES", "Helvetica-Bold", 11, align="right")
    doc.text(doc.width / 2, doc.y - 28, "PERSONAL HISTORY", "Helvetica-Bold", 12, align="center")
    doc.gap(36)
    g.banner("INSTRUCTIONS: Please answer each question clearly and completely. Type or print in ink. Read carefully "
             "and follow all directions.")
    g.row([("1. Family name", profile.family_name, 0.3), ("First name", profile.first_name, 0.25),
           ("Middle name", profile.middle_name, 0.2), ("Maiden name, if any", "", 0.25)])
    b = profile.born
    g.row([("2. Date of birth  Day", f"{b.day:02d}", 0.08), ("Month", f"{b.month:02d}", 0.08), ("Year", str(b.year), 0.09),
           ("3. Place of birth", profile.birth_place, 0.2),
           ("4. Nationality(ies) at birth", nationality_text(profile.nationality_at_birth, "en", rng), 0.27),
           ("5. Present nationality(ies)", nationality_text(profile.nationality, "en", rng), 0.28)])
    g.row([("6. Sex", profile.sex, 0.12), ("7. Height", f"{rng.randrange(155, 195)} cm", 0.14),
           ("8. Weight", f"{rng.randrange(50, 95)} kg", 0.14), ("9. Marital status", profile.marital.en, 0.2),
           ("10. Have you any physical defect(s) which would limit your ability to engage in field work?", "No", 0.4)])
    g.row([("11. Permanent address", profile.address, 0.55), ("12. Present address (if different)", "", 0.45)])
    g.row([("Telephone No.", profile.phone, 0.35), ("E-mail", profile.email, 0.65)])
    g.banner(f"13. Have you any dependants? {'YES' if profile.dependants else 'NO'}"
             + ("  If the answer is yes, give the following information:" if profile.dependants else ""))
    for dep in profile.dependants:
        g.row([("Name", dep.name, 0.45), ("Date of birth", fmt_dob(dep.born, "dmy"), 0.25), ("Relationship", dep.relation.en, 0.3)])
    g.row([("14. Have you taken up legal permanent residence status in any country other than that of your "
            "nationality? If answer is yes, which country?", "No" if profile.nationality == "Belgium" else rng.choice(("No", "Belgium")), 1.0)])
    g.row([("15. Have you taken any legal steps towards changing your present nationality?", "No", 0.5),
           ("16. Are any of your relatives employed by a public international organization?", "No", 0.5)])
    g.row([("17. What is your preferred field of work?", profile.preferred_field.en, 0.5),
           ("18. Would you accept employment for less than six months?", rng.choice(("Yes", "No")), 0.5)])
    g.row([("20. KNOWLEDGE OF LANGUAGES. What is your mother tongue?",
            ", ".join(s.language for s in profile.mother_tongues), 1.0)])
    _languages(doc, g, profile)
    g.banner("22. EDUCATIONAL. Give full details. N.B. Please give exact titles of degrees in original language.")
    g.banner("A. UNIVERSITY OR EQUIVALENT")
    g.row([("Name, place and country", "", 0.3), ("Attended from Mo./Year", "", 0.12), ("To Mo./Year", "", 0.12),
           ("Degrees and academic distinctions", "", 0.28), ("Main course of study", "", 0.18)], min_h=18)
    for st in profile.studies:
        g.row([("", f"{st.institution}, {st.city}, {st.country}", 0.3), ("", fmt_ym(st.start, "num"), 0.12),
               ("", fmt_ym(st.end, "num"), 0.12), ("", degree_line(st, "en"), 0.28), ("", st.subject.en, 0.18)], min_h=18)
    g.banner("B. SCHOOLS OR OTHER FORMAL TRAINING OR EDUCATION FROM AGE 14 (e.g. high school, technical school or apprenticeship)")
    for sc in profile.schools:
        g.row([("Name, place and country", f"{sc.name}, {sc.city}", 0.35), ("From", fmt_ym(sc.start, "num"), 0.12),
               ("To", fmt_ym(sc.end, "num"), 0.12), ("Certificates or diplomas obtained", sc.diploma, 0.41)])
    g.row([("23. List professional societies and activities in civic, public or international affairs", "-", 0.5),
           ("24. List any significant publications you have written (do not attach)", "-", 0.5)])

    doc.new_page()
    g.banner("25. EMPLOYMENT RECORD: Starting with your present post, list in reverse order every employment you have "
             "had. Use a separate block for each post. Include also service in the armed forces and note any period "
             "during which you were not gainfully employed.")
    for i, job in enumerate(profile.jobs):
        g.banner("A. PRESENT POST (LAST POST, IF NOT PRESENTLY IN EMPLOYMENT)" if i == 0 else
                 ("B. PREVIOUS POSTS, STARTING WITH THE MOST RECENT" if i == 1 else "PREVIOUS POST"))
        start, end = job_dates(job, "num", "en", rng)
        first_pay = f"{job.currency} {job.salary_start:,}" if job.salary_start else "Unpaid"
        last_pay = f"{job.currency} {job.salary_final:,}" if job.salary_final else "Unpaid"
        g.row([("From Month/Year", start, 0.13), ("To Month/Year", end, 0.13), ("Salary per annum  Starting", first_pay, 0.14),
               ("Final", last_pay, 0.14), ("Exact title of your post", job.title.en, 0.46)])
        g.row([("Name of employer", job.employer, 0.5), ("Type of business", job.business, 0.5)])
        g.row([("Address of employer", f"{job.supervisor.address}, {job.country}", 0.4),
               ("Name of supervisor", job.supervisor.name, 0.3), ("No. and kind of employees supervised by you", job.supervised.en, 0.3)])
        g.row([("Reason for leaving", job.leaving.en or "-", 1.0)])
        g.row([("Description of your duties", duties_text(job, "en"), 1.0)], min_h=40)
    g.row([("26. Have you any objections to our making enquiries of your present employer?", rng.choice(("No", "No", "Yes")), 1.0)])
    g.banner("28. REFERENCES: List three persons, not related to you, who are familiar with your character and "
             "qualifications. Do not repeat names of supervisors listed under item 25.")
    g.row([("Full name", "", 0.28), ("Full address", "", 0.47), ("Business or occupation", "", 0.25)], min_h=14)
    for ref in profile.referees:
        g.row([("", ref.name, 0.28), ("", f"{ref.org}, {ref.address}, {ref.email}", 0.47), ("", ref.occupation.en, 0.25)], min_h=16)
    g.row([("29. Have you ever been arrested, indicted, or summoned into court as a defendant in a criminal proceeding?", "No", 1.0)])
    g.banner("31. I certify that the statements made by me in answer to the foregoing questions are true, complete and "
             "correct to the best of my knowledge and belief.")
    g.row([("Date", fmt_dob(sign_date(profile, vacancy), "dmy"), 0.3), ("Signature", profile.name, 0.7)], min_h=30)
    return Rendered(doc.output(), "p11", "en", doc.strings, tracked_duties(profile))


def _languages(doc: Doc, g: _Grid, profile: Profile) -> None:
    """OTHER LANGUAGES with READ / WRITE / SPEAK / UNDERSTAND, each split into Easily / Not easily, ticked X."""
    x0, w = g.x0, g.w
    first = 0.2 * w
    col = (w - first) / 8
    rows = profile.other_languages
    h_head = 22
    doc.ensure(h_head + 14 * (len(rows) + 1))
    top = doc.y
    doc.box(x0, top - h_head, first, h_head)
    doc.text(x0 + 3, top - 9, "OTHER LANGUAGES", size=LABEL)
    for k, name in enumerate(("READ", "WRITE", "SPEAK", "UNDERSTAND")):
        x = x0 + first + 2 * k * col
        doc.box(x, top - h_head, 2 * col, h_head)
        doc.text(x + 3, top - 9, name, size=LABEL)
        doc.text(x + 3, top - 18, "Easily", size=LABEL)
        doc.text(x + col + 3, top - 18, "Not easily", size=LABEL)
    doc.y = top - h_head
    for s in rows:
        doc.box(x0, doc.y - 14, first, 14)
        doc.text(x0 + 3, doc.y - 10, s.language, size=VALUE)
        for k, flag in enumerate(skills(s)):
            for half in (0, 1):
                x = x0 + first + (2 * k + half) * col
                doc.box(x, doc.y - 14, col, 14)
                if flag == (half == 0):
                    doc.text(x + col / 2 - 3, doc.y - 10.5, "X", "Helvetica-Bold", VALUE)
        doc.y -= 14
    doc.gap(4)
