"""Fillable P11 forms (AcroForm): meaningful field names in one of several naming schemes, or opaque ones
(Text1, Text2, ...) whose meaning is only the label printed beside or above each field."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec
from tests.samples.common import (
    Rendered,
    degree_line,
    duties_text,
    easily,
    job_dates,
    nationality_text,
    sign_date,
    skills,
    tracked_duties,
)
from tests.samples.pdfkit import GREY, LIGHT, Doc
from tests.samples.profiles import Profile
from tests.samples.text import fmt_dob, fmt_ym

_CAMEL = {"family": "FamilyName", "first": "FirstName", "middle": "MiddleName", "dob": "DateOfBirth",
          "pob": "PlaceOfBirth", "nat_birth": "NationalityAtBirth", "nat": "Nationality", "sex": "Sex", "email": "Email",
          "phone": "Telephone", "address": "PermanentAddress", "mother": "MotherTongue", "marital": "MaritalStatus"}
_SNAKE = {"family": "family_name", "first": "first_name", "middle": "middle_name", "dob": "date_of_birth",
          "pob": "place_of_birth", "nat_birth": "nationality_at_birth", "nat": "present_nationality", "sex": "sex",
          "email": "email_address", "phone": "telephone", "address": "permanent_address", "mother": "mother_tongue",
          "marital": "marital_status"}


class _Names:
    """Field names: a meaningful scheme (camel, snake, xfa) or opaque TextN."""

    def __init__(self, scheme: str) -> None:
        self.scheme = scheme
        self.n = 0

    def __call__(self, key: str, group: str = "", idx: int = 0) -> str:
        self.n += 1
        if self.scheme == "opaque":
            return f"Text{self.n}"
        if group:
            attr = key[:1].upper() + key[1:]
            if self.scheme == "snake":
                return f"{group.lower()}_{idx}_{key.lower()}"
            if self.scheme == "xfa":
                return f"topmostSubform[0].Page{1 if group in ('Lang', 'Edu') else 2}[0].{group}{idx}_{attr}[0]"
            return f"{group}{idx}_{attr}"
        if self.scheme == "snake":
            return _SNAKE[key]
        if self.scheme == "xfa":
            return f"topmostSubform[0].Page1[0].{_CAMEL[key]}[0]"
        return _CAMEL[key]


def render_form(profile: Profile, vacancy: VacancySpec, *, opaque: bool = False, compress: bool = True) -> Rendered:
    """A two-page (or longer) fillable P11; ``opaque`` names fields Text1, Text2, ... in drawing order."""
    rng = profile.rng("form")
    names = _Names("opaque" if opaque else rng.choice(("camel", "camel", "snake", "xfa")))
    doc = Doc(title="P.11 Personal History Form", author=profile.name if rng.random() < 0.5 else "",
              creator=rng.choice(("Adobe Acrobat Pro DC", "LibreOffice Writer", "Nitro Pro")), compress=compress)
    m, right = doc.margin, doc.width - doc.margin
    above = opaque and rng.random() < 0.5  # labels above the fields instead of beside
    doc.text(m, doc.y - 12, "UNITED NATIONS PERSONAL HISTORY FORM (P.11)", "Helvetica-Bold", 13)
    doc.text(m, doc.y - 26, "Please complete the fields electronically; do not attach a CV.", size=7.5, color=GREY)
    doc.gap(42)

    def single(label: str, key: str, value: str, w: float = 300) -> None:
        h = 16
        if above:
            doc.ensure(30)
            doc.text(m, doc.y - 8, label, size=7.5)
            doc.field(names(key), value, m, doc.y - 28, w, h)
            doc.gap(33)
        else:
            doc.ensure(20)
            doc.text(m, doc.y - 12, label, size=8.5)
            doc.field(names(key), value, m + 175, doc.y - 16, min(w, right - m - 175), h)
            doc.gap(21)

    def section(title: str) -> None:
        doc.ensure(30)
        doc.box(m, doc.y - 16, right - m, 15, fill=LIGHT, stroke=False)
        doc.text(m + 4, doc.y - 12, title, "Helvetica-Bold", 9.5)
        doc.gap(22)

    section("1. Personal information")
    single("Family name", "family", profile.family_name)
    single("First name(s)", "first", profile.first_name)
    if profile.middle_name or rng.random() < 0.5:
        single("Middle name", "middle", profile.middle_name)
    single("Date of birth (dd/mm/yyyy)", "dob", fmt_dob(profile.born, "dmy"), 120)
    single("Place of birth", "pob", profile.birth_place, 200)
    single("Nationality at birth", "nat_birth", nationality_text(profile.nationality_at_birth, "en", rng), 200)
    single("Present nationality", "nat", nationality_text(profile.nationality, "en", rng), 200)
    single("Sex", "sex", profile.sex, 40)
    single("Marital status", "marital", profile.marital.en, 120)
    single("Permanent address", "address", profile.address)
    single("Telephone", "phone", profile.phone, 160)
    single("E-mail", "email", profile.email, 240)

    section("2. Languages")
    single("Mother tongue", "mother", ", ".join(s.language for s in profile.mother_tongues), 200)
    rows = list(profile.other_languages) + (list(profile.mother_tongues) if rng.random() < 0.4 else [])
    cols = ["Language", "Read", "Write", "Speak", "Understand"]
    xs = [m, m + 130, m + 215, m + 300, m + 385]
    doc.ensure(14)
    for x, c in zip(xs, cols, strict=True):
        doc.text(x, doc.y - 9, c, "Helvetica-Bold", 8)
    doc.gap(13)
    for i, s in enumerate(rows, 1):
        doc.ensure(20)
        doc.field(names("name", "Lang", i), s.language, xs[0], doc.y - 16, 120, 15)
        for x, attr, flag in zip(xs[1:], cols[1:], skills(s), strict=True):
            doc.field(names(attr, "Lang", i), easily(flag, "en"), x, doc.y - 16, 78, 15)
        doc.gap(20)

    section("3. Education (university or equivalent)")
    style = rng.choice(("num", "num", "dash"))
    for i, st in enumerate(profile.studies, 1):
        doc.ensure(70)
        _row(doc, names, "Edu", i, [("Institution, place and country", "institution", f"{st.institution}, {st.city}, {st.country}", 330),
                                     ("From (mm/yyyy)", "from", fmt_ym(st.start, style), 70), ("To (mm/yyyy)", "to", fmt_ym(st.end, style), 70)])
        _row(doc, names, "Edu", i, [("Degree / title obtained", "degree", degree_line(st, "en"), 330),
                                     ("Main course of study", "subject", st.subject.en, 150)])
        doc.gap(4)

    doc.new_page()
    section("4. Employment record (starting with your present post)")
    for i, job in enumerate(profile.jobs, 1):
        start, end = job_dates(job, style, "en", rng)
        duties = duties_text(job, "en")
        doc.ensure(150)
        _row(doc, names, "Emp", i, [("From (mm/yyyy)", "from", start, 80), ("To (mm/yyyy)", "to", end, 80),
                                    ("Exact title of your post", "title", job.title.en, 300)])
        _row(doc, names, "Emp", i, [("Name of employer", "employer", job.employer, 250),
                                    ("Type of contract", "contract", "Internship" if job.internship else "Fixed-term", 100),
                                    ("Name of supervisor", "supervisor", job.supervisor.name, 130)])
        h = max(40, doc.para_height(duties, 500, 8) + 10)
        doc.ensure(h + 14)
        doc.text(m, doc.y - 8, "Description of your duties", size=7.5)
        doc.field(names("duties", "Emp", i), duties, m, doc.y - 12 - h, right - m, h, multiline=True)
        doc.gap(h + 20)

    section("5. References (persons not related to you)")
    for i, ref in enumerate(profile.referees, 1):
        _row(doc, names, "Ref", i, [("Full name", "name", ref.name, 150), ("E-mail", "email", ref.email, 180),
                                    ("Occupation", "occupation", ref.occupation.en, 130)])
    if profile.dependants:
        section("6. Dependants")
        for i, dep in enumerate(profile.dependants, 1):
            _row(doc, names, "Dep", i, [("Name", "name", dep.name, 200), ("Date of birth", "dob", fmt_dob(dep.born, "dmy"), 90),
                                        ("Relationship", "relationship", dep.relation.en, 100)])
    doc.ensure(40)
    doc.gap(10)
    doc.text(m, doc.y - 10, "I certify that the statements made by me are true, complete and correct.", size=8)
    doc.gap(16)
    _row(doc, names, "Sig", 1, [("Date", "date", fmt_dob(sign_date(profile, vacancy), "dmy"), 90),
                                ("Signature", "signature", profile.name, 200)])
    return Rendered(doc.output(), "p11", "en", doc.strings, tracked_duties(profile))


def _row(doc: Doc, names: _Names, group: str, idx: int, cells: list[tuple[str, str, str, float]]) -> None:
    """Labels above a row of fields."""
    doc.ensure(32)
    x = doc.margin
    for label, attr, value, w in cells:
        doc.text(x, doc.y - 8, label, size=7)
        doc.field(names(attr, group, idx), value, x, doc.y - 27, w, 16)
        x += w + 10
    doc.gap(32)
