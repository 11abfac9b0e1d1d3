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
# What is in this corpus?

Before any analysis, this notebook takes stock of the articles: which outlets they come from,
when they were published, how long they are, what the cleaning removed from each page, which
articles are copies of the same wire story, and which inputs could not be read. Every later
notebook counts each story once, in French, after this cleaning.

**Inputs**: a folder or table of articles (`CORPUS`, default: the five bundled articles in
`data/raw/`) and optional curated metadata (`METADATA`).
**Outputs** (in `reports/figures/00_corpus_overview/`): `fig01_documents_per_outlet`,
`fig02_articles_per_year`, `fig03_article_lengths`, `fig04_cleaning_audit`.

1. Which outlets?
2. When were they published?
3. How long are the articles?
4. What did the cleaning remove?
5. Which articles are copies of one another?
6. What could not be read?
7. What this corpus cannot tell
"""),
    code("""
# edit here; nothing below needs changing
CORPUS = None  # a folder of .txt/.md/.html files or a .csv/.jsonl/.parquet table; None means the bundled corpus
METADATA = None  # a CSV of curated facts by doc_id (url, outlet, published, ...); None means the corpus's own
TOP_OUTLETS = 15  # outlets shown by name in the first figure
SAVE_FIGURES = True  # write PNG, SVG, PDF and CSV under reports/figures/
""", tags=["parameters"]),
    code(SETUP_IMPORTS + """
from sinokaz_utils.overview import count_documents, describe_lengths, list_duplicates, summarize_cleaning
from sinokaz_utils.plotting.corpus import plot_cleaning, plot_lengths, plot_outlets
from sinokaz_utils.plotting.timeline import plot_coverage
from sinokaz_utils.timeline import count_articles, summarize_dating

corpus = load_corpus(CORPUS, metadata=METADATA)
documents = corpus.documents()
print(f"{len(corpus.docs)} documents loaded from {corpus.source}; {len(documents)} analysed "
      f"(French, one copy of each story); {len(corpus.skipped)} inputs skipped.")"""),
    md("""
## 1. Which outlets?

The outlet comes from the curated metadata, the URL's domain or a signature in the page; where
nothing shows it, the article is counted under "média inconnu".
"""),
    code("""
outlets = count_documents(corpus)
outlets"""),
    code("""
fig = plot_outlets(outlets, top=TOP_OUTLETS)
if SAVE_FIGURES:
    save_figure(fig, "fig01_documents_per_outlet",
                caption="Documents per outlet: analysed, syndicated duplicates and other languages.")"""),
    md("""
Each bar is an outlet; its length is the number of documents loaded from it. Orange segments
are copies of a story already counted elsewhere (they are left out of every analysis), grey
ones are in another language. A long "média inconnu" bar means the outlet should be added to
the metadata before comparing outlets.
"""),
    md("""
## 2. When were they published?

Publication dates come from a date stamp or a dateline in the text, from the URL, or from the
curated metadata. Undated articles are left out of this chart and listed in `10_timeline`.
"""),
    code("""
per_year = count_articles(documents, period="Y", by=None)
dating = summarize_dating(documents)
dating.pivot_table(index="label", columns="date", values="documents", sort=False)"""),
    code("""
if per_year.empty:
    skip_figure("fig02_articles_per_year",
                reason=f"none of the {len(documents)} analysed articles has a publication date")
else:
    fig = plot_coverage(per_year, title="Articles par année de publication")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_articles_per_year", caption="Analysed articles per year of publication.")
    print(f"{int(per_year.articles.sum())} dated articles; {per_year.attrs['undated']} without a publication date.")"""),
    md("""
Bars count articles by year of publication. A year with no bar had no article in the corpus,
which says more about how the corpus was collected than about how much was written.
"""),
    md("""
## 3. How long are the articles?

Lengths are counted on the cleaned text (after the page debris is removed), in words.
"""),
    code("""
lengths = describe_lengths(corpus)
lengths.n_words.describe().round(0).to_frame().T"""),
    code("""
fig = plot_lengths(lengths)
if SAVE_FIGURES:
    save_figure(fig, "fig03_article_lengths", caption="Distribution of article lengths (words of the cleaned text).")"""),
    md("""
Short texts (under a hundred words) are often briefs or pages whose body was not captured;
very long ones may be speeches or joint declarations reproduced in full. Both weigh on word
counts: the keyword notebook normalises by the number of words.
"""),
    md("""
## 4. What did the cleaning remove?

Boilerplate lines (share bars, "A lire également", photo credits, outlet signatures, date
stamps, repeated headlines, navigation) are removed by patterns kept in
`data/lexicons/boilerplate.yaml`; every removal is recorded.
"""),
    code("""
cleaning = summarize_cleaning(corpus)
corpus.audit.head(20)"""),
    code("""
if cleaning.empty:
    skip_figure("fig04_cleaning_audit", reason="the cleaning removed no line from this corpus")
else:
    fig = plot_cleaning(cleaning)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_cleaning_audit", caption="Lines removed by each cleaning rule, per outlet.")"""),
    md("""
Each bar is a cleaning rule; colours show which outlets' pages it cleaned. A rule that fires
on one outlet only usually targets that site's template. Check the audit table above for a
content line removed by mistake: if one appears, narrow the rule in the lexicon.
"""),
    md("""
## 5. Which articles are copies of one another?

The same wire story is often republished by several sites with different debris. Copies point
to their canonical document (`duplicate_of`) and are counted once.
"""),
    code("""
duplicates = list_duplicates(corpus)
print(f"{len(duplicates)} duplicate copies of {duplicates.duplicate_of.nunique()} stories.")
duplicates"""),
    md("""
## 6. What could not be read?

Every input file is either loaded or listed here with its reason (empty, binary, undecodable,
no content after cleaning, a link pointing outside the corpus).
"""),
    code("""
corpus.skipped"""),
    md("""
## 7. What this corpus cannot tell

- **Coverage**: the corpus holds what was collected, not everything that was published; counts
  per outlet or per year describe the collection as much as the media.
- **Outlets**: where no outlet is shown, syndicated texts cannot be traced to their source.
- **Dates**: an article without a date stamp, dateline, dated URL or curated date stays undated
  rather than guessed; undated articles drop out of every time series.
- **Cleaning**: the patterns are tuned on Chinese state media and a few other sites; an
  unfamiliar template may leave debris (check the audit) or, rarely, remove a content line.
- **Duplicates**: lightly rewritten versions of a story may stay separate; different stories
  about the same meeting are never merged.
"""),
]

# --------------------------------------------------------------------------- 10

NB10 = [
    md("""
# When did things happen, and how much was written about them?

This notebook places the corpus in time: how many articles each period and outlet produced,
which China–Kazakhstan encounters the articles report (who met whom, where, in what format),
set against curated milestones of the relationship, and how each date was obtained.

**Inputs**: `CORPUS`, `METADATA` (an `outlet_total` column, the outlet's total number of
articles, enables normalised coverage), the curated milestones in `data/events.csv`, the event
types in `data/lexicons/event_types.csv` and the actor gazetteer `data/actors.csv`.
**Outputs** (in `reports/figures/10_timeline/`): `fig01_articles_per_period`,
`fig02_articles_per_outlet_normalised`, `fig03_event_timeline`, `fig04_who_met_whom`,
`fig05_dating`.

1. How much was written, and when?
2. Relative to each outlet's output
3. Which encounters do the articles report?
4. Who met whom?
5. How was each date obtained, and which articles are undated?
6. What this corpus cannot tell
"""),
    code("""
# edit here; nothing below needs changing
CORPUS = None  # a folder of .txt/.md/.html files or a .csv/.jsonl/.parquet table; None means the bundled corpus
METADATA = None  # a CSV of curated facts by doc_id; an outlet_total column enables section 2
DATE_RANGE = None  # e.g. ["2018-01-01", "2024-12-31"]; None means everything
PERIOD = "auto"  # "M" month, "Q" quarter, "Y" year, "auto" (from the span of the dates)
COVERAGE_DATE = "published"  # "published" (when written) or "date" (event date, else publication date)
TOP_OUTLETS = 6  # outlets shown by name; the others are grouped as "autres"
MILESTONE_MARGIN_YEARS = 3  # milestones shown up to this many years around the corpus's events
SAVE_FIGURES = True  # write PNG, SVG, PDF and CSV under reports/figures/
""", tags=["parameters"]),
    code(SETUP_IMPORTS + """
from sinokaz_utils.plotting.timeline import plot_coverage, plot_dating, plot_event_timeline, plot_meetings
from sinokaz_utils.timeline import (count_articles, count_meetings, extract_events, list_undated, read_milestones,
                                    select_period, summarize_dating)

corpus = load_corpus(CORPUS, metadata=METADATA)
documents = select_period(corpus.documents(), DATE_RANGE)
print(f"{len(documents)} articles analysed (French, one copy of each story, within DATE_RANGE={DATE_RANGE}).")"""),
    md("""
## 1. How much was written, and when?

Articles are counted per period of publication and per outlet (the most frequent outlets by
name, the rest grouped). Periods inside the covered span with no article show as gaps.
"""),
    code("""
coverage = count_articles(documents, period=PERIOD, by="outlet", date=COVERAGE_DATE, top=TOP_OUTLETS,
                          date_range=DATE_RANGE)
print(f"{int(coverage.articles.sum())} articles dated; {coverage.attrs['undated']} undated and left out.")
coverage[coverage.articles > 0]"""),
    code("""
if coverage.empty:
    skip_figure("fig01_articles_per_period",
                reason=f"no analysed article has a {'publication' if COVERAGE_DATE == 'published' else 'known'} date")
else:
    fig = plot_coverage(coverage)
    if SAVE_FIGURES:
        save_figure(fig, "fig01_articles_per_period", caption=f"Articles per period ({coverage.attrs['period']}) and outlet.")
    busiest = coverage.groupby("period_start").articles.sum().idxmax()
    print(f"Busiest period starts on {busiest:%Y-%m-%d}.")"""),
    md("""
Each bar is a period; its height is the number of articles published then, coloured by
outlet. Peaks usually follow visits and summits (compare with section 3); an empty stretch
means no article in the corpus, not necessarily no coverage in the press.
"""),
    md("""
## 2. Relative to each outlet's output

Raw counts favour prolific outlets. Where the metadata gives each outlet's total number of
articles (`outlet_total`), coverage is shown per 1,000 articles of that outlet.
"""),
    code("""
has_totals = "outlet_total" in documents.columns and coverage.per_1000.notna().any()
if not has_totals:
    skip_figure("fig02_articles_per_outlet_normalised",
                reason="the metadata gives no outlet_total column (each outlet's total output), so counts cannot be normalised")
else:
    fig = plot_coverage(coverage, value="per_1000", title="Articles pour 1 000 articles publiés par le média")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_articles_per_outlet_normalised",
                    caption="Articles per period per 1,000 articles published by each outlet.")"""),
    md("""
Read the normalised bars as the share of an outlet's output given to China–Kazakhstan
relations: a small outlet writing a few articles can weigh more here than a wire service.
"""),
    md("""
## 3. Which encounters do the articles report?

Each article whose headline or lead reports an encounter becomes an event: its date (the event
date the text gives, else the publication date), its place, its type (from the wording of the
headline and lead: state visit, talks, phone call, summit, strategic dialogue, meeting) and the
Chinese and Kazakh actors it names (from the gazetteer, with role phrases such as "le président
kazakh" resolved to the holder on that date). The curated milestones give the context.
"""),
    code("""
events = extract_events(documents, date_range=DATE_RANGE)
milestones = read_milestones(date_range=DATE_RANGE)
events[["date", "date_kind", "place", "type_label", "china_actors", "kazakhstan_actors", "doc_id"]]"""),
    code("""
if events.date.notna().sum() == 0 and milestones.empty:
    skip_figure("fig03_event_timeline", reason="no dated event in the corpus and no milestone in DATE_RANGE")
else:
    fig = plot_event_timeline(events, milestones, margin_years=MILESTONE_MARGIN_YEARS)
    if SAVE_FIGURES:
        save_figure(fig, "fig03_event_timeline",
                    caption="China–Kazakhstan encounters reported by the corpus (swimlanes) over curated milestones.")
    print(f"{events.date.notna().sum()} dated events drawn; {events.date.isna().sum()} undated events listed above only.")"""),
    md("""
The lower panel has one lane per country: a marker sits in the lane of each country whose
actors the article names, joined by a line when both sides appear; its shape gives the type of
encounter. The upper band shows the curated milestones (`data/events.csv`, each with its
source) within a few years of the corpus. Events cluster around milestones when the corpus
follows official diplomacy closely.
"""),
    code("""
milestones[["date", "label", "place", "source"]]"""),
    md("""
## 4. Who met whom?

Every pair of a Chinese and a Kazakh actor named in the same event.
"""),
    code("""
meetings = count_meetings(events)
meetings"""),
    code("""
if meetings.empty:
    skip_figure("fig04_who_met_whom",
                reason="no event names both a Chinese and a Kazakh actor of the gazetteer (data/actors.csv)")
else:
    fig = plot_meetings(meetings)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_who_met_whom", caption="Chinese (rows) and Kazakh (columns) actors named in the same event.")"""),
    md("""
Rows are Chinese actors, columns Kazakh ones; a cell counts the events naming both. Heads of
state dominate official media; ministers appear with strategic dialogues and working visits.
A person missing from the gazetteer is missing here: add them to `data/actors.csv`.
"""),
    md("""
## 5. How was each date obtained, and which articles are undated?

"Dans le texte ou l'URL": a date stamp, a dateline, an explicit date or a dated URL.
"Déduite": the lead names a weekday ("jeudi"), resolved to the latest such day before the
dateline or publication date. "Métadonnées vérifiées": from the curated metadata file.
"Inconnue": nothing gives it; the date is left empty rather than guessed.
"""),
    code("""
dating = summarize_dating(documents)
fig = plot_dating(dating)
if SAVE_FIGURES:
    save_figure(fig, "fig05_dating", caption="How the publication and event dates were obtained.")"""),
    md("""
The more of the bars are grey, the more of the corpus drops out of the time series above.
Inferred event dates depend on the publication date being right: check a few against the text.
"""),
    code("""
undated = list_undated(documents)
print(f"{len(undated)} articles have neither a publication nor an event date.")
undated"""),
    md("""
## 6. What this corpus cannot tell

- **Coverage** is the collection's, not the press's: a quiet period may be a gap in collecting.
- **Dates**: undated articles are missing from every chart over time; inferred dates rest on
  a weekday and a reference date; a publication date is used for an event when the text gives
  no event date (column `date_kind`).
- **Events** are one per article, read from the headline and lead only: an article reporting
  several meetings counts once, and a commentary that names two leaders may appear as a
  "rencontre". Types come from the wording, not from diplomatic protocol.
- **Actors** are only those in the gazetteer; role phrases are resolved with the tenures in
  `data/roles.csv`.
- **Milestones** are a short curated list for context, not a complete chronology.
"""),
]

# --------------------------------------------------------------------------- 20

NB20 = [
    md("""
# Which words and formulas rise and fall?

This notebook follows groups of keywords over time — the Belt and Road, security and the
"trois forces du mal", energy, trade, Taiwan and "une seule Chine", the "communauté de
destin", COVID-19, culture and education — and asks which words characterise a period (or an
outlet), in whose voice they are written (reported speech or the journalist's own), in what
contexts they appear and with which other words.

**Inputs**: `CORPUS`, `METADATA`, the keyword groups in `data/lexicons/keyword_groups.yaml`
(editable), the token table (lemmas and multiword expressions) and the reported statements.
**Outputs** (in `reports/figures/20_keyword_trends/`): `fig01_keyword_trends`,
`fig02_keyword_trends_by_voice`, `fig03_keyness`, `fig04_specificities`, `fig05_collocates`.

1. How often is each group of keywords used, period by period?
2. Is it the speakers or the journalists who use them?
3. In what contexts? (concordances)
4. Which words characterise each period? (keyness)
5. Which words accompany a term? (collocates)
6. What this corpus cannot tell
"""),
    code("""
# edit here; nothing below needs changing
CORPUS = None  # a folder of .txt/.md/.html files or a .csv/.jsonl/.parquet table; None means the bundled corpus
METADATA = None  # a CSV of curated facts by doc_id; None means the corpus's own
DATE_RANGE = None  # e.g. ["2018-01-01", "2024-12-31"]; None means everything
PERIOD = "Y"  # "Y" year, "Q" quarter, "M" month
KEYWORD_GROUPS = None  # path to a YAML of keyword groups; None means data/lexicons/keyword_groups.yaml
SPLIT_VOICE = True  # count reported speech and the journalist's voice separately (section 2)
KWIC_TERMS = ["trois forces du mal", "la ceinture et la route", "une seule Chine"]  # terms for concordances
KWIC_WINDOW = 8  # words of context on each side
KWIC_LIMIT = 30  # concordance lines shown per run
KEYNESS_BY = "period"  # "period", "outlet", "voice" or any column of the documents
KEYNESS_TARGET = None  # one group to compare with the rest; None: each group in turn (the largest is charted)
KEYNESS_CORRECTION = "default"  # G² correction: "default"/"yates" (as quanteda), "williams" or "none"
MIN_FREQ = 3  # frequency floor for keyness and collocates
COLLOCATION_NODE = "coopération"  # term whose collocates are shown
COLLOCATION_WINDOW = 5  # words on each side
SAVE_FIGURES = True  # write PNG, SVG, PDF and CSV under reports/figures/
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
print(f"{len(documents)} articles, {tokens[tokens.doc_id.isin(documents.doc_id)].term.notna().sum()} words; "
      f"{groups.group.nunique()} keyword groups, {len(groups)} terms.")
groups.groupby("label", sort=False).term.apply(", ".join).to_frame("terms")"""),
    md("""
## 1. How often is each group of keywords used, period by period?

Counts are made on lemmas and multiword expressions (so "routes de la soie" counts for "route de
la soie"), per 10,000 words of the same period, so that a period with more articles does not
look more interested by sheer volume.
"""),
    code("""
trends = keyword_trends(tokens, documents, groups=groups, period=PERIOD)
print(f"{trends.attrs['undated_documents']} undated articles left out.")
trends.pivot_table(index="label", columns="period", values="per_10k").round(1)"""),
    code("""
if trends.empty or trends["count"].sum() == 0:
    skip_figure("fig01_keyword_trends",
                reason="no keyword of the groups occurs in the dated articles" if len(trends) else "no dated article")
else:
    fig = plot_keyword_trends(trends)
    if SAVE_FIGURES:
        save_figure(fig, "fig01_keyword_trends", caption=f"Keyword groups per 10,000 words, by period ({PERIOD}).")"""),
    md("""
Each line is a group of keywords; its height is how many of its terms occur per 10,000 words
in that period. With few articles per period, a single long article can make a peak: check the
`documents` column of the table (articles mentioning the group) before reading a trend.
"""),
    md("""
## 2. Is it the speakers or the journalists who use them?

Words inside a reported statement (direct or indirect speech attributed to someone) are
counted apart from the journalist's own narration; each is per 10,000 words of that voice.
"""),
    code("""
by_voice = keyword_trends(tokens, documents, groups=groups, period=PERIOD, statements=statements) if SPLIT_VOICE else None
if by_voice is not None:
    display(by_voice.pivot_table(index="label", columns="voice", values="count", aggfunc="sum"))"""),
    code("""
if by_voice is None:
    skip_figure("fig02_keyword_trends_by_voice", reason="SPLIT_VOICE is False")
elif by_voice.empty or by_voice["count"].sum() == 0 or by_voice.voice.nunique() < 2:
    skip_figure("fig02_keyword_trends_by_voice",
                reason="no reported statement was found in the dated articles, so there is no second voice to compare")
else:
    fig = plot_keyword_trends(by_voice, title="Groupes de mots-clés : discours rapporté et voix du journaliste")
    if SAVE_FIGURES:
        save_figure(fig, "fig02_keyword_trends_by_voice",
                    caption="Keyword groups per 10,000 words, in reported speech and in the journalist's voice.")"""),
    md("""
Formulas such as "communauté de destin" or "une seule Chine" often live in reported speech
(officials' words relayed by the article); a group that the journalists use in their own voice
has become part of the outlet's vocabulary.
"""),
    md("""
## 3. In what contexts?

Keyword-in-context lines for the terms in `KWIC_TERMS` (¶ marks a paragraph break).
"""),
    code("""
kwic = extract_kwic(tokens, documents, KWIC_TERMS, window=KWIC_WINDOW, limit=KWIC_LIMIT)
print(f"{len(kwic)} lines for {', '.join(KWIC_TERMS)}.")
kwic"""),
    md("""
## 4. Which words characterise each period?

Each group (by default each period) is compared with the rest of the corpus. The signed
log-likelihood G² (Dunning; as quanteda's `textstat_keyness`) says how surely a word is over-
(positive) or under-used (negative); the log-ratio (Hardie) says by how much (+1 = twice as
frequent). Lafon's specificities (hypergeometric, ±log10 p, as TXM and IRaMuTeQ compute them)
give the same reading on the scale of p-values: |score| ≥ 2 means p ≤ 0.01. Stop words and
numbers are not listed (they still count in the totals).
"""),
    code("""
keyness = compare_keyness(tokens, documents, by=KEYNESS_BY, target=KEYNESS_TARGET, period=PERIOD,
                          statements=statements, min_count=MIN_FREQ, correction=KEYNESS_CORRECTION)
keyness_groups = sorted(keyness.group.unique())
print(f"{len(keyness_groups)} groups compared by {KEYNESS_BY}: {', '.join(keyness_groups)}")
keyness.groupby("group").head(5)"""),
    code("""
if keyness.empty or (keyness.g2 != 0).sum() == 0:
    skip_figure("fig03_keyness", reason=f"fewer than two groups of articles by {KEYNESS_BY!r}, "
                "or no term reaches MIN_FREQ: nothing to compare")
    skip_figure("fig04_specificities", reason=f"fewer than two groups of articles by {KEYNESS_BY!r}, "
                "or no term reaches MIN_FREQ: nothing to compare")
else:
    target = KEYNESS_TARGET if KEYNESS_TARGET is not None else keyness.groupby("group").total_target.max().idxmax()
    fig = plot_keyness(keyness, group=target)
    if SAVE_FIGURES:
        save_figure(fig, "fig03_keyness", caption=f"Keyness of {target} against the rest (signed G², log-ratio).")
    fig = plot_specificities(keyness)
    if SAVE_FIGURES:
        save_figure(fig, "fig04_specificities", caption=f"Lafon specificities of the most specific terms of each {KEYNESS_BY}.")"""),
    md("""
In the keyness chart, bars to the right are the words most characteristic of the target group,
bars to the left those most characteristic of the rest; the number in brackets is the
log-ratio. In the specificity grid, red cells mark a word over-represented in a group, blue
cells under-represented, with the score printed where |score| ≥ 2. With few articles per
group, most scores stay small: treat them as leads to read the articles, not as findings.
"""),
    md("""
## 5. Which words accompany a term?

Words occurring within `COLLOCATION_WINDOW` words of `COLLOCATION_NODE` in the same sentence,
scored with nltk's log-likelihood and PMI; pairs seen fewer than `MIN_FREQ` times are dropped
first (PMI otherwise rewards pairs seen once).
"""),
    code("""
collocates = find_collocates(tokens, COLLOCATION_NODE, window=COLLOCATION_WINDOW, min_freq=MIN_FREQ, documents=documents)
collocates.head(15)"""),
    code("""
if collocates.empty:
    skip_figure("fig05_collocates",
                reason=f"{COLLOCATION_NODE!r} has no collocate seen at least {MIN_FREQ} times in these articles")
else:
    fig = plot_collocates(collocates)
    if SAVE_FIGURES:
        save_figure(fig, "fig05_collocates",
                    caption=f"Strongest collocates of '{COLLOCATION_NODE}' (log-likelihood, window {COLLOCATION_WINDOW}).")"""),
    md("""
The longest bars are the words most strongly attached to the term; the annotation gives how
often they co-occur and their PMI. Verbs such as "renforcer" or "approfondir" beside
"coopération" show the formulaic register of joint statements.
"""),
    md("""
## 6. What this corpus cannot tell

- **Small numbers**: with a handful of articles per period, one long text (a joint declaration
  reproduced in full) drives a trend; relative frequencies do not fix that.
- **Keyword groups** are a choice: they find the words listed in the YAML file and nothing
  else; a missing synonym is a missing count. Lemmatisation by spaCy's small French model makes
  some errors on rare words and names.
- **Voices**: reported speech is what the statement extractor recognised; unattributed
  paraphrase counts as the journalist's voice.
- **Keyness** compares the groups present in this corpus; undated articles are not in any
  period. Duplicated wire stories are counted once.
"""),
]


def main() -> None:
    for name, cells in (("00_corpus_overview", NB00), ("10_timeline", NB10), ("20_keyword_trends", NB20)):
        nbf.write(notebook(cells), HERE / f"{name}.ipynb")
        print(f"wrote {name}.ipynb")


if __name__ == "__main__":
    main()
