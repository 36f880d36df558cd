"""Study and work histories, duties that mention (or nearly mention) vacancy criteria, and cover-letter points."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from jpo_tui.core.records import YearMonth
from jpo_tui.core.vacancy import CriterionSpec, VacancySpec
from tests.samples import pools
from tests.samples.keywords import safe_distractors, split_keywords, variant
from tests.samples.text import Bi, de, ym_add, ym_of

if TYPE_CHECKING:
    from tests.samples.profiles import Job, Profile, Study

FILLER: tuple[tuple[str, str], ...] = (
    ("Drafted donor reports, briefing notes and minutes of coordination meetings for the country office.",
     "Rédaction des rapports aux bailleurs, des notes de synthèse et des comptes rendus des réunions de coordination."),
    ("Organised field visits to partner sites {prov} and followed up on the recommendations.",
     "Organisation de missions de terrain auprès des partenaires {prov} et suivi des recommandations."),
    ("Managed a portfolio of {n} implementing partners and reviewed their quarterly financial reports.",
     "Gestion d'un portefeuille de {n} partenaires de mise en œuvre et revue de leurs rapports financiers trimestriels."),
    ("Prepared terms of reference and took part in the recruitment of consultants.",
     "Préparation des termes de référence et participation au recrutement de consultants."),
    ("Facilitated training sessions for {n} community volunteers and local authorities.",
     "Animation de sessions de formation pour {n} relais communautaires et autorités locales."),
    ("Represented the organisation in sector working group meetings with government counterparts.",
     "Représentation de l'organisation aux réunions des groupes de travail sectoriels avec les homologues gouvernementaux."),
    ("Followed up budget execution and the procurement of supplies for {n} project sites.",
     "Suivi de l'exécution budgétaire et des achats de fournitures pour {n} sites du projet."),
    ("Contributed to funding proposals submitted to {donor} and other donors.",
     "Contribution aux propositions de financement soumises à {donor} et à d'autres bailleurs."),
    ("Coordinated the logistics of workshops, trainings and high-level visits.",
     "Coordination logistique des ateliers, formations et visites de haut niveau."),
    ("Conducted desk reviews and literature reviews on social policy in West and Central Africa.",
     "Réalisation de revues documentaires sur les politiques sociales en Afrique de l'Ouest et du Centre."),
    ("Supervised a team of {n} enumerators during a household survey {prov}.",
     "Supervision d'une équipe de {n} enquêteurs lors d'une enquête ménages {prov}."),
    ("Maintained partner contact lists and the shared filing system of the office.",
     "Mise à jour des listes de contacts des partenaires et du classement partagé du bureau."),
    ("Prepared presentations and talking points for the head of office.",
     "Préparation de présentations et d'éléments de langage pour le chef de bureau."),
    ("Liaised with community leaders, schools and health centres to plan joint activities.",
     "Liaison avec les leaders communautaires, les écoles et les centres de santé pour planifier des activités conjointes."),
)
INTERN_FILLER: tuple[tuple[str, str], ...] = (
    ("Supported the team in day-to-day operations, drafted correspondence and organised meetings with partners.",
     "Appui à l'équipe dans les opérations courantes, rédaction de courriers et organisation de réunions avec les partenaires."),
    ("Carried out background research for a policy paper and summarised it in a short brief.",
     "Recherches documentaires pour une note de politique et rédaction d'une synthèse."),
    ("Took notes during inter-agency meetings and circulated the action points.",
     "Prise de notes lors des réunions inter-agences et diffusion des points d'action."),
)
SIDE_FILLER: tuple[tuple[str, str], ...] = (
    ("Served customers, handled the cash register and kept the shelves stocked on weekends.",
     "Accueil des clients, tenue de la caisse et réassort des rayons le week-end."),
    ("Answered first-line calls and logged incidents in the ticketing system.",
     "Réponse aux appels de premier niveau et enregistrement des incidents dans l'outil de tickets."),
)
MENTION: tuple[tuple[str, str], ...] = (
    ("Led {kw} activities in {n} districts, working closely with provincial authorities and community leaders.",
     "Coordination des activités {de_kw} dans {n} zones de santé, en lien étroit avec les autorités provinciales."),
    ("Coordinated the {kw} component of a programme funded by {donor} covering {n} health zones.",
     "Coordination du volet « {kw} » d'un programme financé par {donor} couvrant {n} zones de santé."),
    ("Provided technical support on {kw} to {n} implementing partners and followed up on their action plans.",
     "Appui technique en matière {de_kw} à {n} partenaires de mise en œuvre et accompagnement de leurs plans d'action."),
    ("Designed and delivered training on {kw} for social workers and community volunteers.",
     "Conception et animation de formations sur le thème « {kw} » pour les travailleurs sociaux et les relais communautaires."),
    ("Contributed to the {kw} strategy, the annual work plan and quarterly donor reporting.",
     "Contribution à la stratégie {de_kw}, au plan de travail annuel et aux rapports trimestriels aux bailleurs."),
    ("Drafted standard operating procedures for {kw} and trained partner staff in their use.",
     "Rédaction de procédures opérationnelles standard {de_kw} et formation du personnel des partenaires."),
)
LETTER_MENTION: tuple[tuple[str, str], ...] = (
    ("In my current position I have gained hands-on experience in {kw}, which I would bring to the team.",
     "Dans mes fonctions actuelles, j'ai acquis une expérience concrète en matière {de_kw}, que je mettrais au service de l'équipe."),
    ("My work on {kw} with local partners taught me how to build trust with communities and authorities.",
     "Mon expérience {de_kw} avec des partenaires locaux m'a appris à instaurer la confiance avec les communautés et les autorités."),
    ("I am particularly motivated by the prospect of strengthening {kw} in {station}.",
     "Je suis particulièrement motivé(e) par la perspective de contribuer au volet « {kw} » à {station}."),
    ("During my studies I specialised in {kw}, and I have since applied this knowledge in the field.",
     "Au cours de mes études, je me suis spécialisé(e) en {kw}, et j'ai depuis mis ces connaissances en pratique sur le terrain."),
)


def _fill(pair: tuple[str, str], rng: random.Random, en: dict[str, str] | None = None,
          fr: dict[str, str] | None = None) -> Bi:
    n = str(rng.randrange(3, 25))
    prov = rng.choice(pools.PROVINCES)
    donor = rng.choice(pools.DONORS)
    return Bi(pair[0].format(n=n, prov=prov[0], donor=donor[0], **(en or {})),
              pair[1].format(n=n, prov=prov[1], donor=donor[1], **(fr or {})))


def mention_text(templates: tuple[tuple[str, str], ...], crit: CriterionSpec, rng: random.Random, **extra: str) -> Bi:
    """One sentence naming ``crit`` through a spelling variant of one of its keywords, in both languages."""
    en_words, fr_words = split_keywords(crit)
    typo = rng.random() < 0.07
    en, _ = variant(rng.choice(en_words), rng, allow_typo=typo)
    fr, _ = variant(rng.choice(fr_words), rng, allow_typo=typo)
    return _fill(rng.choice(templates), rng, en={"kw": en, **extra}, fr={"kw": fr, "de_kw": de(fr), **extra})


def _subject(title: str) -> str:
    """The main course of study as it appears in a degree title ("... in Sociology" -> "Sociology")."""
    for sep in (" in de ", " in ", " en ", "Licentiaat ", "Doctoraat "):
        if sep in title:
            return title.rsplit(sep, 1)[1].split(" (")[0].strip()
    return title.split(" ", 1)[1] if " " in title else title


def _study(uni: tuple[str, str, str], deg: tuple[str, str], level: str, start: YearMonth, end: YearMonth,
           completed: bool) -> Study:
    from tests.samples.profiles import Study

    return Study(*uni, Bi(*deg), level, start, end, Bi(_subject(deg[0]), _subject(deg[1])), completed)


def _university(rng: random.Random, country: str, abroad: float = 0.0) -> tuple[str, str, str]:
    if rng.random() < abroad:
        return rng.choice(pools.UNIVERSITIES["abroad"])
    return rng.choice(pools.UNIVERSITIES.get(country, pools.UNIVERSITIES["Belgium"]))


def _studies(rng: random.Random, origin: pools.Origin, born: date, deadline: YearMonth) -> tuple[list, list]:
    from tests.samples.profiles import School

    age = deadline.year - born.year
    home = "Belgium" if origin.label in ("flemish", "walloon") else origin.birth_country
    school_name, diploma = rng.choice(pools.SECONDARY)
    schools = [School(school_name, rng.choice(origin.cities), YearMonth(born.year + 12, 9), YearMonth(born.year + 18, 6), diploma)]
    studies: list[Study] = []
    start = YearMonth(born.year + 18 + rng.choice((0, 0, 1)), 9)
    uni = _university(rng, home)
    if age >= 40 and origin.label in ("flemish", "walloon"):
        deg = rng.choice(pools.OLD_LICENCES)
        end = YearMonth(start.year + rng.choice((4, 5)), 6)
        studies.append(_study(uni, deg, "master", start, end, True))
        return studies, schools
    lmd = origin.label in ("senegalese", "moroccan", "west-african") and rng.random() < 0.6
    deg = rng.choice(pools.LMD_LICENCES if lmd else pools.BACHELORS)
    end = YearMonth(start.year + rng.choice((3, 3, 3, 4)), rng.choice((6, 6, 7, 9)))
    if end > ym_add(deadline, -3):
        end = ym_add(deadline, -rng.randrange(4, 16))
        start = YearMonth(end.year - 3, 9)
    studies.append(_study(uni, deg, "bachelor", start, end, True))
    last = end
    if rng.random() < 0.78:
        gap = rng.choices((0, 1, 2, 3), weights=(0.55, 0.25, 0.12, 0.08))[0]
        m_start = YearMonth(last.year + gap, 9)
        if rng.random() < 0.08 or m_start > ym_add(deadline, -8):
            m_start = YearMonth(deadline.year - 1, 9)  # still studying at the deadline
        dur = rng.choice((1, 1, 2))
        m_end = YearMonth(m_start.year + dur, rng.choice((6, 6, 9))) if dur == 2 else YearMonth(m_start.year + 1, rng.choice((6, 8, 9, 1)))
        if m_start > last:
            uni = _university(rng, "Belgium" if rng.random() < 0.6 else home, abroad=0.2)
            studies.append(_study(uni, rng.choice(pools.MASTERS), "master", m_start, m_end, m_end <= deadline))
            last = m_end
            if m_end <= deadline and rng.random() < 0.1:
                s2 = YearMonth(m_end.year + rng.choice((0, 1)), 9)
                e2 = YearMonth(s2.year + 1, 6)
                if e2 <= ym_add(deadline, 12):
                    uni = _university(rng, "Belgium", abroad=0.6)
                    studies.append(_study(uni, rng.choice(pools.MASTERS), "master", s2, e2, e2 <= deadline))
            if m_end <= deadline and rng.random() < 0.12:
                d_start = YearMonth(m_end.year + rng.choice((0, 1)), 10)
                d_end = YearMonth(d_start.year + rng.choice((4, 5)), rng.choice((6, 9, 12)))
                if d_start < deadline:
                    uni = _university(rng, "Belgium", abroad=0.2)
                    studies.append(_study(uni, rng.choice(pools.DOCTORATES), "doctorate", d_start, d_end, d_end <= deadline))
    studies.sort(key=lambda s: s.start, reverse=True)
    return studies, schools


def _contract(rng: random.Random, internship: bool, side: bool) -> tuple[Bi, str, str, str, str, tuple[int, int, str]]:
    if side:
        title = Bi(*rng.choice(pools.SIDE_TITLES))
        emp = rng.choice(pools.SIDE_EMPLOYERS)
        pay = rng.randrange(8, 14) * 1000
        return (title, *emp, (pay, pay, "EUR"))
    title = Bi(*rng.choice(pools.INTERN_TITLES if internship else pools.JOB_TITLES))
    emp = rng.choice(pools.EMPLOYERS)
    if internship:
        return (title, *emp, (0, 0, "EUR") if rng.random() < 0.5 else (9600, 9600, "EUR"))
    base = rng.randrange(22, 48) * 1000
    cur = "USD" if emp[3] == "United Nations" else "EUR"
    return (title, *emp, (base, base + rng.choice((0, 1000, 2000, 3500)), cur))


def career(rng: random.Random, origin: pools.Origin, born: date, vacancy: VacancySpec, sex: str) -> tuple:
    """(studies, schools, jobs most-recent-first, criteria kept for the cover letter)."""
    from tests.samples.profiles import Job, Sentence, contact, gendered

    deadline = ym_of(vacancy.deadline)
    studies, schools = _studies(rng, origin, born, deadline)
    bachelor = min(studies, key=lambda s: s.start)
    masters = [s for s in studies if s.level == "master"]
    cursor = ym_add(bachelor.end, rng.randrange(1, 5))
    if masters and rng.random() < 0.45:
        cursor = ym_add(min(m.end for m in masters), rng.randrange(1, 6))
    if cursor >= deadline:
        cursor = ym_add(deadline, -rng.randrange(3, 12))
    plans: list[tuple[YearMonth, YearMonth | None, bool, bool]] = []  # start, end, internship, side
    if rng.random() < 0.22:
        s = YearMonth(bachelor.start.year + 1, rng.randrange(1, 13))
        plans.append((s, ym_add(s, rng.randrange(5, 18)), False, True))
    while cursor < deadline and len(plans) < 6:
        intern = len(plans) < 2 and rng.random() < 0.42
        dur = rng.randrange(3, 7) if intern else rng.choice((rng.randrange(6, 13), rng.randrange(12, 37)))
        end = ym_add(cursor, dur - 1)
        if end >= deadline:
            plans.append((cursor, None if rng.random() < 0.8 else ym_add(deadline, -1), intern, False))
            break
        plans.append((cursor, end, intern, False))
        if rng.random() < 0.15 and dur > 4:
            cursor = ym_add(end, -rng.randrange(1, 4))  # the next post overlaps this one
        else:
            cursor = ym_add(end, rng.choices((1, 2, 4, 6, 13), weights=(0.45, 0.2, 0.15, 0.12, 0.08))[0])
    main_idx = [i for i, p in enumerate(plans) if not p[3]]
    chosen = [c for c in vacancy.criteria if rng.random() < 0.45]
    placed: dict[int, list] = {i: [] for i in range(len(plans))}
    letter_only = []
    for crit in chosen:
        if main_idx and rng.random() < 0.82:
            placed[rng.choice(main_idx)].append(crit)
        else:
            letter_only.append(crit)
    distractors = safe_distractors(vacancy.criteria)
    jobs: list[Job] = []
    for i, (start, end, intern, side) in enumerate(plans):
        title, employer, city, country, business, (s_pay, f_pay, cur) = _contract(rng, intern, side)
        title = Bi(title.en, gendered(title.fr, sex))
        pool = SIDE_FILLER if side else (INTERN_FILLER + FILLER[:6] if intern else FILLER)
        duties = [Sentence(_fill(p, rng)) for p in rng.sample(pool, k=min(len(pool), rng.randrange(2, 5) - (1 if side else 0)))]
        for crit in placed[i]:
            duties.insert(rng.randrange(len(duties) + 1), Sentence(mention_text(MENTION, crit, rng), criterion=crit.name))
        if distractors and (side or rng.random() < 0.12):
            duties.insert(rng.randrange(len(duties) + 1), Sentence(Bi(*rng.choice(distractors)), distractor=True))
        sup_name = rng.choice(pools.SUPERVISOR_NAMES)
        supervisor = contact(sup_name, Bi("Supervisor", "Superviseur"), employer, city, rng, abroad=country != "Belgium")
        supervised = rng.choice((Bi("None", "Aucun"), Bi("None", "Aucun"), Bi("2 assistants", "2 assistants"),
                                 Bi("6 enumerators", "6 enquêteurs")))
        leaving = Bi("", "") if end is None else rng.choice((Bi("End of contract", "Fin de contrat"),
                                                             Bi("Further studies", "Reprise d'études"),
                                                             Bi("New position", "Nouveau poste")))
        jobs.append(Job(start, end, title, employer, city, country, business, intern, tuple(duties), s_pay, f_pay, cur,
                        supervisor, supervised, leaving, side_job=side))
    jobs.sort(key=lambda j: (j.end or deadline, j.start), reverse=True)
    return tuple(studies), tuple(schools), tuple(jobs), (letter_only, chosen)


def letter_sentences(rng: random.Random, profile: Profile, vacancy: VacancySpec, mentions: tuple) -> tuple:
    """The argument of the cover letter: criteria kept for the letter, a repeat or two, and plain motivation."""
    from tests.samples.profiles import Sentence, gendered

    letter_only, chosen = mentions
    station = vacancy.duty_station.split(",")[0]
    crits = list(letter_only) + [c for c in chosen if c not in letter_only and rng.random() < 0.3]
    out = []
    for c in crits:
        text = mention_text(LETTER_MENTION, c, rng, station=station)
        out.append(Sentence(Bi(text.en, gendered(text.fr, profile.sex)), criterion=c.name))
    plain = (
        Bi("I am used to working in multicultural teams and under pressure, in the field as well as at headquarters.",
           "J'ai l'habitude de travailler en équipe multiculturelle et sous pression, sur le terrain comme au siège."),
        Bi(f"Having lived in {profile.birth_place}, I know the realities of the region and its institutions.",
           f"Ayant vécu à {profile.birth_place}, je connais les réalités de la région et de ses institutions."),
        Bi("I write clear reports and enjoy turning field observations into practical recommendations.",
           "Je rédige des rapports clairs et j'aime traduire les constats de terrain en recommandations concrètes."),
    )
    for p in rng.sample(plain, k=rng.randrange(1, 3)):
        out.insert(rng.randrange(len(out) + 1), Sentence(p))
    return tuple(out)
