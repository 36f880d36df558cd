"""The demo vacancy the sample corpora are written for (a Belgian-funded UNICEF child protection JPO post)."""

from __future__ import annotations

from jpo_tui.core.vacancy import VacancySpec, parse_vacancy

DEMO_VACANCY_TOML = """\
# Demo vacancy for jpo-tui (generated sample data; see data/README.md).
[vacancy]
id = "BE-2026-UNICEF-CP-KIN"
title = "Junior Professional Officer - Child Protection"
organisation = "UNICEF"
duty_station = "Kinshasa, Democratic Republic of the Congo"
grade = "P2"
donor = "Belgium"
call_year = 2026
deadline = 2026-03-15

[eligibility]
profile = "belgium"  # Belgian nationals or nationals of Belgium's partner countries; 32 or younger on
                     # 31 December 2026; master's (or bachelor's + 2 more years); 2 years' experience; English
                     # and French ('jpo-tui profiles show belgium' prints every rule and its source)

[[criteria]]
name = "Child protection"
weight = 3
keywords = ["child protection", "children's rights", "protection de l'enfance", "protection de l'enfant"]

[[criteria]]
name = "Case management"
weight = 2
keywords = ["case management", "psychosocial support", "gestion des cas", "soutien psychosocial"]

[[criteria]]
name = "Gender-based violence"
weight = 2
keywords = ["gender-based violence", "GBV", "violences basées sur le genre", "VBG"]

[[criteria]]
name = "Monitoring and evaluation"
weight = 2
keywords = ["monitoring and evaluation", "M&E", "suivi et évaluation", "suivi-évaluation"]

[[criteria]]
name = "Humanitarian response"
weight = 1
keywords = ["humanitarian response", "emergency response", "réponse humanitaire", "intervention d'urgence"]

[[criteria]]
name = "Information management"
weight = 1
keywords = ["information management", "data analysis", "gestion de l'information", "analyse de données"]
"""


def demo_vacancy() -> VacancySpec:
    """The demo vacancy, parsed and validated."""
    return parse_vacancy(DEMO_VACANCY_TOML, "demo vacancy")
