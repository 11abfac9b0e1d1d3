"""Write notebooks 00, 10 and 20 from the cell texts below (committed without outputs).

Run ``.venv/bin/python notebooks/make_notebooks.py`` after editing a cell here; editing the
notebooks in JupyterLab is fine too, but then this script no longer matches them (delete it or
copy the change back). Kept as a script because plain text diffs review better than JSON.
"""
from __future__ import annotations

from pathlib import Path

import nbformat as nbf

HERE = Path(__file__).resolve().parent
KERNEL = {"name": "sinokaz", "display_name": "Python (sinokaz)", "language": "python"}

SETUP_IMPORTS = """import pandas as pd

from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.plotting import save_figure, skip_figure, use_style

use_style()
pd.set_option("display.max_colwidth", 120)
pd.set_option("display.max_rows", 60)"""


def md(text: str):
    return nbf.v4.new_markdown_cell(text.strip())


def code(text: str, *, tags=()):
    cell = nbf.v4.new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def notebook(cells) -> nbf.NotebookNode:
    nb = nbf.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = KERNEL
    nb.metadata["language_info"] = {"name": "python"}
    return nb


# --------------------------------------------------------------------------- 00

NB00 = [
    md("""
# Que contient ce corpus ?

Avant toute analyse, ce carnet fait l'inventaire des articles : de quels médias ils viennent,
quand ils ont été publiés, leur longueur, ce que le nettoyage a retiré de chaque page, quels
articles sont des copies d'une même dépêche et quels fichiers n'ont pas pu être lus. Les carnets
suivants comptent chaque article une seule fois, en français, après ce nettoyage.

**Entrées** : un dossier ou une table d'articles (`CORPUS`, par défaut les cinq articles fournis
dans `data/raw/`) et des métadonnées vérifiées facultatives (`METADATA`).
**Sorties** (dans `reports/figures/00_corpus_overview/`) : `fig01_documents_per_outlet`,
`fig02_articles_per_year`, `fig03_article_lengths`, `fig04_cleaning_audit`.

1. Quels médias ?
2. Quand les articles ont-ils été publiés ?
3. Quelle est leur longueur ?
4. Qu'a retiré le nettoyage ?
5. Quels articles sont des copies les uns des autres ?
6. Qu'est-ce qui n'a pas pu être lu ?
7. Ce que ce corpus ne peut pas dire
"""),
    code("""
# edit here; nothing below needs changing
CORPUS = None  # un dossier de .txt/.md/.html ou une table .csv/.jsonl/.parquet ; None : le corpus fourni
METADATA = None  # un CSV de faits vérifiés par doc_id (url, outlet, published...) ; None : ceux du corpus
TOP_OUTLETS = 15  # médias nommés dans la première figure
SAVE_FIGURES = True  # écrire PNG, SVG, PDF et CSV sous reports/figures/
""", tags=["parameters"]),
    code(SETUP_IMPORTS + """
from sinokaz_utils.overview import count_documents, describe_lengths, list_duplicates, summarize_cleaning
from sinokaz_utils.plotting.corpus import plot_cleaning, plot_lengths, plot_outlets
from sinokaz_utils.plotting.timeline import plot_coverage
from sinokaz_utils.timeline import count_articles, summarize_dating

corpus = load_corpus(CORPUS, metadata=METADATA)
documents = corpus.documents()
print(f"{len(corpus.docs)} documents chargés depuis {corpus.source} ; {len(documents)} analysés "
      f"(en français, une copie par article) ; {len(corpus.skipped)} fichiers écartés.")"""),
    md("""
## 1. Quels médias ?

Le média vient des métadonnées vérifiées, du domaine de l'URL ou d'une signature dans la page ;
quand rien ne l'indique, l'article est compté sous « média inconnu ».
"""),
    code("""
outlets = count_documents(corpus)
outlets"""),
    code("""
fig = plot_outlets(outlets, top=TOP_OUTLETS)
if SAVE_FIGURES:
    save_figure(fig, "fig01_documents_per_outlet",
                caption="Documents par média : analysés, copies syndiquées et autres langues.")"""),
    md("""
Chaque barre est un média ; sa longueur est le nombre de documents chargés. Les segments orange
sont des copies d'un article déjà compté ailleurs (exclues de toutes les analyses), les gris sont
dans une autre langue. Une longue barre « média inconnu » signifie qu'il faut compléter les
métadonnées avant de comparer les médias.
"""),
    md("""
## 2. Quand les articles ont-ils été publiés ?

La date de publication vient d'un horodatage ou d'une ligne de date dans le texte (« BEIJING,
30 mars (Xinhua) »), de l'URL ou des métadonnées vérifiées. Les articles non datés sont exclus de
ce graphique et listés dans `10_timeline`.
"""),
    code("""
per_year = count_articles(documents, period="Y", by=None)
dating = summarize_dating(documents)
dating.pivot_table(index="label", columns="date", values="documents", sort=False)"""),
    code("""
if per_year.empty:
    skip_figure("fig02_articles_per_year",
                reason=f"aucun des {len(documents)} articles analysés n'a de date de publication")
else:
    fig = plot_coverage(per_year, title="Articles par année de publication")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_articles_per_year", caption="Articles analysés par année de publication.")
    print(f"{int(per_year.articles.sum())} articles datés ; {per_year.attrs['undated']} sans date de publication.")"""),
    md("""
Les barres comptent les articles par année de publication. Une année sans barre n'a aucun
article dans le corpus, ce qui renseigne sur la collecte plus que sur ce qui a été écrit.
"""),
    md("""
## 3. Quelle est leur longueur ?

La longueur est comptée en mots sur le texte nettoyé (débris de page retirés).
"""),
    code("""
lengths = describe_lengths(corpus)
lengths.n_words.describe().round(0).to_frame().T"""),
    code("""
fig = plot_lengths(lengths)
if SAVE_FIGURES:
    save_figure(fig, "fig03_article_lengths", caption="Distribution de la longueur des articles (mots du texte nettoyé).")"""),
    md("""
Les textes courts (moins d'une centaine de mots) sont souvent des brèves ou des pages dont le
corps n'a pas été capturé ; les très longs peuvent être des discours ou des déclarations
conjointes reproduits en entier. Les deux pèsent sur les comptages : le carnet des mots-clés
rapporte les fréquences au nombre de mots.
"""),
    md("""
## 4. Qu'a retiré le nettoyage ?

Les lignes parasites (barres de partage, « A lire également », crédits photo, signatures du
média, horodatages, titres répétés, navigation) sont retirées par des motifs rangés dans
`data/lexicons/boilerplate.yaml` ; chaque suppression est consignée.
"""),
    code("""
cleaning = summarize_cleaning(corpus)
corpus.audit.head(20)"""),
    code("""
if cleaning.empty:
    skip_figure("fig04_cleaning_audit", reason="le nettoyage n'a retiré aucune ligne de ce corpus")
else:
    fig = plot_cleaning(cleaning)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_cleaning_audit", caption="Lignes retirées par chaque règle de nettoyage, par média.")"""),
    md("""
Chaque barre est une règle de nettoyage ; les couleurs montrent de quels médias elle a nettoyé
les pages. Une règle qui ne touche qu'un média vise en général le gabarit de ce site. Vérifiez
dans le tableau d'audit ci-dessus qu'aucune ligne de contenu n'a été retirée par erreur ; sinon,
resserrez la règle dans le lexique.
"""),
    md("""
## 5. Quels articles sont des copies les uns des autres ?

Une même dépêche est souvent reprise par plusieurs sites avec des débris différents. Les copies
renvoient à leur document canonique (`duplicate_of`) et ne sont comptées qu'une fois.
"""),
    code("""
duplicates = list_duplicates(corpus)
print(f"{len(duplicates)} copies de {duplicates.duplicate_of.nunique()} articles.")
duplicates"""),
    md("""
## 6. Qu'est-ce qui n'a pas pu être lu ?

Chaque fichier est soit chargé, soit listé ici avec sa raison (vide, binaire, indécodable, sans
contenu après nettoyage, lien pointant hors du corpus).
"""),
    code("""
corpus.skipped"""),
    md("""
## 7. Ce que ce corpus ne peut pas dire

- **Couverture** : le corpus contient ce qui a été collecté, pas tout ce qui a été publié ; les
  comptes par média ou par année décrivent la collecte autant que les médias.
- **Médias** : sans média identifié, un texte syndiqué ne peut pas être rattaché à sa source.
- **Dates** : un article sans horodatage, ligne de date, URL datée ni date vérifiée reste non daté
  plutôt que deviné ; les articles non datés sortent de toutes les séries temporelles.
- **Nettoyage** : les motifs sont réglés sur les médias d'État chinois et quelques autres sites ;
  un gabarit inconnu peut laisser des débris (voir l'audit) ou, rarement, retirer une ligne de
  contenu.
- **Doublons** : des versions légèrement réécrites peuvent rester séparées ; deux articles
  différents sur la même rencontre ne sont jamais fusionnés.
"""),
]

# --------------------------------------------------------------------------- 10

NB10 = [
    md("""
# Quand les choses se sont-elles passées, et combien en a-t-on écrit ?

Ce carnet place le corpus dans le temps : combien d'articles chaque période et chaque média ont
produits, quelles rencontres sino-kazakhes les articles rapportent (qui a rencontré qui, où, sous
quelle forme), sur fond de jalons vérifiés de la relation, et comment chaque date a été obtenue.

**Entrées** : `CORPUS`, `METADATA` (une colonne `outlet_total`, le nombre total d'articles du
média, permet la couverture normalisée), les jalons de `data/events.csv`, les types de rencontre
de `data/lexicons/event_types.csv` et le répertoire d'acteurs `data/actors.csv`.
**Sorties** (dans `reports/figures/10_timeline/`) : `fig01_articles_per_period`,
`fig02_articles_per_outlet_normalised`, `fig03_event_timeline`, `fig04_who_met_whom`,
`fig05_dating`.

1. Combien a-t-on écrit, et quand ?
2. Rapporté à la production de chaque média
3. Quelles rencontres les articles rapportent-ils ?
4. Qui a rencontré qui ?
5. Comment chaque date a-t-elle été obtenue, et quels articles ne sont pas datés ?
6. Ce que ce corpus ne peut pas dire
"""),
    code("""
# edit here; nothing below needs changing
CORPUS = None  # un dossier de .txt/.md/.html ou une table .csv/.jsonl/.parquet ; None : le corpus fourni
METADATA = None  # un CSV de faits vérifiés par doc_id ; une colonne outlet_total active la section 2
DATE_RANGE = None  # p. ex. ["2018-01-01", "2024-12-31"] ; None : tout
PERIOD = "auto"  # "M" mois, "Q" trimestre, "Y" année, "auto" (selon l'étendue des dates)
COVERAGE_DATE = "published"  # "published" (date d'écriture) ou "date" (date de l'événement, à défaut de publication)
TOP_OUTLETS = 6  # médias nommés ; les autres sont regroupés en « autres »
MILESTONE_MARGIN_YEARS = 3  # jalons montrés jusqu'à ce nombre d'années autour des événements du corpus
SAVE_FIGURES = True  # écrire PNG, SVG, PDF et CSV sous reports/figures/
""", tags=["parameters"]),
    code(SETUP_IMPORTS + """
from sinokaz_utils.plotting.timeline import plot_coverage, plot_dating, plot_event_timeline, plot_meetings
from sinokaz_utils.timeline import (count_articles, count_meetings, extract_events, list_undated, read_milestones,
                                    select_period, summarize_dating)

corpus = load_corpus(CORPUS, metadata=METADATA)
documents = select_period(corpus.documents(), DATE_RANGE)
print(f"{len(documents)} articles analysés (en français, une copie par article, DATE_RANGE={DATE_RANGE}).")"""),
    md("""
## 1. Combien a-t-on écrit, et quand ?

Les articles sont comptés par période de publication et par média (les plus fréquents par leur
nom, les autres regroupés). Les périodes sans article apparaissent comme des creux.
"""),
    code("""
coverage = count_articles(documents, period=PERIOD, by="outlet", date=COVERAGE_DATE, top=TOP_OUTLETS,
                          date_range=DATE_RANGE)
print(f"{int(coverage.articles.sum())} articles datés ; {coverage.attrs['undated']} non datés, laissés de côté.")
coverage[coverage.articles > 0]"""),
    code("""
if coverage.empty:
    skip_figure("fig01_articles_per_period",
                reason=f"aucun article analysé n'a de date {'de publication' if COVERAGE_DATE == 'published' else 'connue'}")
else:
    fig = plot_coverage(coverage)
    if SAVE_FIGURES:
        save_figure(fig, "fig01_articles_per_period", caption=f"Articles par période ({coverage.attrs['period']}) et par média.")
    busiest = coverage.groupby("period_start").articles.sum().idxmax()
    print(f"La période la plus fournie commence le {busiest:%d/%m/%Y}.")"""),
    md("""
Chaque barre est une période ; sa hauteur est le nombre d'articles publiés alors, colorés par
média. Les pics suivent en général les visites et les sommets (comparer avec la section 3) ; un
creux signifie qu'aucun article n'est dans le corpus, pas forcément que la presse s'est tue.
"""),
    md("""
## 2. Rapporté à la production de chaque média

Les comptes bruts favorisent les médias prolifiques. Quand les métadonnées donnent le nombre total
d'articles de chaque média (`outlet_total`), la couverture est rapportée à 1 000 articles du média.
"""),
    code("""
has_totals = "outlet_total" in documents.columns and coverage.per_1000.notna().any()
if not has_totals:
    skip_figure("fig02_articles_per_outlet_normalised",
                reason="les métadonnées n'ont pas de colonne outlet_total (production totale de chaque média) : pas de normalisation possible")
else:
    fig = plot_coverage(coverage, value="per_1000", title="Articles pour 1 000 articles publiés par le média")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_articles_per_outlet_normalised",
                    caption="Articles par période pour 1 000 articles publiés par chaque média.")"""),
    md("""
Lisez les barres normalisées comme la part de la production d'un média consacrée aux relations
sino-kazakhes : un petit média qui écrit quelques articles peut peser plus ici qu'une agence.
"""),
    md("""
## 3. Quelles rencontres les articles rapportent-ils ?

Chaque article dont le titre ou le chapeau rapporte une rencontre devient un événement : sa date
(la date de l'événement donnée par le texte, à défaut celle de publication), son lieu, son type
(d'après la formulation du titre et du chapeau : visite d'État, entretiens, entretien
téléphonique, sommet, dialogue stratégique, rencontre) et les acteurs chinois et kazakhs qu'il
nomme (d'après le répertoire, les formules comme « le président kazakh » étant rapportées au
titulaire à cette date). Les jalons vérifiés donnent le contexte.
"""),
    code("""
events = extract_events(documents, date_range=DATE_RANGE)
milestones = read_milestones(date_range=DATE_RANGE)
events[["date", "date_kind", "place", "type_label", "china_actors", "kazakhstan_actors", "doc_id"]]"""),
    code("""
if events.date.notna().sum() == 0 and milestones.empty:
    skip_figure("fig03_event_timeline", reason="aucun événement daté dans le corpus et aucun jalon dans DATE_RANGE")
else:
    fig = plot_event_timeline(events, milestones, margin_years=MILESTONE_MARGIN_YEARS)
    if SAVE_FIGURES:
        save_figure(fig, "fig03_event_timeline",
                    caption="Rencontres sino-kazakhes rapportées par le corpus (couloirs par pays) et jalons vérifiés.")
    print(f"{events.date.notna().sum()} événements datés tracés ; {events.date.isna().sum()} non datés, seulement dans le tableau.")"""),
    md("""
Le graphique a un couloir par pays : un marqueur se place dans le couloir de chaque pays dont
l'article nomme des acteurs, relié à l'autre quand les deux côtés apparaissent ; sa forme donne
le type de rencontre. Les lignes pointillées numérotées sont les jalons vérifiés
(`data/events.csv`, chacun avec sa source), listés à droite. Les événements se groupent autour des
jalons quand le corpus suit de près la diplomatie officielle.
"""),
    code("""
milestones[["date", "label", "place", "source"]]"""),
    md("""
## 4. Qui a rencontré qui ?

Chaque paire d'un acteur chinois et d'un acteur kazakh nommés dans le même événement.
"""),
    code("""
meetings = count_meetings(events)
meetings"""),
    code("""
if meetings.empty:
    skip_figure("fig04_who_met_whom",
                reason="aucun événement ne nomme à la fois un acteur chinois et un acteur kazakh du répertoire (data/actors.csv)")
else:
    fig = plot_meetings(meetings)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_who_met_whom", caption="Acteurs chinois (lignes) et kazakhs (colonnes) nommés dans le même événement.")"""),
    md("""
Les lignes sont les acteurs chinois, les colonnes les acteurs kazakhs ; une case compte les
événements qui nomment les deux. Les chefs d'État dominent les médias officiels ; les ministres
apparaissent avec les dialogues stratégiques et les visites de travail. Une personne absente du
répertoire est absente ici : ajoutez-la à `data/actors.csv`.
"""),
    md("""
## 5. Comment chaque date a-t-elle été obtenue, et quels articles ne sont pas datés ?

« Dans le texte ou l'URL » : un horodatage, une ligne de date, une date explicite ou une URL
datée. « Déduite » : le chapeau nomme un jour (« jeudi »), ramené au dernier jour de ce nom avant
la ligne de date ou la date de publication. « Métadonnées vérifiées » : du fichier de métadonnées.
« Inconnue » : rien ne la donne ; la date reste vide plutôt que devinée.
"""),
    code("""
dating = summarize_dating(documents)
fig = plot_dating(dating)
if SAVE_FIGURES:
    save_figure(fig, "fig05_dating", caption="Origine des dates de publication et d'événement.")"""),
    md("""
Plus les barres sont grises, plus le corpus échappe aux séries temporelles ci-dessus. Les dates
déduites dépendent de la justesse de la date de publication : vérifiez-en quelques-unes dans le
texte.
"""),
    code("""
undated = list_undated(documents)
print(f"{len(undated)} articles n'ont ni date de publication ni date d'événement.")
undated"""),
    md("""
## 6. Ce que ce corpus ne peut pas dire

- **La couverture** est celle de la collecte, pas de la presse : une période calme peut être un
  trou dans la collecte.
- **Dates** : les articles non datés manquent à tous les graphiques temporels ; une date déduite
  repose sur un jour de la semaine et une date de référence ; la date de publication sert pour
  l'événement quand le texte n'en donne pas (colonne `date_kind`).
- **Événements** : un par article, lu dans le titre et le chapeau seulement ; un article qui
  rapporte plusieurs rencontres compte une fois, et un commentaire qui nomme deux dirigeants peut
  apparaître comme une « rencontre ». Les types viennent de la formulation, pas du protocole.
- **Acteurs** : seulement ceux du répertoire ; les fonctions sont résolues avec les mandats de
  `data/roles.csv`.
- **Jalons** : une courte liste vérifiée pour le contexte, pas une chronologie complète.
"""),
]

# --------------------------------------------------------------------------- 20

NB20 = [
    md("""
# Quels mots et quelles formules montent et déclinent ?

Ce carnet suit des groupes de mots-clés dans le temps — la Ceinture et la Route, la sécurité et
les « trois forces du mal », l'énergie, le commerce, Taïwan et « une seule Chine », la
« communauté de destin », la COVID-19, la culture et l'éducation — et cherche quels mots
caractérisent une période (ou un média), dans quelle voix ils sont écrits (discours rapporté ou
voix du journaliste), dans quels contextes et avec quels autres mots.

**Entrées** : `CORPUS`, `METADATA`, les groupes de mots-clés de
`data/lexicons/keyword_groups.yaml` (modifiables), la table des tokens (lemmes et expressions
figées) et les propos rapportés.
**Sorties** (dans `reports/figures/20_keyword_trends/`) : `fig01_keyword_trends`,
`fig02_keyword_trends_by_voice`, `fig03_keyness`, `fig04_specificities`, `fig05_collocates`.

1. À quelle fréquence chaque groupe de mots-clés est-il employé, période par période ?
2. Sont-ce les personnes citées ou les journalistes qui les emploient ?
3. Dans quels contextes ? (concordances)
4. Quels mots caractérisent chaque période ? (mots-clés statistiques)
5. Quels mots accompagnent un terme ? (cooccurrents)
6. Ce que ce corpus ne peut pas dire
"""),
    code("""
# edit here; nothing below needs changing
CORPUS = None  # un dossier de .txt/.md/.html ou une table .csv/.jsonl/.parquet ; None : le corpus fourni
METADATA = None  # un CSV de faits vérifiés par doc_id ; None : ceux du corpus
DATE_RANGE = None  # p. ex. ["2018-01-01", "2024-12-31"] ; None : tout
PERIOD = "Y"  # "Y" année, "Q" trimestre, "M" mois
KEYWORD_GROUPS = None  # chemin d'un YAML de groupes de mots-clés ; None : data/lexicons/keyword_groups.yaml
SPLIT_VOICE = True  # compter à part discours rapporté et voix du journaliste (section 2)
KWIC_TERMS = ["trois forces du mal", "la ceinture et la route", "une seule Chine"]  # termes des concordances
KWIC_WINDOW = 8  # mots de contexte de chaque côté
KWIC_LIMIT = 30  # lignes de concordance affichées
KEYNESS_BY = "period"  # "period", "outlet", "voice" ou toute colonne des documents
KEYNESS_TARGET = None  # un groupe à comparer au reste ; None : chaque groupe tour à tour (le plus grand est tracé)
KEYNESS_CORRECTION = "default"  # correction du G² : "default"/"yates" (comme quanteda), "williams" ou "none"
MIN_FREQ = 3  # fréquence minimale (mots caractéristiques, cooccurrents)
COLLOCATION_NODE = "coopération"  # terme dont on cherche les cooccurrents
COLLOCATION_WINDOW = 5  # mots de chaque côté
SAVE_FIGURES = True  # écrire PNG, SVG, PDF et CSV sous reports/figures/
""", tags=["parameters"]),
    code(SETUP_IMPORTS + """
from sinokaz_utils.keywords import compare_keyness, extract_kwic, find_collocates, keyword_trends, read_keyword_groups
from sinokaz_utils.nlp import tokenize_corpus
from sinokaz_utils.plotting.keywords import plot_collocates, plot_keyness, plot_keyword_trends, plot_specificities
from sinokaz_utils.statements import extract_statements
from sinokaz_utils.timeline import select_period

corpus = load_corpus(CORPUS, metadata=METADATA)
documents = select_period(corpus.documents(), DATE_RANGE)
tokens = tokenize_corpus(corpus)
statements = extract_statements(corpus) if SPLIT_VOICE else None
groups = read_keyword_groups(KEYWORD_GROUPS)
print(f"{len(documents)} articles, {tokens[tokens.doc_id.isin(documents.doc_id)].term.notna().sum()} mots ; "
      f"{groups.group.nunique()} groupes de mots-clés, {len(groups)} termes.")
groups.groupby("label", sort=False).term.apply(", ".join).to_frame("terms")"""),
    md("""
## 1. À quelle fréquence chaque groupe de mots-clés est-il employé, période par période ?

Les comptes portent sur les lemmes et les expressions figées (« routes de la soie » compte pour
« route de la soie »), pour 10 000 mots de la même période, afin qu'une période riche en articles
ne paraisse pas plus intéressée par le seul volume.
"""),
    code("""
trends = keyword_trends(tokens, documents, groups=groups, period=PERIOD)
print(f"{trends.attrs['undated_documents']} articles non datés laissés de côté.")
trends.pivot_table(index="label", columns="period", values="per_10k").round(1)"""),
    code("""
if trends.empty or trends["count"].sum() == 0:
    skip_figure("fig01_keyword_trends",
                reason="aucun mot-clé des groupes n'apparaît dans les articles datés" if len(trends) else "aucun article daté")
else:
    fig = plot_keyword_trends(trends)
    if SAVE_FIGURES:
        save_figure(fig, "fig01_keyword_trends", caption=f"Groupes de mots-clés pour 10 000 mots, par période ({PERIOD}).")"""),
    md("""
Chaque panneau est un groupe de mots-clés ; la courbe donne le nombre de ses termes pour 10 000
mots dans chaque période (une période sans article interrompt la courbe). Avec peu d'articles
par période, un seul long article fait un pic : vérifiez la colonne `documents` du tableau
(articles qui mentionnent le groupe) avant de lire une tendance.
"""),
    md("""
## 2. Sont-ce les personnes citées ou les journalistes qui les emploient ?

Les mots situés dans un propos rapporté (discours direct ou indirect attribué à quelqu'un) sont
comptés à part de la narration du journaliste ; chacun pour 10 000 mots de cette voix.
"""),
    code("""
by_voice = keyword_trends(tokens, documents, groups=groups, period=PERIOD, statements=statements) if SPLIT_VOICE else None
if by_voice is not None:
    display(by_voice.pivot_table(index="label", columns="voice", values="count", aggfunc="sum"))"""),
    code("""
if by_voice is None:
    skip_figure("fig02_keyword_trends_by_voice", reason="SPLIT_VOICE vaut False")
elif by_voice.empty or by_voice["count"].sum() == 0 or by_voice.voice.nunique() < 2:
    skip_figure("fig02_keyword_trends_by_voice",
                reason="aucun propos rapporté dans les articles datés : pas de seconde voix à comparer")
else:
    fig = plot_keyword_trends(by_voice, title="Groupes de mots-clés : discours rapporté et voix du journaliste")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_keyword_trends_by_voice",
                    caption="Groupes de mots-clés pour 10 000 mots, en discours rapporté et dans la voix du journaliste.")"""),
    md("""
Des formules comme « communauté de destin » ou « une seule Chine » vivent souvent dans le
discours rapporté (les mots des officiels relayés par l'article) ; un groupe que les
journalistes emploient dans leur propre voix est entré dans le vocabulaire du média.
"""),
    md("""
## 3. Dans quels contextes ?

Concordances des termes de `KWIC_TERMS` (¶ marque un changement de paragraphe).
"""),
    code("""
kwic = extract_kwic(tokens, documents, KWIC_TERMS, window=KWIC_WINDOW, limit=KWIC_LIMIT)
print(f"{len(kwic)} lignes pour {', '.join(KWIC_TERMS)}.")
kwic"""),
    md("""
## 4. Quels mots caractérisent chaque période ?

Chaque groupe (par défaut chaque période) est comparé au reste du corpus. Le G² signé de Dunning
(log-vraisemblance, comme `textstat_keyness` de quanteda) dit avec quelle certitude un mot est
sur-employé (positif) ou sous-employé (négatif) ; le log-ratio (Hardie) dit de combien (+1 : deux
fois plus fréquent). Les spécificités de Lafon (hypergéométriques, ±log10 p, comme les calculent
TXM et IRaMuTeQ) donnent la même lecture à l'échelle des p : |score| ≥ 2 signifie p ≤ 0,01. Les
mots vides et les nombres ne sont pas listés (ils comptent dans les totaux).
"""),
    code("""
keyness = compare_keyness(tokens, documents, by=KEYNESS_BY, target=KEYNESS_TARGET, period=PERIOD,
                          statements=statements, min_count=MIN_FREQ, correction=KEYNESS_CORRECTION)
keyness_groups = sorted(keyness.group.unique())
print(f"{len(keyness_groups)} groupes comparés selon {KEYNESS_BY} : {', '.join(keyness_groups)}")
keyness.groupby("group").head(5)"""),
    code("""
if keyness.empty or (keyness.g2 != 0).sum() == 0:
    skip_figure("fig03_keyness", reason=f"moins de deux groupes d'articles selon {KEYNESS_BY!r}, "
                "ou aucun terme n'atteint MIN_FREQ : rien à comparer")
    skip_figure("fig04_specificities", reason=f"moins de deux groupes d'articles selon {KEYNESS_BY!r}, "
                "ou aucun terme n'atteint MIN_FREQ : rien à comparer")
else:
    target = KEYNESS_TARGET if KEYNESS_TARGET is not None else keyness.groupby("group").total_target.max().idxmax()
    fig = plot_keyness(keyness, group=target)
    if SAVE_FIGURES:
        save_figure(fig, "fig03_keyness", caption=f"Mots caractéristiques de {target} contre le reste (G² signé, log-ratio).")
    fig = plot_specificities(keyness)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_specificities", caption=f"Spécificités de Lafon des termes les plus spécifiques de chaque groupe ({KEYNESS_BY}).")"""),
    md("""
Dans le premier graphique, les barres à droite sont les mots les plus caractéristiques du
groupe cible, celles de gauche ceux du reste ; le nombre entre parenthèses est le log-ratio.
Dans la grille des spécificités, le rouge marque un mot sur-représenté dans un groupe, le bleu
un mot sous-représenté, avec le score imprimé quand |score| ≥ 2. Avec peu d'articles par groupe,
la plupart des scores restent faibles : ce sont des pistes de lecture, pas des résultats.
"""),
    md("""
## 5. Quels mots accompagnent un terme ?

Mots situés à moins de `COLLOCATION_WINDOW` mots de `COLLOCATION_NODE` dans la même phrase,
mesurés par la log-vraisemblance et l'information mutuelle (PMI) de nltk ; les paires vues moins
de `MIN_FREQ` fois sont écartées d'abord (sinon la PMI favorise les paires vues une fois).
"""),
    code("""
collocates = find_collocates(tokens, COLLOCATION_NODE, window=COLLOCATION_WINDOW, min_freq=MIN_FREQ, documents=documents)
collocates.head(15)"""),
    code("""
if collocates.empty:
    skip_figure("fig05_collocates",
                reason=f"{COLLOCATION_NODE!r} n'a aucun cooccurrent vu au moins {MIN_FREQ} fois dans ces articles")
else:
    fig = plot_collocates(collocates)
    if SAVE_FIGURES:
        save_figure(fig, "fig05_collocates",
                    caption=f"Cooccurrents les plus forts de « {COLLOCATION_NODE} » (log-vraisemblance, fenêtre {COLLOCATION_WINDOW}).")"""),
    md("""
Les barres les plus longues sont les mots les plus liés au terme ; l'annotation donne le nombre
de cooccurrences et la PMI. Des verbes comme « renforcer » ou « approfondir » à côté de
« coopération » signalent le registre formulaire des déclarations conjointes.
"""),
    md("""
## 6. Ce que ce corpus ne peut pas dire

- **Petits nombres** : avec quelques articles par période, un long texte (une déclaration
  conjointe reproduite en entier) fait la tendance ; les fréquences relatives n'y changent rien.
- **Les groupes de mots-clés** sont un choix : ils trouvent les mots listés dans le fichier YAML
  et rien d'autre ; un synonyme oublié est un compte manquant. La lemmatisation du petit modèle
  français de spaCy se trompe parfois sur les mots rares et les noms propres.
- **Voix** : le discours rapporté est ce que l'extracteur de propos a reconnu ; une paraphrase
  non attribuée compte comme voix du journaliste.
- **Mots caractéristiques** : ils comparent les groupes présents dans ce corpus ; les articles non
  datés ne sont dans aucune période. Les dépêches dupliquées ne comptent qu'une fois.
"""),
]


def main() -> None:
    for name, cells in (("00_corpus_overview", NB00), ("10_timeline", NB10), ("20_keyword_trends", NB20)):
        nbf.write(notebook(cells), HERE / f"{name}.ipynb")
        print(f"wrote {name}.ipynb")


if __name__ == "__main__":
    main()
