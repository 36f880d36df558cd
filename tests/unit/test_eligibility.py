"""Eligibility rules on hand-built facts: each rule's edges, review on missing data, overrides."""

from dataclasses import replace
from datetime import date

import pytest

from jpo_tui.core.records import ApplicantFacts, EducationEntry, EmploymentEntry, LanguageSkill, YearMonth
from jpo_tui.core.vacancy import EligibilitySpec, VacancySpec
from jpo_tui.screening.eligibility import Override, evaluate, rule_age, rule_languages, rule_nationality

SPEC = VacancySpec(
    id="T-1", title="JPO", organisation="UNDP", duty_station="Dakar", grade="P2", donor="Belgium",
    call_year=2026, deadline=date(2026, 3, 31), criteria=(),
    eligibility=EligibilitySpec(
        nationalities=("Belgium",), dcc_nationalities=("Senegal", "Democratic Republic of the Congo"),
        required_languages=("English", "French"),
    ),
)


def fluent(lang: str) -> LanguageSkill:
    return LanguageSkill(lang, read=True, write=True, speak=True, understand=True)


def months_of_work(n: int, *, internship: bool = False, end: tuple[int, int] = (2025, 12)) -> EmploymentEntry:
    last = YearMonth(*end).index()
    first = last - n + 1
    return EmploymentEntry(start=YearMonth(first // 12, first % 12 + 1), end=YearMonth(*end), internship=internship)


def master(end: tuple[int, int] = (2020, 6), **kw: object) -> EducationEntry:
    return EducationEntry(degree="MA International Relations", start=YearMonth(2019, 9), end=YearMonth(*end),
                          level="master", **kw)


def bachelor() -> EducationEntry:
    return EducationEntry(degree="BSc Economics", start=YearMonth(2016, 9), end=YearMonth(2019, 6), level="bachelor")


def facts(**kw: object) -> ApplicantFacts:
    base = ApplicantFacts(
        name="Test Person", date_of_birth=date(1996, 5, 7), nationality="Belgium",
        languages=[fluent("English"), fluent("French")], education=[master(), bachelor()],
        employment=[months_of_work(36)],
    )
    return replace(base, **kw)


def test_a_complete_eligible_applicant() -> None:
    out = evaluate(facts(), SPEC)
    assert out.status == "eligible"
    assert out.failed == [] and out.reasons == []
    assert [r.rule for r in out.rules] == ["age", "degree", "experience", "nationality", "languages"]
    assert out.age == 30 and out.highest_degree == "master" and out.experience_months == 36
    assert out.language_levels == {"English": "fluent", "French": "fluent"}
    assert out.to_dict()["rules"][0]["rule"] == "age"


# ------------------------------------------------------------------------------------------- age
@pytest.mark.parametrize(("born", "status"), [
    (date(1994, 1, 1), "pass"),    # 32 on 31 Dec 2026
    (date(1994, 12, 31), "pass"),  # turns 32 on the very last day
    (date(1993, 12, 31), "fail"),  # 33 on 31 Dec 2026
    (date(1993, 1, 1), "fail"),
])
def test_age_limit_year_edges(born: date, status: str) -> None:
    assert rule_age(facts(date_of_birth=born), 2026, 32).status == status


def test_age_sentence_names_the_age_date_and_limit() -> None:
    result = rule_age(facts(date_of_birth=date(1993, 8, 12)), 2026, 32)
    assert result.sentence == "Age 33 on 31 Dec 2026 (born 12 Aug 1993): over the limit of 32"


def test_missing_birth_date_is_review_not_a_guess() -> None:
    out = evaluate(facts(date_of_birth=None), SPEC)
    assert out.status == "review" and out.age is None
    assert out.rule("age").status == "review"
    assert out.failed == []


def test_implausible_birth_date_is_review() -> None:
    assert rule_age(facts(date_of_birth=date(2020, 1, 1)), 2026, 32).status == "review"


# ---------------------------------------------------------------------------------------- degree
def test_bachelor_with_47_months_fails_on_experience_and_48_passes() -> None:
    out47 = evaluate(facts(education=[bachelor()], employment=[months_of_work(47)]), SPEC)
    assert out47.status == "ineligible" and out47.failed == ["experience"]
    assert "required 48 months for a bachelor" in out47.rule("experience").sentence
    out48 = evaluate(facts(education=[bachelor()], employment=[months_of_work(48)]), SPEC)
    assert out48.status == "eligible"
    assert out48.highest_degree == "bachelor"


def test_master_needs_only_the_base_experience() -> None:
    assert evaluate(facts(employment=[months_of_work(24)]), SPEC).status == "eligible"


def test_degree_completed_after_the_deadline_does_not_count() -> None:
    out = evaluate(facts(education=[master(end=(2026, 6)), bachelor()], employment=[months_of_work(30)]), SPEC)
    assert out.highest_degree == "bachelor"
    assert out.failed == ["experience"]  # bachelor route: 30 < 48


def test_ongoing_master_does_not_count_and_no_degree_fails() -> None:
    out = evaluate(facts(education=[master(ongoing=True)]), SPEC)
    assert out.highest_degree == "none"
    assert "degree" in out.failed


def test_degree_of_unclear_level_is_review() -> None:
    unclear = EducationEntry(degree="Diplôme d'études spécialisées", end=YearMonth(2020, 6), level="unknown")
    out = evaluate(facts(education=[unclear, bachelor()], employment=[months_of_work(30)]), SPEC)
    assert out.rule("degree").status == "review"
    assert out.status == "review" or "experience" in out.failed


def test_no_education_at_all_is_review() -> None:
    assert evaluate(facts(education=[]), SPEC).rule("degree").status == "review"


def test_year_only_end_in_the_deadline_year_is_review() -> None:
    edu = [EducationEntry(degree="Master", end=YearMonth(2026, 6, approximate=True), level="master")]
    assert evaluate(facts(education=edu), SPEC).rule("degree").status == "review"


# ------------------------------------------------------------------------------------ experience
def test_exactly_24_months_passes_and_23_5_fails() -> None:
    assert evaluate(facts(employment=[months_of_work(24)]), SPEC).rule("experience").status == "pass"
    short = [months_of_work(23), months_of_work(1, internship=True, end=(2023, 6))]
    out = evaluate(facts(employment=short), SPEC)
    assert out.experience_months == 23.5
    assert out.failed == ["experience"]


def test_internship_overlapping_a_job_is_not_counted_twice() -> None:
    both = [months_of_work(20), months_of_work(8, internship=True)]
    out = evaluate(facts(employment=both), SPEC)
    assert out.experience_months == 20
    assert out.failed == ["experience"]


def test_marking_an_entry_not_relevant_recomputes_experience() -> None:
    entries = [months_of_work(20), months_of_work(12, end=(2023, 12))]
    assert evaluate(facts(employment=entries), SPEC).status == "eligible"
    out = evaluate(facts(employment=entries), SPEC, excluded_employment={1})
    assert out.experience_months == 20 and out.failed == ["experience"]
    assert "marked not relevant" in out.rule("experience").sentence
    entries[1].relevant = False
    assert evaluate(facts(employment=entries), SPEC).experience_months == 20


def test_unreadable_dates_below_the_threshold_are_review() -> None:
    entries = [months_of_work(12), EmploymentEntry(title="Officer", employer="UNDP")]
    out = evaluate(facts(employment=entries), SPEC)
    assert out.rule("experience").status == "review" and out.status == "review"


def test_year_only_dates_near_the_threshold_are_review() -> None:
    entry = EmploymentEntry(start=YearMonth(2022, 1, approximate=True), end=YearMonth(2023, 12, approximate=True))
    assert evaluate(facts(employment=[entry]), SPEC).rule("experience").status == "review"


# ----------------------------------------------------------------------------------- nationality
@pytest.mark.parametrize("written", ["Belgium", "Belgique", "België", "Belgian", "belge"])
def test_donor_nationality_in_any_spelling(written: str) -> None:
    result = rule_nationality(facts(nationality=written), SPEC.eligibility.nationalities,
                              SPEC.eligibility.dcc_nationalities)
    assert result.status == "pass" and "donor list" in result.sentence


@pytest.mark.parametrize("written", ["DRC", "RD Congo", "Democratic Republic of the Congo", "Sénégalaise"])
def test_dcc_nationality_says_which_list(written: str) -> None:
    result = rule_nationality(facts(nationality=written), SPEC.eligibility.nationalities,
                              SPEC.eligibility.dcc_nationalities)
    assert result.status == "pass" and "DCC list" in result.sentence


def test_other_nationality_fails_and_missing_or_ambiguous_is_review() -> None:
    elig = SPEC.eligibility
    assert rule_nationality(facts(nationality="Canada"), elig.nationalities, elig.dcc_nationalities).status == "fail"
    assert rule_nationality(facts(nationality=""), elig.nationalities, elig.dcc_nationalities).status == "review"
    assert rule_nationality(facts(nationality="Congo"), elig.nationalities, elig.dcc_nationalities).status == "review"
    assert rule_nationality(facts(nationality="Wakanda"), elig.nationalities,
                            elig.dcc_nationalities).status == "review"


def test_dual_nationality_passes_when_either_is_listed() -> None:
    elig = SPEC.eligibility
    result = rule_nationality(facts(nationality="French / Belgian"), elig.nationalities, elig.dcc_nationalities)
    assert result.status == "pass" and "Belgium" in result.sentence


# ------------------------------------------------------------------------------------- languages
def test_required_language_below_working_fails() -> None:
    weak = LanguageSkill("French", read=True, write=False, speak=False, understand=True)
    out = evaluate(facts(languages=[fluent("English"), weak]), SPEC)
    assert out.failed == ["languages"]
    assert out.language_levels["French"] == "basic"


def test_working_level_and_mother_tongue_and_other_language_names_pass() -> None:
    langs = [LanguageSkill("Anglais", speak=True, understand=True, read=False, write=False),
             LanguageSkill("Frans", mother_tongue=True)]
    assert rule_languages(facts(languages=langs), ("English", "French"), (), "working").status == "pass"


def test_missing_required_language_fails_and_no_languages_is_review() -> None:
    assert rule_languages(facts(languages=[fluent("English")]), ("English", "French"), (), "working").status == "fail"
    assert rule_languages(facts(languages=[]), ("English", "French"), (), "working").status == "review"


def test_level_not_stated_is_review() -> None:
    langs = [fluent("English"), LanguageSkill("French")]
    assert rule_languages(facts(languages=langs), ("English", "French"), (), "working").status == "review"


def test_any_of_languages() -> None:
    langs = [fluent("English"), LanguageSkill("Spanish", stated_level="working")]
    assert rule_languages(facts(languages=langs), ("English",), ("French", "Spanish"), "working").status == "pass"
    assert rule_languages(facts(languages=langs), ("English",), ("French", "Portuguese"), "working").status == "fail"


# ------------------------------------------------------------------------------------- overrides
def test_override_changes_the_rule_and_says_so() -> None:
    old = facts(date_of_birth=date(1990, 1, 1))
    assert evaluate(old, SPEC).failed == ["age"]
    out = evaluate(old, SPEC, {"age": Override("pass", "Exception granted by the donor", "chair")})
    assert out.status == "eligible"
    age = out.rule("age")
    assert age.overridden and age.status == "pass"
    assert "overridden to pass by chair: Exception granted by the donor" in age.sentence


def test_override_can_fail_a_passing_rule_and_resolve_a_review() -> None:
    out = evaluate(facts(date_of_birth=None), SPEC, {"age": ("pass", "passport seen", "chair")})
    assert out.status == "eligible"
    out = evaluate(facts(), SPEC, {"nationality": ("fail", "renounced", "chair")})
    assert out.failed == ["nationality"] and out.status == "ineligible"


def test_unknown_override_rule_is_refused() -> None:
    with pytest.raises(ValueError):
        evaluate(facts(), SPEC, {"height": ("pass", "tall", "chair")})
