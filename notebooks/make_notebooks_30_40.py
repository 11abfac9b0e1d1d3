"""Write notebooks 30_topics and 40_speakers from the cell texts below (committed without outputs).

Run ``.venv/bin/python notebooks/make_notebooks_30_40.py`` after editing a cell here; editing the
notebooks in JupyterLab is fine too, but then copy the change back here (plain text diffs review
better than notebook JSON). Notebooks 00, 10 and 20 are written by ``make_notebooks.py``.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

def build(cells, path):
    nb = new_notebook()
    out = []
    for kind, src, *tags in cells:
        src = src.strip("\n")
        if kind == "md":
            out.append(new_markdown_cell(src))
        else:
            c = new_code_cell(src)
            if tags:
                c.metadata["tags"] = list(tags)
            out.append(c)
    for i, cell in enumerate(out):
        cell["id"] = f"{Path(path).stem.split('_')[0]}-{i:02d}"  # stable ids: regenerating changes nothing
    nb.cells = out
    nb.metadata = {
        "kernelspec": {"name": "sinokaz", "display_name": "Python (sinokaz)", "language": "python"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    nbformat.write(nb, path)


CELLS_30 = [
("md", r"""
# Quels thèmes structurent la couverture des relations Chine–Kazakhstan, et comment évoluent-ils ?

Ce carnet cherche les thèmes récurrents des articles par modélisation thématique (NMF sur TF-IDF, ou LDA), en choisissant le nombre de thèmes **k** par la cohérence (NPMI calculée sur le corpus lui-même) et par la **stabilité** du résultat d'une graine aléatoire à l'autre, pour qu'un thème ne soit pas un hasard d'initialisation. Il montre ensuite ce que chaque thème contient, quels paragraphes le représentent le mieux, et sa place selon la période, le média et le pays des personnes citées.

**Entrées** : un dossier ou une table d'articles (`CORPUS`, par défaut le corpus fourni dans `data/raw`) et, si on en a, un fichier de métadonnées (`METADATA` : url, média, date).

**Sorties** (dans `reports/figures/30_topics/`, en PNG, SVG et PDF, avec le tableau en CSV) :
- `fig01_k_selection` — cohérence et stabilité selon k, le k retenu marqué ;
- `fig02_topic_terms` — les termes les plus lourds de chaque thème ;
- `fig03_topics_over_time` — la part des thèmes par période de publication ;
- `fig04_topics_by_outlet` — la part des thèmes par média ;
- `fig05_topics_by_speaker_country` — la part des thèmes dans les déclarations, selon le pays du locuteur.

**Sommaire**
1. Les unités d'analyse
2. Combien de thèmes ?
3. Que contient chaque thème ?
4. Les thèmes au fil du temps
5. Les thèmes selon les médias
6. Les thèmes selon le pays des locuteurs
7. Le même résultat à chaque exécution ?
8. Limites
"""),
("code", r"""
# edit here; nothing below needs changing
CORPUS = None            # folder or table of articles (None: the bundled corpus, data/raw)
METADATA = None          # CSV of curated facts by doc_id (url, outlet, published), or None
UNIT = "paragraph"       # unit of analysis: "paragraph", "document" or "statement"
METHOD = "nmf"           # "nmf" (NMF on TF-IDF) or "lda" (LDA on counts)
K_RANGE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]   # candidate numbers of topics
N_SEEDS = 10             # seeds per k for the stability measure (at least 10 recommended)
SEED = 42                # first seed; the same SEED gives the same topics
N_TOP_TERMS = 10         # top terms per topic (used by coherence, stability and labels)
TOLERANCE = 0.02         # NPMI margin below the best coherence still acceptable when choosing k
N_REPRESENTATIVE = 2     # representative units shown per topic
MIN_UNITS_PER_GROUP = 3  # outlets / countries with fewer units are left out of the heatmaps
SAVE_FIGURES = True      # write figures to reports/figures/30_topics/
""", "parameters"),
("code", r"""
import numpy as np
import pandas as pd

from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.nlp import tokenize_corpus
from sinokaz_utils.statements import extract_statements
from sinokaz_utils import topics
from sinokaz_utils.speakers import label_speakers
from sinokaz_utils.plotting import use_style, save_figure, skip_figure
from sinokaz_utils.plotting.topics import (plot_k_selection, plot_topic_terms, plot_topics_over_time,
                                           plot_topic_heatmap)

use_style()
pd.set_option("display.max_colwidth", 160)
"""),
("md", r"""
## 1. Les unités d'analyse

Sur quoi le modèle travaille-t-il ? Par défaut chaque **paragraphe** est une unité (un article traite souvent plusieurs sujets). Les mots sont ramenés à leur lemme ; mots vides, ponctuation et nombres sont retirés ; les expressions figées (« la Ceinture et la Route », « trois forces du mal ») comptent comme un seul terme ; les doublons d'articles sont exclus.
"""),
("code", r"""
corpus = load_corpus(CORPUS, metadata=METADATA)
docs = corpus.documents()                       # duplicates and non-French texts excluded
tokens = tokenize_corpus(corpus)
statements = label_speakers(extract_statements(corpus))
units = topics.build_units(tokens, docs, unit=UNIT, statements=statements)
vectorizer, X = topics.vectorize_units(units, method=METHOD)
print(f"{len(docs)} articles (of {len(corpus.docs)} loaded), {len(units)} units ({UNIT}), "
      f"{X.shape[1]} terms kept (min_df={vectorizer.min_df}, max_df={vectorizer.max_df}), "
      f"{int(units['n_terms'].sum())} term occurrences.")
"""),
("md", r"""
## 2. Combien de thèmes ?

Pour chaque k, le modèle est ajusté avec `N_SEEDS` graines. La **cohérence** (NPMI) mesure si les termes de tête d'un thème apparaissent vraiment ensemble dans les mêmes unités du corpus (de −1 : jamais ensemble, à 1 : toujours ensemble). La **stabilité** compare les thèmes obtenus d'une graine à l'autre : chaque thème est apparié à son meilleur correspondant (algorithme hongrois) et on fait la moyenne de l'indice de Jaccard de leurs termes de tête (1 : mêmes thèmes à chaque fois). Règle : parmi les k dont la cohérence est à moins de `TOLERANCE` de la meilleure, on prend le plus stable.
"""),
("code", r"""
selection, K = topics.select_k(units, k_range=K_RANGE, method=METHOD, n_seeds=N_SEEDS, seed=SEED,
                               n_top=N_TOP_TERMS, tolerance=TOLERANCE)
print(topics.describe_selection(selection, K, tolerance=TOLERANCE, n_top=N_TOP_TERMS))
fig = plot_k_selection(selection, K)
if SAVE_FIGURES:
    save_figure(fig, "fig01_k_selection",
                caption=f"NPMI coherence and seed stability ({N_SEEDS} seeds, top-{N_TOP_TERMS} terms) "
                        f"for k in {list(selection['k'])}; k = {K} chosen.")
"""),
("md", r"""
Le rapport ci-dessus donne, pour chaque k, la cohérence moyenne et la stabilité moyenne sur les graines. Une stabilité proche de 1 signifie qu'une autre graine donnerait les mêmes thèmes ; en dessous de 0,6 environ, une partie des thèmes change d'une exécution à l'autre et ne doit pas être interprétée isolément. Sur un petit corpus, la cohérence a tendance à monter avec k (des termes rares apparaissent ensemble par hasard) : c'est pourquoi la stabilité départage.
"""),
("md", r"""
## 3. Que contient chaque thème ?

Les thèmes sont numérotés par importance décroissante dans le corpus ; leur étiquette reprend leurs trois premiers termes. Les unités les plus représentatives permettent de vérifier ce que recouvre chaque thème.
"""),
("code", r"""
model = topics.fit_topics(units, k=K, method=METHOD, seed=SEED, n_top=N_TOP_TERMS)
terms = topics.topic_terms(model)
summary = topics.describe_topics(model, units)
display(summary.round(3))
fig = plot_topic_terms(terms, n_terms=8)
if SAVE_FIGURES:
    save_figure(fig, "fig02_topic_terms",
                caption=f"Top terms of the {K} topics ({METHOD.upper()}, seed {SEED}); bar = weight of the term in the topic.")
"""),
("code", r"""
representative = topics.representative_units(model, units, n=N_REPRESENTATIVE)
display(representative.assign(text=representative["text"].str.slice(0, 300))[["label", "share", "doc_id", "text"]])
"""),
("code", r"""
by_document = topics.topic_prevalence(model, units, by="doc_id")
by_document["main topic"] = by_document[model.labels].idxmax(axis=1)
by_document = by_document.join(docs.set_index("doc_id")[["title", "outlet", "published"]])
display(by_document[["title", "outlet", "published", "main topic", "n_units"]].head(20))
"""),
("md", r"""
Chaque panneau se lit de haut en bas : les premiers termes définissent le thème, les suivants le nuancent (le tableau donne aussi `n_docs_effective`, le nombre d'articles sur lesquels le thème se répartit : proche de 1, c'est un article plutôt qu'un thème). Un thème dont les termes de tête sont des noms propres (Tokaïev, Jinping) regroupe plutôt un type d'article (compte rendu de visite) qu'un sujet ; un thème fait de termes économiques (pétrole, oléoduc, milliards) désigne un sujet. Le tableau des paragraphes représentatifs dit si l'étiquette tient : c'est lui qu'il faut citer dans une analyse, pas la seule liste de mots.
"""),
("md", r"""
## 4. Les thèmes au fil du temps

La part de chaque thème est calculée par période de publication (année, trimestre ou mois selon l'étendue des dates). Les articles non datés sont laissés de côté.
"""),
("code", r"""
over_time = topics.topics_over_time(model, units, docs)
n_periods = over_time["period"].nunique()
n_undated = int(docs["published"].isna().sum())
print(f"{n_periods} periods ({over_time.attrs.get('freq')}) from {over_time.drop_duplicates('period')['n_docs'].sum()} dated articles; "
      f"{n_undated} undated articles left out.")
if n_periods >= 2:
    fig = plot_topics_over_time(over_time)
    if SAVE_FIGURES:
        save_figure(fig, "fig03_topics_over_time",
                    caption=f"Share of each topic per publication period ({n_undated} undated articles left out).")
else:
    skip_figure("fig03_topics_over_time", reason=f"only {n_periods} dated period(s) in this corpus; no trend to draw")
"""),
("md", r"""
Chaque barre donne la composition thématique d'une période ; le panneau du bas dit sur combien d'articles elle repose. Une période couverte par un ou deux articles reflète ces articles, pas une tendance : ne lire une évolution que là où les barres du bas sont hautes.
"""),
("md", r"""
## 5. Les thèmes selon les médias

Tous les médias ne traitent pas les mêmes sujets : la part de chaque thème par média (médias avec au moins `MIN_UNITS_PER_GROUP` unités).
"""),
("code", r"""
by_outlet = topics.topic_prevalence(model, units, by="outlet", docs=docs, min_units=MIN_UNITS_PER_GROUP)
print(f"{len(by_outlet)} outlets with at least {MIN_UNITS_PER_GROUP} units; "
      f"{int(docs['outlet'].isna().sum())} articles without a known outlet.")
if len(by_outlet) >= 2:
    fig = plot_topic_heatmap(by_outlet, group_name="média")
    if SAVE_FIGURES:
        save_figure(fig, "fig04_topics_by_outlet",
                    caption="Share of each topic in each outlet's units (n = number of units).")
else:
    skip_figure("fig04_topics_by_outlet", reason=f"fewer than two outlets with {MIN_UNITS_PER_GROUP}+ units")
"""),
("md", r"""
Une ligne par média, une colonne par thème ; chaque ligne fait 100 %. Un média dont une case domine (un seul thème très clair) a une ligne éditoriale étroite, ou peu d'articles : le nombre d'unités est indiqué entre parenthèses. Comparer les médias officiels chinois (Xinhua, Quotidien du Peuple, CGTN) aux autres montre si la presse d'État met en avant d'autres thèmes que les médias indépendants.
"""),
("md", r"""
## 6. Les thèmes selon le pays des locuteurs

Le modèle ajusté sur les paragraphes est appliqué aux **déclarations rapportées** (qui dit quoi), pour savoir de quoi parlent les responsables chinois, kazakhs et autres.
"""),
("code", r"""
statement_units = topics.build_units(tokens, docs, unit="statement", statements=statements)
statement_units = statement_units.assign(country_name=statement_units["statement_id"].map(statements["country_name"]))
by_country = topics.topic_prevalence(model, statement_units, by="country_name", min_units=MIN_UNITS_PER_GROUP)
print(f"{len(statement_units)} statements with content words; countries with {MIN_UNITS_PER_GROUP}+ statements: "
      f"{', '.join(f'{c} ({n})' for c, n in by_country['n_units'].items()) or 'none'}.")
if len(by_country) >= 2:
    fig = plot_topic_heatmap(by_country, group_name="pays du locuteur",
                             title="Part de chaque thème dans les déclarations, par pays du locuteur")
    if SAVE_FIGURES:
        save_figure(fig, "fig05_topics_by_speaker_country",
                    caption="Topic shares in reported statements, by the speaker's country (model fitted on the articles, applied to statements).")
else:
    skip_figure("fig05_topics_by_speaker_country", reason="fewer than two speaker countries with enough statements")
"""),
("md", r"""
Si les deux lignes (Chine, Kazakhstan) se ressemblent, les deux parties parlent des mêmes sujets et la différence est ailleurs (dans les formules, voir le carnet `40_speakers`) ; si un thème pèse nettement plus d'un côté, c'est le sujet que ce pays porte dans la relation. Les déclarations sont courtes : une part se lit sur le nombre de déclarations indiqué entre parenthèses.
"""),
("md", r"""
## 7. Le même résultat à chaque exécution ?

Le modèle est ajusté une seconde fois avec la même graine : les thèmes doivent être identiques.
"""),
("code", r"""
again = topics.fit_topics(units, k=K, method=METHOD, seed=SEED, n_top=N_TOP_TERMS)
same = again.top_terms == model.top_terms and np.array_equal(again.doc_topic, model.doc_topic, equal_nan=True)
print(f"Same SEED ({SEED}) gives the same {K} topics: {bool(same)}")
row = selection.set_index("k").loc[K]
print(f"Across {N_SEEDS} seeds, topics at k = {K} agree at {row['stability']:.2f} (mean best-match Jaccard of top-{N_TOP_TERMS} terms).")
"""),
("md", r"""
## 8. Limites

- **Ce que le corpus ne dit pas.** Le corpus est ce qui a été collecté : des médias francophones, surtout des agences et médias d'État chinois republiés. Un thème absent peut être un thème non collecté.
- **Datation.** Les articles sans date de publication sont exclus des tendances ; la datation automatique (ligne de date, URL) peut se tromper d'un jour à quelques mois.
- **Petits corpus.** Sur quelques articles, les thèmes reflètent les articles eux-mêmes plus que des thèmes de fond ; la cohérence NPMI, calculée sur le même petit corpus, est optimiste. La stabilité dit quelle part des thèmes changerait avec une autre graine.
- **Attribution.** Les thèmes par pays reposent sur l'extraction automatique des déclarations, qui manque des déclarations et peut en attribuer à tort ; les discours non attribués à un pays sont écartés.
- **Lemmes.** La lemmatisation automatique fait des erreurs (« résolumer »), et les mots vides retirés suivent une liste (`data/lexicons/stopwords_domain.txt`) qu'on peut modifier.
"""),
]

CELLS_40 = [
("md", r"""
# Que disent les responsables chinois et kazakhs, et en quoi se distinguent-ils ?

Ce carnet part des déclarations rapportées dans les articles (qui dit quoi, extrait automatiquement) pour voir qui est cité et combien, quelle place la parole rapportée prend face à la voix du journaliste selon les médias, quels mots caractérisent chaque pays et chaque locuteur par rapport aux autres, de quels thèmes chacun parle, qui reprend les formules diplomatiques partagées, et qui parle comme qui. Toutes les comparaisons valent pour un nombre quelconque de groupes (locuteurs, pays, médias).

**Entrées** : un dossier ou une table d'articles (`CORPUS`, par défaut le corpus fourni dans `data/raw`), un fichier de métadonnées facultatif (`METADATA`), la liste des formules suivies (`data/lexicons/formulas.csv`).

**Sorties** (dans `reports/figures/40_speakers/`, en PNG, SVG et PDF, avec le tableau en CSV) :
- `fig01_quotes_per_speaker` — qui est cité, combien de mots ;
- `fig02_reported_speech_by_outlet` — parole rapportée (par pays) et voix du journaliste, par média ;
- `fig03_keyness_by_country` — mots caractéristiques de chaque pays face aux autres ;
- `fig04_keyness_china_kazakhstan` — Chine contre Kazakhstan, en barres divergentes ;
- `fig05_keyness_by_speaker` — mots caractéristiques des locuteurs les plus cités ;
- `fig06_term_scatter` — fréquences des termes chez les locuteurs chinois et kazakhs (échelles log) ;
- `fig07_speaker_topics` — profil thématique de chaque locuteur ;
- `fig08_shared_formulas` — qui emploie les formules partagées ;
- `fig09_speaker_similarity` — similarité du vocabulaire entre locuteurs.

**Sommaire**
1. Les déclarations
2. Qui est cité, et combien ?
3. Parole rapportée et voix du journaliste
4. Les mots de chaque pays
5. Chine contre Kazakhstan
6. Les mots de chaque locuteur
7. Le vocabulaire chinois et kazakh en un nuage de points
8. De quels thèmes parle chaque locuteur ?
9. Les formules partagées
10. Qui parle comme qui ?
11. Limites
"""),
("code", r"""
# edit here; nothing below needs changing
CORPUS = None              # folder or table of articles (None: the bundled corpus, data/raw)
METADATA = None            # CSV of curated facts by doc_id (url, outlet, published), or None
SPEAKER_TYPES = ["person"] # statement authors compared; add "collective", "document" for communiqués, "les deux parties"
GROUP_A = "Chine"          # the pair compared head to head (country names as in data/lexicons/country_names.csv)
GROUP_B = "Kazakhstan"
TOP_SPEAKERS = 20          # speakers shown in the bar charts
N_KEY_SPEAKERS = 6         # most-quoted speakers given their own keyness panel
MIN_WORDS = 40             # speakers / countries quoted with fewer words are not compared on their own
MIN_COUNT = 3              # terms seen fewer times are left out of keyness tables
N_TERMS = 8                # terms per side in keyness bars
N_LABELS = 12              # distinctive terms labelled on each side of the scatter
UNIT = "paragraph"         # topic model (as in 30_topics): unit of analysis
METHOD = "nmf"             # "nmf" or "lda"
K_RANGE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]  # as in 30_topics, so the topics are the same
N_SEEDS = 10
SEED = 42
SAVE_FIGURES = True        # write figures to reports/figures/40_speakers/
""", "parameters"),
("code", r"""
import pandas as pd

from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.nlp import tokenize_corpus
from sinokaz_utils.statements import extract_statements
from sinokaz_utils import speakers, topics
from sinokaz_utils.plotting import use_style, save_figure, skip_figure
from sinokaz_utils.plotting.speakers import (plot_quotes, plot_reported_share, plot_keyness, plot_keyness_pair,
                                             plot_term_scatter, plot_speaker_topics, plot_formulas,
                                             plot_similarity)

use_style()
pd.set_option("display.max_colwidth", 120)
"""),
("md", r"""
## 1. Les déclarations

Une déclaration est un passage de discours rapporté (direct ou indirect) attribué à un locuteur : une personne, un collectif (« les deux parties ») ou un document (« le communiqué »). Les comparaisons portent sur les types `SPEAKER_TYPES` ; les doublons d'articles sont exclus.
"""),
("code", r"""
corpus = load_corpus(CORPUS, metadata=METADATA)
docs = corpus.documents()
tokens = tokenize_corpus(corpus)
tokens = tokens[tokens["doc_id"].isin(docs["doc_id"])]
all_statements = extract_statements(corpus)
all_statements = speakers.label_speakers(all_statements[all_statements["doc_id"].isin(docs["doc_id"])])
statements = all_statements[all_statements["speaker_type"].isin(SPEAKER_TYPES)]
print(f"{len(docs)} articles, {len(all_statements)} statements, {len(statements)} by {', '.join(SPEAKER_TYPES)} "
      f"({statements['speaker_key'].nunique()} speakers from {statements['country_name'].nunique()} countries).")
display(all_statements.groupby(["speaker_type", "country_name"]).size().rename("statements").to_frame())
"""),
("md", r"""
## 2. Qui est cité, et combien ?

Nombre de mots de discours rapporté par locuteur, avec le nombre de déclarations et d'articles.
"""),
("code", r"""
quotes = speakers.count_quotes(statements, tokens)
by_country = speakers.count_quotes(statements, tokens, by="country")
display(by_country)
if len(quotes):
    fig = plot_quotes(quotes, top=TOP_SPEAKERS)
    if SAVE_FIGURES:
        save_figure(fig, "fig01_quotes_per_speaker",
                    caption=f"Words of reported speech per speaker ({', '.join(SPEAKER_TYPES)}), coloured by country.")
else:
    skip_figure("fig01_quotes_per_speaker", reason="no statement found in this corpus")
"""),
("md", r"""
La longueur d'une barre dit combien de mots on prête à un locuteur ; le nombre d'articles dit si cette parole est répandue ou concentrée dans un seul compte rendu. Le déséquilibre entre pays (tableau ci-dessus) est déjà un résultat : dans une couverture dominée par les sources chinoises, la partie kazakhe parle surtout à travers les comptes rendus d'entretiens rédigés par l'autre partie.
"""),
("md", r"""
## 3. Parole rapportée et voix du journaliste

Pour chaque média, la part des mots qui appartiennent à une déclaration (colorée selon le pays du locuteur) et la part qui est la voix propre du journaliste (gris clair). Toutes les déclarations comptent ici, communiqués compris.
"""),
("code", r"""
share_by_outlet = speakers.reported_speech_share(tokens, all_statements, docs, by="outlet")
share_by_article = speakers.reported_speech_share(tokens, all_statements, docs, by="doc_id")
print(f"Reported speech: {share_by_article['n_reported'].sum() / max(share_by_article['n_words'].sum(), 1):.0%} of all words; "
      f"median article {share_by_article['share_reported'].median():.0%}; "
      f"{int((share_by_article['share_reported'] == 0).sum())} of {len(share_by_article)} articles quote nobody.")
display(share_by_article.sort_values("share_reported", ascending=False).head(10).round(2))
if share_by_outlet["n_reported"].sum() > 0:
    fig = plot_reported_share(share_by_outlet, group_name="média")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_reported_speech_by_outlet",
                    caption="Share of each outlet's words that are reported speech (by speaker country) or the journalist's own voice.")
else:
    skip_figure("fig02_reported_speech_by_outlet", reason="no reported speech found in this corpus")
"""),
("md", r"""
Un média dont la barre est surtout colorée relaie des déclarations (communiqués, comptes rendus d'entretiens) ; une barre surtout grise signale un texte d'analyse ou de récit. La couleur dominante dit quelle partie a la parole : une couverture où la parole kazakhe n'apparaît que dans quelques médias dépend de ces médias pour entendre l'autre partie.
"""),
("md", r"""
## 4. Les mots de chaque pays

Chaque pays est comparé à l'ensemble des autres locuteurs (pas au journaliste) : log-vraisemblance G² signée (à droite, mots sur-employés), log-ratio et spécificités de Lafon dans le tableau. Les barres hachurées ne sont pas significatives (p ≥ 0,05).
"""),
("code", r"""
key_country = speakers.speaker_keyness(tokens, statements, by="country", min_count=MIN_COUNT, min_words=MIN_WORDS)
n_groups = key_country["group"].nunique() if len(key_country) else 0
print(f"{n_groups} countries compared (at least {MIN_WORDS} words each).")
if n_groups >= 1:
    display(key_country.groupby("group").head(5).round(3))
    fig = plot_keyness(key_country, n_terms=N_TERMS)
    if SAVE_FIGURES:
        save_figure(fig, "fig03_keyness_by_country",
                    caption="Keyness of each speaker country's words against all other speakers (signed G²; hatched: p ≥ 0.05).")
else:
    skip_figure("fig03_keyness_by_country", reason=f"fewer than two countries with {MIN_WORDS}+ words of reported speech")
"""),
("md", r"""
À droite de chaque panneau, les mots que ce pays emploie plus que les autres ; à gauche, ceux qu'il emploie moins. Sur un petit corpus, presque rien n'est significatif : il faut lire ces barres comme des pistes, à vérifier dans les déclarations elles-mêmes, et ne retenir que ce qui se confirme sur un corpus plus grand.
"""),
("md", r"""
## 5. Chine contre Kazakhstan

Les deux groupes `GROUP_A` et `GROUP_B` face à face : à droite ce que dit plus `GROUP_A`, à gauche ce que dit plus `GROUP_B`.
"""),
("code", r"""
groups_present = set(statements["country_name"])
if {GROUP_A, GROUP_B} <= groups_present:
    key_pair = speakers.speaker_keyness(tokens, statements, by="country", target=GROUP_A, reference=[GROUP_B],
                                        min_count=MIN_COUNT, min_words=1)
else:
    key_pair = pd.DataFrame()
if len(key_pair):
    display(key_pair.head(8).round(3))
    display(key_pair.tail(8).round(3))
    fig = plot_keyness_pair(key_pair, reference=GROUP_B, n_terms=12)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_keyness_china_kazakhstan",
                    caption=f"Terms over-used by {GROUP_A} (right) and by {GROUP_B} (left) speakers, signed G²; hatched: p ≥ 0.05.")
else:
    skip_figure("fig04_keyness_china_kazakhstan", reason=f"no statements from both {GROUP_A} and {GROUP_B} speakers")
"""),
("md", r"""
Cette figure résume ce qu'un chercheur peut écrire sur la différence entre les deux discours : les termes du côté de `GROUP_A` et ceux du côté de `GROUP_B` sont les points d'appui ; les formules diplomatiques (section 9) disent si cette différence tient au vocabulaire officiel ou aux sujets abordés.
"""),
("md", r"""
## 6. Les mots de chaque locuteur

Les `N_KEY_SPEAKERS` locuteurs les plus cités, chacun comparé à tous les autres locuteurs.
"""),
("code", r"""
key_speaker = speakers.speaker_keyness(tokens, statements, by="speaker", min_count=MIN_COUNT, min_words=MIN_WORDS)
top_speakers = [s for s in quotes["speaker_label"] if s in set(key_speaker["group"])][:N_KEY_SPEAKERS]
print(f"{key_speaker['group'].nunique() if len(key_speaker) else 0} speakers with {MIN_WORDS}+ words; showing {len(top_speakers)}.")
if top_speakers:
    fig = plot_keyness(key_speaker, groups=top_speakers, n_terms=6)
    if SAVE_FIGURES:
        save_figure(fig, "fig05_keyness_by_speaker",
                    caption=f"Keyness of the {len(top_speakers)} most-quoted speakers' words against all other speakers (signed G²).")
else:
    skip_figure("fig05_keyness_by_speaker", reason=f"no speaker quoted with {MIN_WORDS}+ words")
"""),
("md", r"""
Un locuteur se distingue par ses sujets (un ministre de l'Énergie parle de pétrole) et par son registre (un chef d'État parle d'amitié et de confiance). Les panneaux disent lequel : des noms de domaines et d'objets indiquent un sujet, des termes relationnels un registre.
"""),
("md", r"""
## 7. Le vocabulaire chinois et kazakh en un nuage de points

Chaque point est un terme : sa fréquence (pour 10 000 mots) chez les locuteurs de `GROUP_B` en abscisse, de `GROUP_A` en ordonnée, en échelles logarithmiques. Sur la diagonale, les termes partagés ; loin d'elle, les termes propres à un côté (les plus distinctifs sont nommés). Les termes absents d'un côté sont posés sur la ligne « 0 ».
"""),
("code", r"""
scatter = speakers.compare_term_frequencies(tokens, statements, x=GROUP_B, y=GROUP_A, n_labels=N_LABELS)
print(f"{len(scatter)} terms; {int((scatter['side'] == GROUP_A).sum())} at least twice as frequent for {GROUP_A}, "
      f"{int((scatter['side'] == GROUP_B).sum())} for {GROUP_B}.")
if len(scatter) >= 5:
    fig = plot_term_scatter(scatter)
    if SAVE_FIGURES:
        save_figure(fig, "fig06_term_scatter",
                    caption=f"Term frequencies per 10,000 words in {GROUP_A} (y) and {GROUP_B} (x) speakers' statements, log scales; distinctive terms labelled.")
else:
    skip_figure("fig06_term_scatter", reason=f"not enough terms spoken by both {GROUP_A} and {GROUP_B} speakers")
"""),
("md", r"""
Les termes du coin supérieur gauche sont propres à `GROUP_A`, ceux du coin inférieur droit à `GROUP_B` ; les termes du haut de la diagonale forment le vocabulaire commun de la relation. C'est la version statique, pour un rapport, de la comparaison que scattertext propose en ligne.
"""),
("md", r"""
## 8. De quels thèmes parle chaque locuteur ?

Le modèle thématique du carnet `30_topics` (mêmes paramètres, donc mêmes thèmes) est appliqué aux déclarations de chaque locuteur.
"""),
("code", r"""
units = topics.build_units(tokens, docs, unit=UNIT, statements=all_statements)
selection, K = topics.select_k(units, k_range=K_RANGE, method=METHOD, n_seeds=N_SEEDS, seed=SEED)
print(topics.describe_selection(selection, K))
model = topics.fit_topics(units, k=K, method=METHOD, seed=SEED)
statement_units = topics.build_units(tokens, docs, unit="statement", statements=statements)
profile = topics.topic_prevalence(model, statement_units, by="speaker_label", min_units=2)
print(f"{len(profile)} speakers with at least 2 statements carrying topic words.")
if len(profile) >= 2:
    countries = dict(zip(statements["speaker_label"], statements["country_name"]))
    fig = plot_speaker_topics(profile, countries=countries, max_speakers=TOP_SPEAKERS)
    if SAVE_FIGURES:
        save_figure(fig, "fig07_speaker_topics",
                    caption=f"Topic mix of each speaker's statements ({K} topics fitted on the articles, seed {SEED}).")
else:
    skip_figure("fig07_speaker_topics", reason="fewer than two speakers with two or more statements")
"""),
("md", r"""
Chaque barre est le mélange de thèmes des déclarations d'un locuteur (nombre de déclarations entre parenthèses). Des barres semblables pour des locuteurs de pays différents indiquent un agenda commun ; un thème qui n'apparaît que chez les locuteurs d'un pays est un sujet que ce pays porte.
"""),
("md", r"""
## 9. Les formules partagées

Les formules de la diplomatie sino-kazakhe (liste modifiable : `data/lexicons/formulas.csv`) : combien de fois, dans combien d'articles, dans la bouche de qui, ou dans la voix du journaliste.
"""),
("code", r"""
formulas = speakers.find_formulas(tokens, all_statements, docs)
display(formulas)
if formulas["n_total"].sum() > 0:
    fig = plot_formulas(formulas)
    if SAVE_FIGURES:
        save_figure(fig, "fig08_shared_formulas",
                    caption="Occurrences of shared diplomatic formulas in each country's statements and in the journalist's voice.")
else:
    skip_figure("fig08_shared_formulas", reason="none of the tracked formulas occurs in this corpus")
"""),
("md", r"""
Une formule surtout portée par la voix du journaliste est passée dans le langage des médias (souvent parce que les médias reprennent les communiqués) ; une formule qu'on trouve dans la bouche des deux parties est réellement partagée ; une formule d'un seul côté reste la marque de ce côté.
"""),
("md", r"""
## 10. Qui parle comme qui ?

Similarité cosinus entre les vocabulaires des locuteurs (TF-IDF des lemmes de leurs déclarations), locuteurs regroupés par pays.
"""),
("code", r"""
similarity = speakers.speaker_similarity(tokens, statements, min_words=MIN_WORDS)
print(f"{len(similarity)} speakers with at least {MIN_WORDS} content words.")
if len(similarity) >= 2:
    pairs = similarity.where(~pd.DataFrame(
        [[i >= j for j in range(len(similarity))] for i in range(len(similarity))],
        index=similarity.index, columns=similarity.columns)).stack().sort_values(ascending=False)
    display(pairs.head(5).rename("cosine").to_frame())
    fig = plot_similarity(similarity)
    if SAVE_FIGURES:
        save_figure(fig, "fig09_speaker_similarity",
                    caption="Cosine similarity of speakers' vocabularies (TF-IDF of lemmas), grouped by country.")
else:
    skip_figure("fig09_speaker_similarity", reason=f"fewer than two speakers with {MIN_WORDS}+ content words")
"""),
("md", r"""
Les cases claires signalent des paires de locuteurs qui emploient les mêmes mots. Si elles se trouvent surtout à l'intérieur des blocs d'un même pays, chaque partie a son langage ; si elles traversent les blocs, la relation produit un vocabulaire commun — souvent celui des communiqués conjoints, repris des deux côtés.
"""),
("md", r"""
## 11. Limites

- **Attribution automatique.** L'extraction des déclarations manque des passages et en attribue parfois à la mauvaise personne (homonymes « M. Wang », pronoms) ; les discours non attribués à une personne sont exclus des comparaisons par pays.
- **Parole médiatisée.** Ce ne sont pas les mots des responsables mais ceux que les médias leur prêtent, souvent traduits du chinois, du russe ou du kazakh, souvent dans des comptes rendus rédigés par une seule des parties.
- **Taille.** Les locuteurs peu cités reposent sur quelques phrases : leurs mots caractéristiques et leur profil thématique sont fragiles. Les seuils `MIN_WORDS` et `MIN_COUNT` écartent les cas les plus minces ; les barres hachurées ne sont pas significatives.
- **Couverture.** Un pays peu cité peut l'être parce que les médias collectés sont surtout chinois ; ce carnet décrit la couverture, pas la diplomatie elle-même.
"""),
]


if __name__ == "__main__":
    build(CELLS_30, HERE / "30_topics.ipynb")
    build(CELLS_40, HERE / "40_speakers.ipynb")
