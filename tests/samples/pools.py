"""Word pools for the sample generator: names, places, universities, employers, job titles.

Plain data, no logic. Every group of applicants says which names, birth places, nationalities and mother tongues
it draws from; the proportions are rough but give a committee's usual mix of Belgian and DCC candidates.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """One group of applicants: names, birth places, nationalities (canonical English) and mother tongues."""

    label: str
    weight: float
    first_names: tuple[str, ...]
    family_names: tuple[str, ...]
    birth_country: str
    cities: tuple[str, ...]
    present_nationalities: tuple[tuple[str, float], ...]
    mother_tongues: tuple[tuple[str, ...], ...]
    extra_languages: tuple[str, ...] = ()


def _t(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split(",") if x.strip())


ORIGINS: tuple[Origin, ...] = (
    Origin("flemish", 0.20,
           _t("Arne, Lotte, Pieter, Noor, Wout, Elise, Jens, Fien, Ruben, Lien, Sander, Hanne, Bram, Sofie, "
              "Maarten, Ine, Ward, Jolien, Stijn, Eline, Margot, Tibo, Jasper, Anke"),
           _t("Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, De Smet, "
              "Van den Broeck, Vermeulen, Verstraete, De Backer, Van Damme, Declercq, Vandenberghe, Hermans, "
              "Lambrechts, Van de Velde, Desmet, Verhaegen"),
           "Belgium", _t("Gent, Leuven, Antwerpen, Brugge, Hasselt, Mechelen, Kortrijk, Aalst"),
           (("Belgium", 1.0),), (("Dutch",), ("Dutch",), ("Dutch", "French")), _t("German, Spanish")),
    Origin("walloon", 0.18,
           _t("Camille, Élodie, Maxime, Thibault, Noémie, Gaëlle, Loïc, Amélie, François, Hélène, Aurélien, "
              "Céline, Benoît, Chloé, Jérôme, Margaux, Valentin, Zoë, Raphaël, Océane, Mathilde, Cédric"),
           _t("Dubois, Lambert, Dupont, Martin, Simon, Leclercq, Renard, Laurent, Lejeune, Delvaux, Denis, "
              "Piette, Collignon, Hubert, Mathieu, Fontaine, Wéry, Gérard, Lemaire, Desmedt, Noël"),
           "Belgium", _t("Namur, Liège, Bruxelles, Charleroi, Mons, Ottignies-Louvain-la-Neuve, Ixelles, Arlon"),
           (("Belgium", 1.0),), (("French",),), _t("Dutch, Spanish, German, Portuguese")),
    Origin("congolese", 0.14,
           _t("Grâce, Patient, Merveille, Exaucé, Dieudonné, Chancelle, Glody, Bénédicte, Trésor, Nathalie, "
              "Jonathan, Gloria, Christelle, Héritier, Plamedi, Sarah, Fiston, Rachel, Josué, Orphée"),
           _t("Mukendi, Tshibanda, Mbuyi, Kalonji, Ilunga, Lukusa, Nzuzi, Mwamba, Kasongo, Kabeya, Ngalula, "
              "Mutombo, Kanku, Lumbala, Bokele, Nsimba, Makiese, Kazadi, Mbala, Tshimanga"),
           "Democratic Republic of the Congo", _t("Kinshasa, Lubumbashi, Bukavu, Goma, Kisangani, Mbuji-Mayi, Kananga"),
           (("Democratic Republic of the Congo", 0.72), ("Belgium", 0.28)),
           (("French",), ("Lingala",), ("Swahili",), ("French", "Lingala"), ("Tshiluba",)), _t("Lingala, Swahili")),
    Origin("senegalese", 0.09,
           _t("Moussa, Aminata, Fatou, Ousmane, Awa, Mamadou, Khady, Ibrahima, Ndeye, Cheikh, Aïssatou, "
              "Abdoulaye, Mariama, Babacar, Coumba, Modou"),
           _t("Diop, Ndiaye, Fall, Sow, Ba, Sarr, Diallo, Faye, Gueye, Mbaye, Cissé, Seck, Diouf, Niang, Thiam, Kane"),
           "Senegal", _t("Dakar, Thiès, Saint-Louis, Ziguinchor, Kaolack, Rufisque"),
           (("Senegal", 0.9), ("Belgium", 0.1)), (("Wolof",), ("French",), ("Pulaar",), ("Wolof", "French")),
           _t("Wolof, Arabic, Spanish")),
    Origin("rwandan", 0.08,
           _t("Aline, Jean-Paul, Clarisse, Olivier, Divine, Eric, Josiane, Patrick, Diane, Emmanuel, Solange, "
              "Innocent, Claudine, Fabrice, Grace, Yvette"),
           _t("Mukamana, Uwimana, Niyonzima, Habimana, Mugisha, Uwase, Ishimwe, Nsengiyumva, Bizimana, Umutoni, "
              "Hakizimana, Ingabire, Mutesi, Nshimiyimana"),
           "Rwanda", _t("Kigali, Huye, Musanze, Rubavu, Rwamagana"),
           (("Rwanda", 0.85), ("Belgium", 0.15)), (("Kinyarwanda",),), _t("Swahili")),
    Origin("moroccan", 0.09,
           _t("Yassine, Salma, Imane, Mehdi, Khadija, Youssef, Sanae, Hamza, Nadia, Othmane, Meryem, Anas, "
              "Zineb, Rachid, Houda, Ayoub"),
           _t("El Amrani, Benali, Bouzid, El Idrissi, Tazi, Alaoui, Bennani, Chraibi, El Fassi, Ouazzani, "
              "Berrada, Lahlou, El Khatib, Aït Ouarab, Boukhari"),
           "Morocco", _t("Rabat, Casablanca, Fès, Tanger, Marrakech, Oujda, Agadir"),
           (("Morocco", 0.6), ("Belgium", 0.4)), (("Arabic",), ("Arabic", "French"), ("Tamazight",), ("French",)),
           _t("Arabic, Spanish")),
    Origin("burundian", 0.05,
           _t("Aimé, Claude, Désiré, Belyse, Arnaud, Gloriose, Thierry, Annick, Ornella, Landry"),
           _t("Ndayishimiye, Niyongabo, Nduwimana, Hatungimana, Irakoze, Ndikumana, Bigirimana, Nahimana, Nkurunziza"),
           "Burundi", _t("Bujumbura, Gitega, Ngozi"), (("Burundi", 0.9), ("Belgium", 0.1)),
           (("Kirundi",), ("Kirundi", "French")), _t("Swahili")),
    Origin("west-african", 0.08,
           _t("Adama, Issa, Salif, Fatoumata, Kadidia, Oumar, Rokia, Seydou, Aïcha, Boubacar, Rasmata, "
              "Wendkouni, Sèna, Rodrigue, Carine, Hervé, Mariam"),
           _t("Traoré, Coulibaly, Keïta, Diarra, Touré, Sangaré, Ouédraogo, Sawadogo, Kaboré, Zongo, Compaoré, "
              "Ilboudo, Hounkpatin, Agossou, Dossou, Gbaguidi, Camara, Soumah"),
           "Mali", _t("Bamako, Ouagadougou, Cotonou, Conakry, Niamey, Bobo-Dioulasso, Porto-Novo"),
           (("Mali", 0.25), ("Burkina Faso", 0.25), ("Benin", 0.2), ("Guinea", 0.15), ("Niger", 0.15)),
           (("French",), ("Bambara",), ("Mooré",), ("Fon",), ("Pular",)), _t("Hausa")),
    Origin("east-african", 0.04,
           _t("Brian, Joan, Moses, Esther, Ivan, Prossy, Baraka, Neema, Amani, Rehema, Tendai, Lucia"),
           _t("Okello, Namutebi, Ssempala, Achieng, Mushi, Mwakyusa, Kimaro, Macuácua, Nhantumbo, Langa"),
           "Uganda", _t("Kampala, Gulu, Dar es Salaam, Arusha, Maputo, Beira"),
           (("Uganda", 0.4), ("Tanzania", 0.35), ("Mozambique", 0.25)),
           (("Luganda",), ("Swahili",), ("Portuguese",), ("English",)), _t("Swahili, Portuguese")),
    Origin("other", 0.05,
           _t("Julien, Sanne, Daan, Giulia, Marco, Clémence, Paul, Wanjiru, Kouassi, Yannick, Léa, Brice"),
           _t("Moreau, de Vries, Bakker, Romano, Ngono, Essomba, Kouadio, Otieno, Kamau, Petit, Roux, Mballa"),
           "France", _t("Lyon, Lille, Utrecht, Milano, Yaoundé, Douala, Abidjan, Nairobi"),
           (("France", 0.3), ("Netherlands", 0.2), ("Cameroon", 0.2), ("Côte d'Ivoire", 0.15), ("Kenya", 0.15)),
           (("French",), ("Dutch",), ("Italian",), ("English",)), _t("Spanish, German, Italian")),
)

# How each nationality may be written, in English then French documents (country names and adjectives).
NATIONALITY_SPELLINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Belgium": (("Belgian", "Belgium", "BELGIAN"), ("Belge", "Belgique", "belge")),
    "Democratic Republic of the Congo": (("Congolese (DRC)", "DR Congo", "Democratic Republic of the Congo", "DRC"),
                                         ("Congolaise (RDC)", "RD Congo", "République démocratique du Congo")),
    "Senegal": (("Senegalese", "Senegal"), ("Sénégalaise", "Sénégal", "sénégalais")),
    "Rwanda": (("Rwandan", "Rwanda"), ("Rwandaise", "Rwanda")),
    "Morocco": (("Moroccan", "Morocco"), ("Marocaine", "Maroc", "marocain")),
    "Burundi": (("Burundian", "Burundi"), ("Burundaise", "Burundi")),
    "Mali": (("Malian", "Mali"), ("Malienne", "Mali")),
    "Burkina Faso": (("Burkinabe", "Burkina Faso"), ("Burkinabè", "Burkina Faso")),
    "Benin": (("Beninese", "Benin"), ("Béninoise", "Bénin")),
    "Guinea": (("Guinean", "Guinea"), ("Guinéenne", "Guinée")),
    "Niger": (("Nigerien", "Niger"), ("Nigérienne", "Niger")),
    "Uganda": (("Ugandan", "Uganda"), ("Ougandaise", "Ouganda")),
    "Tanzania": (("Tanzanian", "Tanzania"), ("Tanzanienne", "Tanzanie")),
    "Mozambique": (("Mozambican", "Mozambique"), ("Mozambicaine", "Mozambique")),
    "France": (("French", "France"), ("Française", "France")),
    "Netherlands": (("Dutch", "Netherlands"), ("Néerlandaise", "Pays-Bas")),
    "Cameroon": (("Cameroonian", "Cameroon"), ("Cameroun",)),
    "Côte d'Ivoire": (("Ivorian", "Côte d'Ivoire"), ("Côte d'Ivoire",)),
    "Kenya": (("Kenyan", "Kenya"), ("Kényane", "Kenya")),
}

LANGUAGE_FR = {
    "English": "Anglais", "French": "Français", "Dutch": "Néerlandais", "German": "Allemand", "Spanish": "Espagnol",
    "Portuguese": "Portugais", "Arabic": "Arabe", "Swahili": "Swahili", "Lingala": "Lingala", "Italian": "Italien",
    "Wolof": "Wolof", "Kinyarwanda": "Kinyarwanda", "Kirundi": "Kirundi", "Tshiluba": "Tshiluba",
    "Pulaar": "Pulaar", "Tamazight": "Tamazight", "Bambara": "Bambara", "Mooré": "Mooré", "Fon": "Fon",
    "Pular": "Pular", "Hausa": "Haoussa", "Luganda": "Luganda",
}

# (institution, city, country) by the country where one studies.
UNIVERSITIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Belgium": (("KU Leuven", "Leuven", "Belgium"), ("Ghent University", "Gent", "Belgium"),
                ("Université catholique de Louvain (UCLouvain)", "Louvain-la-Neuve", "Belgium"),
                ("Université libre de Bruxelles", "Brussels", "Belgium"), ("Vrije Universiteit Brussel", "Brussels", "Belgium"),
                ("University of Antwerp", "Antwerp", "Belgium"), ("Université de Liège", "Liège", "Belgium"),
                ("Université de Namur", "Namur", "Belgium")),
    "Democratic Republic of the Congo": (("Université de Kinshasa", "Kinshasa", "DR Congo"),
                                         ("Université de Lubumbashi", "Lubumbashi", "DR Congo"),
                                         ("Université Catholique du Congo", "Kinshasa", "DR Congo"),
                                         ("Université Protestante au Congo", "Kinshasa", "DR Congo")),
    "Senegal": (("Université Cheikh Anta Diop", "Dakar", "Senegal"), ("Université Gaston Berger", "Saint-Louis", "Senegal")),
    "Rwanda": (("University of Rwanda", "Kigali", "Rwanda"), ("Kepler College", "Kigali", "Rwanda")),
    "Morocco": (("Université Mohammed V", "Rabat", "Morocco"), ("Université Hassan II", "Casablanca", "Morocco"),
                ("Al Akhawayn University", "Ifrane", "Morocco")),
    "Burundi": (("Université du Burundi", "Bujumbura", "Burundi"),),
    "Mali": (("Université Joseph Ki-Zerbo", "Ouagadougou", "Burkina Faso"), ("Université d'Abomey-Calavi", "Cotonou", "Benin"),
             ("Université des Sciences Sociales et de Gestion de Bamako", "Bamako", "Mali")),
    "Uganda": (("Makerere University", "Kampala", "Uganda"), ("University of Dar es Salaam", "Dar es Salaam", "Tanzania"),
               ("Universidade Eduardo Mondlane", "Maputo", "Mozambique")),
    "France": (("Sciences Po", "Paris", "France"), ("Université Paris 1 Panthéon-Sorbonne", "Paris", "France"),
               ("Utrecht University", "Utrecht", "Netherlands"), ("Université de Yaoundé II", "Yaoundé", "Cameroon")),
    "abroad": (("Institute of Development Policy (IOB), University of Antwerp", "Antwerp", "Belgium"),
               ("Graduate Institute of International and Development Studies", "Geneva", "Switzerland"),
               ("London School of Economics and Political Science", "London", "United Kingdom"),
               ("SOAS University of London", "London", "United Kingdom"),
               ("International Institute of Social Studies (ISS), Erasmus University", "The Hague", "Netherlands"),
               ("Maastricht University", "Maastricht", "Netherlands"), ("Sciences Po", "Paris", "France")),
}

# (English title, French title) per level; fields are rendered in the original language of the diploma.
BACHELORS = (
    ("Bachelor of Arts in Sociology", "Bachelor en sociologie"), ("BSc Economics", "Bachelier en sciences économiques"),
    ("Bachelor in Political Science", "Bachelier en sciences politiques"), ("BA Social Work", "Bachelier assistant social"),
    ("Bachelor of Laws (LLB)", "Bachelier en droit"), ("Bachelor in Psychology", "Bachelier en psychologie"),
    ("Bachelor in de Sociologie", "Bachelor in de Sociologie"), ("BSc Public Health", "Bachelier en santé publique"),
)
LMD_LICENCES = (("Licence en sociologie", "Licence en sociologie"), ("Licence en droit public", "Licence en droit public"),
                ("Licence en sciences économiques", "Licence en sciences économiques"),
                ("Licence (Bac+3) en géographie", "Licence (Bac+3) en géographie"))
MASTERS = (
    ("Master of Science in Development Economics", "Master en économie du développement"),
    ("Master in International Relations", "Master en relations internationales"),
    ("Master en sciences de la population et du développement", "Master en sciences de la population et du développement"),
    ("MA Conflict and Development", "Master en conflits et développement"), ("MSc Public Health", "Master en santé publique"),
    ("Master of Laws (LL.M.) in International Human Rights Law", "Master en droit international des droits humains"),
    ("Master in de Rechten", "Master in de Rechten"), ("Master of Social Work", "Master en travail social"),
    ("Master in Governance and Development", "Master en gouvernance et développement"),
    ("MSc Psychology", "Master en sciences psychologiques"),
)
OLD_LICENCES = (("Licence en sciences politiques (2e cycle)", "Licence en sciences politiques (2e cycle)"),
                ("Licentiaat in de Politieke en Sociale Wetenschappen", "Licentiaat in de Politieke en Sociale Wetenschappen"),
                ("Licence en droit", "Licence en droit"), ("Licentiaat Sociologie", "Licentiaat Sociologie"))
DOCTORATES = (("PhD in Development Studies", "Doctorat en études du développement"),
              ("Doctorat en sciences politiques et sociales", "Doctorat en sciences politiques et sociales"),
              ("PhD in Public Health", "Doctorat en santé publique"), ("Doctoraat in de Sociologie", "Doctoraat in de Sociologie"))
SECONDARY = (("Athénée Royal", "Certificat d'enseignement secondaire supérieur (CESS)"),
             ("Sint-Barbaracollege", "Diploma secundair onderwijs"), ("Lycée Blaise Diagne", "Baccalauréat série L"),
             ("Collège Boboto", "Diplôme d'État"), ("Lycée Descartes", "Baccalauréat"), ("Groupe Scolaire Officiel", "Advanced Level Certificate"))

# (employer, city, country, type of business)
EMPLOYERS = (
    ("UNICEF", "Kinshasa", "DR Congo", "United Nations"), ("UNHCR", "Goma", "DR Congo", "United Nations"),
    ("World Food Programme", "Dakar", "Senegal", "United Nations"), ("IOM", "Brussels", "Belgium", "International organisation"),
    ("UNFPA", "Kigali", "Rwanda", "United Nations"), ("OCHA", "Bukavu", "DR Congo", "United Nations"),
    ("Save the Children", "Brussels", "Belgium", "Non-profit"), ("Plan International Belgique", "Brussels", "Belgium", "Non-profit"),
    ("War Child", "Goma", "DR Congo", "Non-profit"), ("Terre des hommes", "Dakar", "Senegal", "Non-profit"),
    ("Caritas International", "Brussels", "Belgium", "Non-profit"), ("Médecins Sans Frontières", "Brussels", "Belgium", "Medical humanitarian"),
    ("Humanity & Inclusion", "Brussels", "Belgium", "Non-profit"), ("Enabel", "Brussels", "Belgium", "Development cooperation"),
    ("Croix-Rouge de Belgique", "Namur", "Belgium", "Non-profit"), ("Rode Kruis Vlaanderen", "Mechelen", "Belgium", "Non-profit"),
    ("International Rescue Committee", "Kinshasa", "DR Congo", "Non-profit"), ("Norwegian Refugee Council", "Bamako", "Mali", "Non-profit"),
    ("World Vision", "Kigali", "Rwanda", "Non-profit"), ("Child Focus", "Brussels", "Belgium", "Non-profit"),
    ("Fedasil", "Brussels", "Belgium", "Public administration"), ("SOS Villages d'Enfants", "Rabat", "Morocco", "Non-profit"),
    ("FPS Foreign Affairs, Foreign Trade and Development Cooperation", "Brussels", "Belgium", "Public administration"),
    ("Ministère du Genre, Famille et Enfant", "Kinshasa", "DR Congo", "Public administration"),
    ("KU Leuven", "Leuven", "Belgium", "Research"), ("Université de Kinshasa", "Kinshasa", "DR Congo", "Research"),
    ("Deloitte", "Brussels", "Belgium", "Consulting"), ("11.11.11", "Brussels", "Belgium", "Non-profit"),
)
SIDE_EMPLOYERS = (("Proximus", "Brussels", "Belgium", "Telecommunications"), ("Decathlon", "Liège", "Belgium", "Retail"),
                  ("ING Belgium", "Brussels", "Belgium", "Banking"), ("Colruyt", "Halle", "Belgium", "Retail"))

JOB_TITLES = (
    ("Programme Assistant", "Assistant(e) de programme"), ("Project Officer", "Chargé(e) de projet"),
    ("Field Coordinator", "Coordinateur(trice) terrain"), ("Research Assistant", "Assistant(e) de recherche"),
    ("Policy Officer", "Chargé(e) de politique"), ("Social Worker", "Assistant(e) social(e)"),
    ("Associate Protection Officer", "Assistant(e) chargé(e) de protection"), ("Junior Consultant", "Consultant(e) junior"),
    ("Communications Officer", "Chargé(e) de communication"), ("Programme Officer", "Chargé(e) de programme"),
)
INTERN_TITLES = (("Intern", "Stagiaire"), ("Programme Intern", "Stagiaire programme"),
                 ("Research Intern", "Stagiaire de recherche"), ("Trainee", "Stagiaire"))
SIDE_TITLES = (("IT Helpdesk Agent", "Agent helpdesk informatique"), ("Sales Assistant", "Vendeur(se)"),
               ("Bank Clerk", "Employé(e) de banque"), ("Student job - store assistant", "Job étudiant - magasinier"))

STREETS = _t("Rue Haute, Naamsestraat, Avenue Louise, Boulevard du Roi Albert II, Chaussée de Wavre, Kortrijksesteenweg, "
             "Rue des Wallons, Overpoortstraat, Rue de la Loi, Tiensestraat")
STREETS_ABROAD = _t("Avenue de la Justice, Avenue Kasa-Vubu, Route de Ouakam, KN 5 Rd, Avenue Hassan II, Avenue du Commerce, "
                    "Rue 10 Médina, Boulevard de l'Uprona")
SUPERVISOR_NAMES = _t("Aminata Sow, Jan Wouters, Greet Peeters, Paul Lejeune, Christine Mbala, David Okello, Sophie Renard, "
                      "Marc Vandenberghe, Fatima Zahra Bennis, Jean-Claude Mukwege, Ingrid Declercq, Oumar Ba, Anne Hubert")
REFEREE_NAMES = _t("Lieve Maes, Koen Vlassenroot, Sarah Dewitte, Filip Reyntjens, Marie Ndiaye, Pierre Kalala, Hilde Janssens, "
                   "Bernard Mulamba, Nathalie Collin, Tom De Herdt, Awa Seck, Kristof Titeca")
REFEREE_JOBS = (("Professor", "Professeur(e)"), ("Lecturer", "Chargé(e) de cours"), ("Programme manager", "Responsable de programme"),
                ("Head of office", "Chef(fe) de bureau"), ("Country director", "Directeur(trice) pays"))
PROVINCES = (("in North Kivu", "au Nord-Kivu"), ("in South Kivu", "au Sud-Kivu"), ("in Ituri", "en Ituri"),
             ("in Kasai", "au Kasaï"), ("in Tanganyika", "au Tanganyika"), ("in Kaolack", "à Kaolack"),
             ("in Ziguinchor", "à Ziguinchor"), ("in Mopti", "à Mopti"), ("in the Eastern Province", "dans la Province de l'Est"),
             ("in Kinshasa", "à Kinshasa"))
DONORS = (("ECHO", "ECHO"), ("the Belgian DGD", "la DGD belge"), ("USAID", "USAID"), ("the European Union", "l'Union européenne"),
          ("Enabel", "Enabel"), ("the UK FCDO", "la coopération britannique (FCDO)"))
FIELDS_OF_WORK = (("Child protection", "Protection de l'enfance"), ("Social protection", "Protection sociale"),
                  ("Humanitarian affairs", "Affaires humanitaires"), ("Development cooperation", "Coopération au développement"),
                  ("Public health", "Santé publique"))
