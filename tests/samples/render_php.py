"""An online Personal History Profile as its web application prints it: sections with a heading bar, label and
value side by side, a language proficiency table, education and work experience entries."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import Rendered, duties_text, nationality_text, sign_date, tracked_duties
from tests.samples.pdfkit import BLUE, GREY, LIGHT, Doc
from tests.samples.profiles import Profile, Skill
from tests.samples.text import MONTHS_EN, fmt_ym

# How the profile words a skill: "Fluent"/"Confident" = easily; "Intermediate"/"Beginner" = not easily.
_EASY = ("Fluent", "Fluent", "Confident")
_HARD = ("Intermediate", "Beginner")
_LEVEL = {"bachelor": "Bachelor's Degree (first-level university degree or equivalent)",
          "master": "Master's Degree (advanced university degree or equivalent)", "doctorate": "Doctorate (PhD)"}


def _oracle_date(year: int, month: int, day: int) -> str:
    return f"{day:02d}-{MONTHS_EN[month - 1][:3].upper()}-{year}"


def render_php(profile: Profile, vacancy: VacancySpec, *, compress: bool = True) -> Rendered:
    """The Personal History Profile printout (English)."""
    rng = profile.rng("php")
    printed = sign_date(profile, vacancy)
    doc = Doc(title="Personal History Profile", creator="Oracle BI Publisher", compress=compress, margin=36,
              header=f"Personal History Profile - {profile.family_name.upper()}, {profile.first_name}")
    m = doc.margin
    w = doc.width - 2 * m
    lab_w = 165
    style = rng.choice(("short", "num"))

    doc.box(m, doc.y - 30, w, 30, fill=BLUE, stroke=False)
    doc.c.setFillColorRGB(1, 1, 1)
    doc.c.setFont("Helvetica-Bold", 14)
    doc.c.drawString(m + 10, doc.y - 20, "Personal History Profile")
    doc.strings.append("Personal History Profile")
    doc.c.setFillColorRGB(0, 0, 0)
    doc.text(doc.width - m - 8, doc.y - 42, f"Printed on: {_oracle_date(printed.year, printed.month, printed.day)}",
             size=7.5, color=GREY, align="right")
    doc.gap(52)

    def section(title: str) -> None:
        doc.gap(6)
        doc.ensure(40)
        doc.box(m, doc.y - 16, w, 16, fill=LIGHT, stroke=False)
        doc.text(m + 6, doc.y - 11.5, title, "Helvetica-Bold", 10, BLUE)
        doc.gap(22)

    def pair(label: str, value: str) -> None:
        h = max(13.0, doc.para_height(value, w - lab_w, 8.5))
        doc.ensure(h)
        doc.text(m + 6, doc.y - 9, label, size=8, color=GREY)
        top = doc.y
        doc.para(m + lab_w, value or "-", w - lab_w, size=8.5, leading=11)
        doc.y = min(doc.y, top - 13) - 1

    section("Personal Information")
    pair("First Name", profile.first_name)
    if profile.middle_name:
        pair("Middle Name", profile.middle_name)
    pair("Last Name", profile.family_name)
    b = profile.born
    pair("Date of Birth", _oracle_date(b.year, b.month, b.day) if rng.random() < 0.6 else b.isoformat())
    pair("Gender", "Female" if profile.sex == "F" else "Male")
    pair("Place of Birth", profile.birth_place)
    pair("Nationality at Birth", nationality_text(profile.nationality_at_birth, "en", rng))
    pair("Current Nationality", nationality_text(profile.nationality, "en", rng))
    pair("Email Address", profile.email)
    pair("Mobile Phone", profile.phone)
    pair("Permanent Address", profile.address)
    pair("Marital Status", profile.marital.en)
    if profile.dependants:
        pair("Dependants", "; ".join(f"{d.name} ({d.relation.en}, born {d.born.isoformat()})" for d in profile.dependants))

    section("Languages")
    cols = ("Language", "Mother tongue", "Read", "Write", "Speak", "Understand")
    xs = (m + 6, m + 130, m + 215, m + 290, m + 365, m + 440)
    doc.ensure(30)
    for x, c in zip(xs, cols, strict=True):
        doc.text(x, doc.y - 9, c, "Helvetica-Bold", 8)
    doc.gap(13)
    doc.rule(color=GREY, width=0.3)
    for s in profile.languages:
        doc.ensure(14)
        values = _proficiency(s, rng)
        doc.text(xs[0], doc.y - 10, s.language, size=8.5)
        doc.text(xs[1], doc.y - 10, "Yes" if s.mother else "No", size=8.5)
        for x, v in zip(xs[2:], values, strict=True):
            doc.text(x, doc.y - 10, v, size=8.5)
        doc.gap(14)

    section("Education")
    for st in profile.studies:
        doc.ensure(80)
        pair("Education Level", _LEVEL[st.level])
        pair("Degree / Title", st.degree.en)
        pair("Field of Study", st.subject.en)
        pair("Institution", st.institution)
        pair("Location", f"{st.city}, {st.country}")
        pair("Attended From", fmt_ym(st.start, style))
        pair("Attended To", fmt_ym(st.end, style))
        pair("Status", "Completed" if st.completed else "In progress")
        doc.gap(4)
        doc.rule(color=GREY, width=0.3)
        doc.gap(4)

    section("Work Experience")
    for job in profile.jobs:
        doc.ensure(90)
        pair("Job Title", job.title.en)
        pair("Employer", job.employer)
        pair("Employer Address", f"{job.supervisor.address}, {job.country}")
        pair("From", fmt_ym(job.start, style))
        pair("To", "Current" if job.end is None else fmt_ym(job.end, style))
        pair("Currently Working Here", "Yes" if job.end is None else "No")
        pair("Type of Appointment", "Internship" if job.internship else rng.choice(("Fixed Term", "Full-time", "Consultancy")))
        pair("Supervisor Name", job.supervisor.name)
        pair("Supervisor Email", job.supervisor.email)
        pair("Duties and Responsibilities", duties_text(job, "en"))
        doc.gap(4)
        doc.rule(color=GREY, width=0.3)
        doc.gap(4)

    section("References")
    for ref in profile.referees:
        pair("Name", ref.name)
        pair("Position / Organization", f"{ref.occupation.en}, {ref.org}")
        pair("Email", ref.email)
        doc.gap(3)
    return Rendered(doc.output(), "p11", "en", doc.strings, tracked_duties(profile))


def _proficiency(s: Skill, rng) -> tuple[str, str, str, str]:
    flags = (s.read, s.write, s.speak, s.understand)
    if s.mother:
        return ("Fluent",) * 4
    return tuple(rng.choice(_EASY) if f else rng.choice(_HARD) for f in flags)  # type: ignore[return-value]
