"""Donor rule profiles: the vacancy file names one and overrides its keys; each new rule's edges; the
``profiles`` verb; typos in countries, languages, profile and list names refused with the key named."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from jpo_tui.cli.main import main
from jpo_tui.core import profiles
from jpo_tui.core.records import ApplicantFacts, EducationEntry, EmploymentEntry, LanguageSkill, YearMonth
from jpo_tui.core.vacancy import VacancyFileError, VacancySpec, load_vacancy, parse_vacancy
from jpo_tui.screening.eligibility import evaluate

DATA = Path(__file__).resolve().parents[2] / "data"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"

HEAD = """\
[vacancy]
id = "T-2026"
call_year = 2026
deadline = 2026-03-15

"""
HAND_WRITTEN_BELGIAN = HEAD + """\
[eligibility]
max_age = 32
min_degree = "master"
bachelor_extra_experience_years = 2
min_experience_years = 2
internship_weight = 0.5
nationalities = ["Belgium"]
dcc_nationalities = ["Benin", "Burkina Faso", "Burundi", "Democratic Republic of the Congo", "Guinea", "Mali", "Morocco", "Mozambique", "Niger", "Uganda", "Palestine", "Rwanda", "Senegal", "Tanzania"]
required_languages = ["English", "French"]
"""


@pytest.fixture(autouse=True)
def own_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own (empty) folder of the committee's own profiles."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the city index's cache file
    profiles.clear_caches()
    yield tmp_path / "config" / "jpo-tui" / "profiles"
    profiles.clear_caches()


def vacancy(eligibility: str) -> VacancySpec:
    return parse_vacancy(HEAD + "[eligibility]\n" + eligibility, "vacancy.toml")


def fluent(lang: str) -> LanguageSkill:
    return LanguageSkill(lang, read=True, write=True, speak=True, understand=True)


def work(months: int = 36) -> EmploymentEntry:
    last = YearMonth(2025, 12).index()
    first = last - months + 1
    return EmploymentEntry(start=YearMonth(first // 12, first % 12 + 1), end=YearMonth(2025, 12))


def master_at(institution: str) -> EducationEntry:
    return EducationEntry(institution=institution, degree="Master in Public Health", start=YearMonth(2018, 9),
                          end=YearMonth(2020, 6), level="master")


def person(**kw: object) -> ApplicantFacts:
    base = ApplicantFacts(name="Awa Diallo", date_of_birth=date(1996, 5, 7), nationality="Senegal",
                          languages=[fluent("English"), fluent("French")],
                          education=[master_at("Université Cheikh Anta Diop, Dakar, Senegal")], employment=[work()])
    return replace(base, **kw)


# ------------------------------------------------------------------------------------- the profiles


def test_the_belgian_profile_screens_as_the_hand_written_vacancy() -> None:
    by_profile = vacancy('profile = "belgium"\n').eligibility
    by_hand = parse_vacancy(HAND_WRITTEN_BELGIAN, "vacancy.toml").eligibility
    assert by_profile.profile == "belgium" and by_profile.profile_overrides == ()
    assert set(by_profile.dcc) == set(by_hand.dcc) and len(by_profile.dcc) == 14
    same = ("max_age", "age_reference", "age_limit", "min_degree", "bachelor_extra_experience_years",
            "min_experience_years", "internship_weight", "nationalities", "required_languages", "any_languages",
            "min_language_level", "dcc_reserved", "dcc_study_in_developing_country")
    assert {k: getattr(by_profile, k) for k in same} == {k: getattr(by_hand, k) for k in same}
    spec_p, spec_h = vacancy('profile = "belgium"\n'), parse_vacancy(HAND_WRITTEN_BELGIAN, "v.toml")
    for nationality in ("Belgium", "Senegal", "Morocco", "Cameroon", "France", "Palestine", "Congo"):
        for born in (date(1993, 12, 31), date(1994, 1, 1), date(2000, 6, 1)):
            for langs in ([fluent("English"), fluent("French")], [fluent("English")]):
                facts = person(nationality=nationality, date_of_birth=born, languages=langs)
                a, b = evaluate(facts, spec_p), evaluate(facts, spec_h)
                assert (a.status, a.failed) == (b.status, b.failed), (nationality, born)


@pytest.mark.skipif(not (SHARED / "dev" / "vacancy.toml").exists(), reason="the shared corpora are not here")
@pytest.mark.parametrize("corpus", ["dev", "dev2"])
def test_the_shared_corpora_vacancies_equal_the_belgian_profile(corpus: str) -> None:
    text = (SHARED / corpus / "vacancy.toml").read_text(encoding="utf-8")
    hand = parse_vacancy(text, "vacancy.toml").eligibility
    start, end = text.index("[eligibility]"), text.index("[[criteria]]")
    prof = parse_vacancy(text[:start] + '[eligibility]\nprofile = "belgium"\n\n' + text[end:], "v.toml").eligibility
    assert set(prof.dcc) == set(hand.dcc)
    assert replace(prof, **{k: getattr(hand, k) for k in ("dcc_nationalities", "dcc_lists", "dcc_countries",
                                                          "dcc_description", "profile", "profile_title",
                                                          "profile_sources", "desirable_languages")}) == hand


def test_the_demo_vacancy_uses_the_belgian_profile() -> None:
    spec = load_vacancy(DATA / "vacancy.toml")
    assert spec.eligibility.profile == "belgium"
    assert "Rules of profile 'belgium'" in spec.eligibility.rules_summary()
    dutch = load_vacancy(DATA / "netherlands" / "vacancy.toml").eligibility
    assert dutch.profile == "netherlands" and dutch.dcc_reserved and dutch.dcc_study_in_developing_country
    assert "dcc_reserved" in dutch.profile_overrides
    assert "Senegal" in dutch.dcc and "Morocco" not in dutch.dcc and "Senegal" in dutch.developing_countries


def test_a_vacancy_overrides_a_profile_key_and_says_so() -> None:
    spec = vacancy('profile = "belgium"\nmax_age = 30\nrequired_languages = ["English", "French"]\n').eligibility
    assert spec.max_age == 30
    assert spec.profile_overrides == ("max_age",)  # restating the profile's value is no override
    assert spec.rules_summary().endswith("the vacancy file overrides max_age")


def test_an_unknown_profile_is_refused_with_the_key_and_the_closest_name() -> None:
    with pytest.raises(VacancyFileError) as err:
        vacancy('profile = "belgum"\n')
    assert str(err.value).startswith("vacancy.toml: 'eligibility.profile': no profile 'belgum'")
    assert "did you mean 'belgium'?" in str(err.value)


def test_a_key_the_profile_does_not_know_is_refused() -> None:
    with pytest.raises(VacancyFileError) as err:
        vacancy('profile = "belgium"\nage_refrence = "deadline"\n')
    assert str(err.value) == ("vacancy.toml: unknown key 'eligibility.age_refrence' (profile 'belgium' has no such "
                              "rule; did you mean 'age_reference'?)")
    with pytest.raises(VacancyFileError, match="'eligibility.dcc_countries' is computed"):
        vacancy('dcc_countries = ["Senegal"]\n')


@pytest.mark.parametrize(("line", "message"), [
    ('nationalities = ["Belgum"]', "'eligibility.nationalities[0]' 'Belgum' is not a country: did you mean 'Belgium'?"),
    ('required_languages = ["Englsh", "French"]',
     "'eligibility.required_languages[0]' 'Englsh' is not a language: did you mean 'English'?"),
    ('dcc_nationalities = ["Congo"]', "'eligibility.dcc_nationalities[0]' 'Congo' could be Democratic Republic of "
     "the Congo or Republic of the Congo: write which"),
    ('dcc_lists = ["least-developped-countries"]', "'eligibility.dcc_lists[0]' names no country list "
     "'least-developped-countries': did you mean 'least-developed-countries'?"),
    ('age_reference = "31 december"', "'eligibility.age_reference' must be one of 31-december, deadline"),
    ('dcc_reserved = true', "'eligibility.dcc_reserved': a post reserved for DCC needs dcc_lists or dcc_nationalities"),
])
def test_typos_in_the_vacancy_file_are_refused_with_the_key(line: str, message: str) -> None:
    with pytest.raises(VacancyFileError) as err:
        vacancy(line + "\n")
    assert message in str(err.value) and str(err.value).startswith("vacancy.toml: ")


def test_a_committee_writes_its_own_profile_and_list(own_profiles: Path) -> None:
    (own_profiles / "lists").mkdir(parents=True)
    (own_profiles / "lists" / "sahel.toml").write_text(
        '[list]\ntitle = "Sahel"\nedition = "2026 call"\nsources = [{title = "Call for applications 2026"}]\n'
        'countries = ["Mali", "Niger", "Burkina Faso", "Tchad"]\n', encoding="utf-8")
    (own_profiles / "belgium-sahel.toml").write_text(
        '[profile]\ntitle = "Belgium, Sahel posts"\nextends = "belgium"\n'
        'sources = [{title = "Call for applications 2026", year = 2026}]\n\n'
        '[eligibility]\ndcc_lists = ["sahel"]\ndcc_reserved = true\nage_limit = "under"\nmax_age = 33\n',
        encoding="utf-8")
    profiles.clear_caches()
    spec = vacancy('profile = "belgium-sahel"\n')
    assert spec.eligibility.dcc == ("Mali", "Niger", "Burkina Faso", "Chad")
    out = evaluate(person(nationality="Niger", education=[master_at("Université Abdou Moumouni, Niamey, Niger")]),
                   spec)
    assert out.rule("nationality").sentence == ("Nationality Niger: in the DCC list (Sahel, 2026 call); the post is "
                                                "reserved for DCC")
    assert evaluate(person(nationality="Belgium"), spec).rule("nationality").status == "fail"


def test_a_broken_own_profile_is_refused_with_its_file_and_key(own_profiles: Path) -> None:
    own_profiles.mkdir(parents=True)
    (own_profiles / "mine.toml").write_text('[profile]\ntitle = "Mine"\nsources = [{title = "x"}]\n\n'
                                            '[eligibility]\nmax_agee = 30\n', encoding="utf-8")
    with pytest.raises(VacancyFileError) as err:
        vacancy('profile = "mine"\n')
    assert "mine.toml: unknown key 'eligibility.max_agee'" in str(err.value)
    assert str(err.value).startswith("vacancy.toml: 'eligibility.profile': ")


# --------------------------------------------------------------------------------------- age reference


@pytest.mark.parametrize(("rules", "born", "status"), [
    # 32 or younger on 31 December 2026: born in 1994 is 32, born on 31 Dec 1993 is 33
    ('age_reference = "31-december"\nmax_age = 32', date(1994, 1, 1), "pass"),
    ('age_reference = "31-december"\nmax_age = 32', date(1993, 12, 31), "fail"),
    # under 33 on 31 December: the same people
    ('age_limit = "under"\nmax_age = 33', date(1994, 1, 1), "pass"),
    ('age_limit = "under"\nmax_age = 33', date(1993, 12, 31), "fail"),
    # under 32: born on 31 December 1994 turns 32 that day, born on 1 January 1995 is 31
    ('age_limit = "under"\nmax_age = 32', date(1994, 12, 31), "fail"),
    ('age_limit = "under"\nmax_age = 32', date(1995, 1, 1), "pass"),
    # 32 or younger at the deadline (15 March 2026): born on 31 Dec 1993 is still 32, born on 1 Jan 1993 is 33
    ('age_reference = "deadline"\nmax_age = 32', date(1993, 12, 31), "pass"),
    ('age_reference = "deadline"\nmax_age = 32', date(1993, 1, 1), "fail"),
    ('age_reference = "deadline"\nmax_age = 32', date(1993, 3, 15), "fail"),  # 33rd birthday on the deadline
    ('age_reference = "deadline"\nmax_age = 32', date(1993, 3, 16), "pass"),
    # under 33 at the deadline
    ('age_reference = "deadline"\nage_limit = "under"\nmax_age = 33', date(1993, 3, 16), "pass"),
    ('age_reference = "deadline"\nage_limit = "under"\nmax_age = 33', date(1993, 3, 15), "fail"),
])
def test_age_reference_and_limit_edges(rules: str, born: date, status: str) -> None:
    out = evaluate(person(date_of_birth=born), vacancy('profile = "belgium"\n' + rules + "\n"))
    assert out.rule("age").status == status, out.rule("age").sentence


def test_the_age_sentence_says_which_reference() -> None:
    spec = vacancy('age_reference = "deadline"\nage_limit = "under"\nmax_age = 33\n')
    out = evaluate(person(date_of_birth=date(1993, 3, 15)), spec)
    assert out.rule("age").sentence == "Age 33 on 15 Mar 2026 (the deadline) (born 15 Mar 1993): not under 33"
    assert out.age == 33


# ------------------------------------------------------------------------------------ DCC-reserved post


def test_a_post_reserved_for_dcc_refuses_the_donors_nationals() -> None:
    spec = vacancy('profile = "belgium"\ndcc_reserved = true\n')
    belgian = evaluate(person(nationality="Belgium"), spec).rule("nationality")
    assert belgian.status == "fail"
    assert belgian.sentence.startswith("Nationality Belgium: the post is reserved for candidates from developing "
                                       "countries, and this is not in the DCC list (Partner countries of Belgium")
    senegalese = evaluate(person(nationality="Senegal"), spec).rule("nationality")
    assert senegalese.status == "pass" and senegalese.sentence.endswith("; the post is reserved for DCC")
    assert evaluate(person(nationality="Canada"), spec).rule("nationality").status == "fail"
    assert evaluate(person(nationality="Belgium"), vacancy('profile = "belgium"\n')).status == "eligible"


# ------------------------------------------------------------------------------- studies (Dutch rule)


@pytest.mark.parametrize(("institution", "status", "said"), [
    ("Université Cheikh Anta Diop, Dakar, Senegal", "pass", "in a developing country"),
    ("Université Cheikh Anta Diop, Dakar", "pass", "(Senegal)"),  # the city tells the country
    ("KU Leuven, Leuven, Belgium", "fail", "none in a developing country"),
    ("KU Leuven", "review", "could be in Belgium, read from 'Leuven' in the name"),  # a guess never fails
    ("Graduate Institute of International and Development Studies", "review", "not told"),
    ("Université Catholique du Congo", "pass", "Democratic Republic of the Congo or Republic of the Congo"),
])
def test_part_of_the_studies_in_a_developing_country(institution: str, status: str, said: str) -> None:
    spec = vacancy('profile = "netherlands"\n')
    out = evaluate(person(education=[master_at(institution)]), spec)
    assert out.rule("studies").status == status and said in out.rule("studies").sentence
    assert out.status == {"pass": "eligible", "fail": "ineligible", "review": "review"}[status]


def test_one_degree_in_a_developing_country_is_enough_and_nationals_need_none() -> None:
    spec = vacancy('profile = "netherlands"\n')
    both = [master_at("KU Leuven, Leuven, Belgium"),
            EducationEntry(institution="University of Rwanda, Kigali, Rwanda", degree="BSc Nursing",
                           start=YearMonth(2014, 9), end=YearMonth(2017, 6), level="bachelor")]
    assert evaluate(person(nationality="Rwanda", education=both), spec).rule("studies").status == "pass"
    dutch = evaluate(person(nationality="Netherlands", education=[master_at("KU Leuven, Leuven, Belgium")]), spec)
    assert dutch.rule("studies").status == "pass" and "not required of a Netherlands national" in \
        dutch.rule("studies").sentence
    school_only = [EducationEntry(institution="Lycée Blaise Diagne, Dakar", degree="Baccalauréat", level="secondary")]
    assert evaluate(person(education=school_only), spec).rule("studies").status == "review"


def test_the_studies_rule_is_only_there_when_the_vacancy_asks_it() -> None:
    assert [r.rule for r in evaluate(person(), vacancy('profile = "belgium"\n')).rules] == [
        "age", "degree", "experience", "nationality", "languages"]
    assert evaluate(person(), vacancy('profile = "netherlands"\n')).rules[-1].rule == "studies"


# ---------------------------------------------------------------------------------- desirable languages


def test_a_missing_desirable_language_never_disqualifies() -> None:
    spec = vacancy('profile = "un-general"\nnationalities = ["Senegal"]\n')
    out = evaluate(person(languages=[fluent("English")]), spec)
    assert out.status == "eligible"
    assert out.rule("languages").sentence == ("Languages: English fluent: at least working; desirable, none "
                                              "listed: French, Spanish, Arabic, Chinese, Russian")
    shown = evaluate(person(languages=[fluent("English"), fluent("Spanish")]), spec).rule("languages").sentence
    assert shown.endswith("; desirable: Spanish fluent")


# ------------------------------------------------------------------------------------ the profiles verb


def test_profiles_lists_every_profile_with_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles"]) == 0
    out = capsys.readouterr().out
    for name in ("un-general", "belgium", "netherlands", "least-developed-countries", "oecd-dac-oda-recipients",
                 "belgian-partner-countries"):
        assert f"\n{name}: " in "\n" + out
    assert "source: UN DESA Junior Professional Officers Programme" in out
    assert "source: FOD Buitenlandse Zaken" in out
    assert "for reporting on 2024 and 2025 flows" in out


def test_profiles_show_prints_every_rule_and_where_it_comes_from(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles", "show", "belgium"]) == 0
    out = capsys.readouterr().out
    assert 'nationalities                   = ["Belgium"]   # belgium' in out
    assert "min_experience_years            = 2   # un-general" in out
    assert "dcc_reserved                    = false   # default" in out
    assert "country list belgian-partner-countries:" in out and "Palestine" in out
    assert main(["profiles", "show", "belgum"]) == 2
    assert "no profile 'belgum': did you mean 'belgium'?" in capsys.readouterr().err


def test_import_refuses_a_vacancy_with_a_typo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "vacancy.toml"
    bad.write_text(HEAD + '[eligibility]\nprofile = "belgium"\nnationalities = ["Belgum"]\n', encoding="utf-8")
    (tmp_path / "apps").mkdir()
    assert main(["import", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--vacancy", str(bad), str(tmp_path / "apps")]) == 2
    assert "'eligibility.nationalities[0]' 'Belgum' is not a country: did you mean 'Belgium'?" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_the_json_export_says_which_profile_and_overrides(tmp_path: Path) -> None:
    from jpo_tui.exports.json_export import vacancy_export
    from jpo_tui.store.db import open_database, session_scope
    from jpo_tui.store.writes import upsert_vacancy

    spec = vacancy('profile = "netherlands"\ndcc_reserved = true\n')
    engine = open_database(f"sqlite:///{tmp_path / 'e.db'}")
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec)
    with session_scope(engine, write=True) as session:
        doc = json.loads(json.dumps(vacancy_export(session, spec.id), default=str))
    rules = doc["vacancy"]["rules"]
    assert rules["profile"] == "netherlands" and rules["overrides"] == ["dcc_reserved"]
    assert any("UN DESA" in s for s in rules["sources"])
    assert doc["vacancy"]["eligibility"]["dcc_reserved"] is True


def test_the_city_index_is_cached_and_read_back(tmp_path: Path) -> None:
    from jpo_tui.screening import places

    places._city_index.cache_clear()
    places.institution_place.cache_clear()
    assert places.institution_countries("KU Leuven") == ("Belgium",)
    cache = places._cache_file()
    assert cache.is_file() and str(cache).startswith(str(tmp_path))
    places._city_index.cache_clear()
    places.institution_place.cache_clear()
    assert places.institution_countries("Université de Kinshasa") == ("Democratic Republic of the Congo",)


def test_the_committee_report_names_the_profile_and_its_sources(db_url: str) -> None:
    from jpo_tui.exports.tables import export_committee
    from jpo_tui.store.db import session_scope
    from jpo_tui.store.writes import upsert_vacancy
    from tests.unit.committee_setup import PASS, VACANCY, make_committee, make_vacancy, spec

    engine = make_vacancy(db_url, {"K01": "Awa Diallo"})
    make_committee(engine)
    rules = vacancy('profile = "belgium"\ndcc_reserved = true\n').eligibility
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, replace(spec(), eligibility=rules))
    for fmt in ("md", "html"):
        text = export_committee(engine, VACANCY, fmt, what="report", actor="chair", passphrase=PASS["chair"]).decode()
        assert "Rules of profile " in text and "the vacancy file overrides dcc" in text  # md escapes the _
        assert "FOD Buitenlandse Zaken" in text


def test_a_vacancy_stored_before_profiles_is_unchanged_by_the_same_file(tmp_path: Path) -> None:
    """A database written before the new keys existed: re-importing the same file is no change of the rules
    (a reviewer may still add late applications without the chair)."""
    from jpo_tui.ingest.pipeline import vacancy_changes
    from jpo_tui.store import models as m
    from jpo_tui.store.db import open_database, session_scope
    from jpo_tui.store.writes import upsert_vacancy

    spec = parse_vacancy(HAND_WRITTEN_BELGIAN.replace('"English", "French"', '"english", "French"'), "v.toml")
    engine = open_database(f"sqlite:///{tmp_path / 'old.db'}")
    old_keys = ("max_age", "min_degree", "bachelor_extra_experience_years", "min_experience_years",
                "internship_weight", "nationalities", "dcc_nationalities", "required_languages", "any_languages",
                "min_language_level")
    with session_scope(engine, write=True) as session:
        upsert_vacancy(session, spec)
        row = session.get(m.Vacancy, spec.id)
        row.eligibility = {k: v for k, v in spec.eligibility_dict().items() if k in old_keys} | {
            "required_languages": ["english", "French"]}
    with session_scope(engine) as session:
        assert vacancy_changes(session, spec) == {}
        assert "eligibility" in vacancy_changes(session, replace(spec, eligibility=replace(spec.eligibility,
                                                                                           max_age=30)))


def test_a_broken_own_file_is_named_and_hides_nothing_else(own_profiles: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    (own_profiles / "lists").mkdir(parents=True)
    (own_profiles / "lists" / "typo.toml").write_text(
        '[list]\ntitle = "T"\nedition = "1"\nsources = [{title = "x"}]\ncountries = ["Senegall"]\n', encoding="utf-8")
    (own_profiles / "half.toml").write_text("[profile\n", encoding="utf-8")
    profiles.clear_caches()
    assert vacancy('profile = "belgium"\n').eligibility.dcc  # the broken files do not stop other vacancies
    with pytest.raises(VacancyFileError) as err:
        vacancy('dcc_lists = ["typo"]\n')
    assert "'eligibility.dcc_lists[0]' names the country list 'typo', which cannot be read" in str(err.value)
    assert "'list.countries[0]' 'Senegall' is not a country: did you mean 'Senegal'?" in str(err.value)
    assert main(["profiles"]) == 1
    out = capsys.readouterr().out
    assert "half: cannot be used: " in out and "not valid TOML" in out and out.startswith("belgium: ")
    assert "typo: cannot be used: " in out


@pytest.mark.slow
def test_the_dutch_sample_imports_with_its_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """data/netherlands through the importer: DCC candidates who studied at home or in Dakar are eligible, those
    who studied only in Europe are not, and a CV naming only its university asks a person."""
    db = f"sqlite:///{tmp_path / 'nl.db'}"
    folder = DATA / "netherlands"
    assert main(["import", "--quiet", "--workers", "1", "--db", db, "--vacancy", str(folder / "vacancy.toml"),
                 str(folder / "applications")]) == 0
    assert main(["export", "--db", db, "--format", "json", "--out", str(tmp_path / "nl.json")]) == 0
    doc = json.loads((tmp_path / "nl.json").read_text(encoding="utf-8"))
    truth = {a["key"]: a["eligibility"] for a in json.loads((folder / "truth.json").read_text())["applicants"]}
    got = {c["key"]: c["eligibility"] for c in doc["candidates"]}
    assert doc["vacancy"]["rules"]["profile"] == "netherlands"
    agree = [k for k in truth if (got[k]["status"], got[k]["failed"]) == (truth[k]["status"], truth[k]["failed"])]
    asked = [k for k in truth if got[k]["status"] == "review"]
    assert sorted(agree + asked) == sorted(truth)  # never a wrong verdict, at most a question
    assert {k for k in agree if truth[k]["status"] == "eligible"} >= {"N2600001", "N2600003", "N2600005"}
    assert {k for k in agree if "studies" in truth[k]["failed"]} >= {"N2600002", "N2600004", "N2600008"}
    assert "N2600009" in asked  # a CV: "Université Cheikh Anta Diop" without its city
    studies = next(r for r in next(c for c in doc["candidates"] if c["key"] == "N2600009")["eligibility"]["rules"]
                   if r["rule"] == "studies")
    assert "country of 'Université Cheikh Anta Diop' not told" in studies["sentence"]
