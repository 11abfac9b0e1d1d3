"""The paragraphs under the figures: readings computed from the table a figure draws, in French.

What belongs here: one function per figure that reads its table and says, with its numbers
written the French way, what the table shows on this corpus — and only what it shows: no peak
where two periods tie, no trend from periods of fewer than ``min_documents`` articles, no claim
about a kind of actor or outlet the table does not hold. Each returns a short French text;
``show_reading`` displays it in a notebook (escaped: names of outlets and speakers come from
the articles). The captions' dating notes (``dating_note``: how many articles are dated by
their event, how many are left out) are here too. What does not: computing the tables
(analysis modules), drawing (``plotting``), the general reading guides, which are the
notebooks' own markdown and claim nothing about a corpus.

Example:
    >>> dating_note({"n_documents": 5, "undated": 0, "from_event": 2, "rule": "publication_or_event"})
    '5 articles datés (dont 2 par la date de l’événement rapporté, faute de date de publication) ; aucun article non daté.'
"""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from .labels import NO_COUNTRY, agree, count_noun, format_int, format_number, format_percent, join_words, term_label


def show_reading(text: str) -> None:
    """Display a reading as a paragraph of the notebook (HTML-escaped, then shown as Markdown).

    Example:
        >>> show_reading("Deux articles.")   # doctest: +SKIP
    """
    from IPython.display import Markdown, display

    safe = html.escape(str(text), quote=False)
    safe = re.sub(r"([\\`*_\[\]#|])", r"\\\1", safe)  # names with * or _ stay text, not emphasis
    display(Markdown(safe.replace("\n", "\n\n")))


def quote(text) -> str:
    """« text », unless the text already holds its own guillemets.

    Example:
        >>> quote("énergie"), quote("Taïwan et « une seule Chine »")
        ('« énergie »', 'Taïwan et « une seule Chine »')
    """
    text = str(text)
    return text if "«" in text else f"« {text} »"


def _tie_free_max(values: pd.Series):
    """The label of the largest value, or None when several share it."""
    if values.empty:
        return None
    top = values.max()
    leaders = values.index[values == top]
    return leaders[0] if len(leaders) == 1 else None


def dating_note(attrs) -> str:
    """The dating sentence of a time figure's caption, from ``timeline.apply_dating``/``count_articles`` attrs.

    Example:
        >>> dating_note({"n_documents": 5, "undated": 2, "from_event": 0, "rule": "publication"})
        '3 articles datés ; 2 articles non datés laissés de côté.'
    """
    n, undated, from_event = int(attrs.get("n_documents", 0)), int(attrs.get("undated", 0)), int(attrs.get("from_event", 0))
    dated = n - undated
    text = count_noun(dated, "article daté", "articles datés")
    if from_event:
        text += f" (dont {format_int(from_event)} par la date de l’événement rapporté, faute de date de publication)"
    if undated:
        text += f" ; {count_noun(undated, 'article non daté laissé', 'articles non datés laissés')} de côté."
    else:
        text += " ; aucun article non daté."
    return text


# --------------------------------------------------------------------------- 00, 10

def read_outlets(table: pd.DataFrame) -> str:
    """Reading of ``overview.count_documents``: how many outlets, which one dominates, unknown outlets, copies."""
    from .labels import UNKNOWN_OUTLET

    total, kept = int(table["total"].sum()), int(table["kept"].sum())
    known = table[table["outlet"] != UNKNOWN_OUTLET]
    parts = [f"{count_noun(total, 'article chargé', 'articles chargés')} (les entrées d’une autre nature sont comptées "
             f"à la section 1), {format_int(kept)} {agree(kept, 'analysé')}, de {count_noun(len(known), 'média identifié', 'médias identifiés')}."]
    if len(known) == 1 and kept:
        only = known.iloc[0]
        parts.append(f"Le seul média identifié est {only['outlet']} ({count_noun(int(only['kept']), 'article analysé', 'articles analysés')}) :"
                     " ce corpus ne compare pas de médias.")
    elif len(known):
        top = _tie_free_max(known.set_index("outlet")["kept"])
        if top is not None and kept:
            n = int(known.set_index("outlet").at[top, "kept"])
            parts.append(f"Le plus représenté est {top} ({count_noun(n, 'article')}, {format_percent(n / kept)} "
                         "des articles analysés).")
        else:
            parts.append("Aucun média ne se détache : les premiers ont autant d’articles.")
    unknown = int(table.loc[table["outlet"] == UNKNOWN_OUTLET, "total"].sum())
    if unknown:
        parts.append(f"{count_noun(unknown, 'document')} sans média identifié (« {UNKNOWN_OUTLET} ») : à compléter "
                     "dans les métadonnées avant de comparer les médias.")
    dup = int(table["duplicates"].sum())
    parts.append(f"{count_noun(dup, 'copie syndiquée', 'copies syndiquées')} d’un article déjà compté (exclues des analyses)."
                 if dup else "Aucune copie syndiquée d’un article déjà compté.")
    return " ".join(parts)


def read_coverage(table: pd.DataFrame, *, min_documents: int = 3) -> str:
    """Reading of ``timeline.count_articles``: where articles are, without calling a tie or a thin period a peak."""
    if table is None or table.empty:
        return "Aucun article daté : pas de distribution dans le temps."
    per = table.groupby("period_start")["articles"].sum()
    n, period = int(per.sum()), str(table.attrs.get("period", "M"))
    from .labels import PERIODS
    from .plotting import format_french_date

    resolution = {"Y": "year", "Q": "quarter", "M": "month"}.get(period, "month")
    full = per[per > 0]
    unit = PERIODS.get(period, "période")
    parts = [f"{count_noun(n, 'article daté', 'articles datés')} sur {count_noun(len(per), unit, unit if unit == 'mois' else unit + 's')}"
             f", dont {format_int(len(full))} avec au moins un article."]
    if per.max() < min_documents:
        parts.append(f"{'Aucun' if unit in ('mois', 'trimestre') else 'Aucune'} {unit} ne réunit {count_noun(min_documents, 'article')} : "
                     "les barres comptent des articles isolés et ne dessinent pas d’évolution.")
    else:
        top = _tie_free_max(per)
        if top is None:
            k = int((per == per.max()).sum())
            parts.append(f"Aucune période ne se détache : {format_int(k)} périodes comptent chacune "
                         f"{count_noun(int(per.max()), 'article')}.")
        else:
            parts.append(f"La période la plus fournie est {format_french_date(top, resolution=resolution)} "
                         f"({count_noun(int(per.max()), 'article')}, {format_percent(per.max() / n)} du total).")
    groups = table.groupby("group")["articles"].sum()
    groups = groups.drop(index=[g for g in ("autres", "média inconnu", "tous les articles") if g in groups.index])
    lead = _tie_free_max(groups)
    if lead is not None and n and len(groups) > 1:
        parts.append(f"{lead} fournit {count_noun(int(groups[lead]), 'article')} ({format_percent(groups[lead] / n)}).")
    return " ".join(parts)


def read_lengths(lengths: pd.DataFrame) -> str:
    """Reading of ``overview.describe_lengths``: median and range of article lengths."""
    v = lengths["n_words"]
    if v.empty:
        return "Aucun article."
    short = int((v < 100).sum())
    text = (f"Longueur médiane : {count_noun(v.median(), 'mot')} (de {format_int(v.min())} à {format_int(v.max())}, "
            f"sur {count_noun(len(v), 'article')}).")
    if short:
        text += f" {count_noun(short, 'article')} de moins de 100 mots : brèves ou pages dont le corps a mal été capturé."
    return text


def read_cleaning(cleaning: pd.DataFrame) -> str:
    """Reading of ``overview.summarize_cleaning``: how much was removed, by which rules, from how many outlets."""
    if cleaning.empty:
        return "Le nettoyage n’a retiré aucune ligne."
    by_rule = cleaning.groupby("rule")["lines"].sum().sort_values(ascending=False, kind="stable")
    n = int(by_rule.sum())
    top = _tie_free_max(by_rule)
    text = (f"{count_noun(n, 'ligne retirée', 'lignes retirées')} par {count_noun(len(by_rule), 'règle')}, dans les pages de "
            f"{count_noun(cleaning['outlet'].nunique(), 'média', 'médias')}.")
    if top is not None:
        text += f" La règle la plus active est « {top} » ({count_noun(int(by_rule[top]), 'ligne')})."
    single = [r for r, g in cleaning.groupby("rule") if g["outlet"].nunique() == 1]
    if single:
        text += f" {count_noun(len(single), 'règle')} {agree(len(single), 'ne touche', 'ne touchent')} qu’un seul média."
    return text


def read_events(events: pd.DataFrame, meetings: pd.DataFrame) -> str:
    """Reading of the events and of who met whom: how many, of which types, at which level (from the roles)."""
    if events is None or events.empty:
        return "Aucun article ne rapporte de rencontre sino-kazakhe reconnue."
    types = events["type_label"].value_counts()
    parts = [f"{count_noun(len(events), 'article rapporte', 'articles rapportent')} une rencontre "
             f"({join_words(f'{t} : {format_int(n)}' for t, n in types.items())})."]
    undated = int(events["date"].isna().sum())
    if undated:
        parts.append(f"{count_noun(undated, 'rencontre non datée', 'rencontres non datées')}, "
                     f"{agree(undated, 'absente')} de la frise.")
    if meetings is not None and len(meetings):
        heads = meetings["china_role"].eq("président") & meetings["kazakhstan_role"].eq("président")
        unknown = meetings["china_role"].eq("") | meetings["kazakhstan_role"].eq("")
        parts.append(f"Sur {count_noun(len(meetings), 'paire nommée', 'paires nommées')}, {format_int(heads.sum())} "
                     f"{agree(heads.sum(), 'réunit', 'réunissent')} les deux chefs d’État, {format_int((~heads & ~unknown).sum())} "
                     "un ministre ou un autre responsable d’au moins un côté"
                     + (f", {format_int(unknown.sum())} une personne dont la fonction à cette date n’est pas dans "
                        "data/roles.csv." if unknown.any() else "."))
    return " ".join(parts)


def read_dating(dating: pd.DataFrame) -> str:
    """Reading of ``timeline.summarize_dating``: how dates were obtained, how many are missing."""
    pub = dating[dating["date"] == "publication"].set_index("kind")["documents"]
    ev = dating[dating["date"] == "event"].set_index("kind")["documents"]
    n = int(pub.sum())
    with_date = n - int(pub.get('unknown', 0))
    return (f"Sur {count_noun(n, 'article')}, {format_int(with_date)} {agree(with_date, 'a', 'ont')} une date de publication "
            f"({format_int(pub.get('curated', 0))} {agree(pub.get('curated', 0), 'vérifiée')} dans les métadonnées) et "
            f"{format_int(n - ev.get('unknown', 0))} une date d’événement ({format_int(ev.get('inferred', 0))} "
            f"{agree(ev.get('inferred', 0), 'déduite')} d’un jour de la semaine).")


# --------------------------------------------------------------------------- 20

def read_keyword_trends(trends: pd.DataFrame, *, min_documents: int = 3) -> str:
    """Reading of ``keywords.keyword_trends``: which groups are used, in how many articles; a trend only where periods hold enough articles."""
    if trends.empty or trends["count"].sum() == 0:
        return "Aucun mot-clé des groupes n’apparaît dans les articles datés."
    by_label = trends.groupby("label").agg(count=("count", "sum"), words=("words", "sum"), documents=("documents", "sum"))
    by_label["per_10k"] = by_label["count"] / by_label["words"].clip(lower=1) * 10_000
    by_label = by_label.sort_values(["per_10k", "documents"], ascending=False, kind="stable")
    used = by_label[by_label["count"] > 0]
    per_period = trends.drop_duplicates("period").set_index("period")["documents_in_period"]
    enough = per_period[per_period >= min_documents]
    lead = used.index[0]
    parts = [f"{count_noun(len(used), 'groupe employé', 'groupes employés')} sur {format_int(len(by_label))}. Le plus fréquent, "
             f"{quote(lead)}, revient {format_number(used.at[lead, 'per_10k'], 1)} fois pour 10 000 mots, dans "
             f"{count_noun(int(used.at[lead, 'documents']), 'article')}."]
    absent = [l for l in by_label.index if by_label.at[l, "count"] == 0]
    if absent:
        parts.append(f"{agree(len(absent), 'Absent')} du corpus : {join_words(quote(a) for a in absent)}.")
    if len(enough) < 2:
        parts.append(f"{'Aucune période ne réunit' if enough.empty else 'Une seule période réunit'} {count_noun(min_documents, 'article')} "
                     "ou plus : les points sont des articles isolés, pas une tendance.")
    else:
        parts.append(f"{count_noun(len(enough), 'période')} sur {format_int(len(per_period))} réunissent au moins "
                     f"{count_noun(min_documents, 'article')} ; seules leurs valeurs (points pleins, reliés quand les périodes se "
                     "suivent) se comparent d’une période à l’autre.")
    return " ".join(parts)


def describe_groups(groups, *, documents: dict, grouping: str) -> str:
    """The line under a comparison of groups: how many are compared, how, and the articles of each.

    Args:
        groups: the groups compared (``keyness.target.unique()``), in the order to name them.
        documents: articles per group (``keywords.documents_per_group``).
        grouping: how the articles are grouped, as a phrase (``labels.GROUPINGS``: « par période »).

    Example:
        >>> describe_groups(["2021", "2022"], documents={"2021": 3, "2022": 1}, grouping="par période")
        '2 groupes comparés (par période) : 2021 (3 articles) et 2022 (1 article).'
        >>> describe_groups([], documents={}, grouping="par période")
        '0 groupe comparé (par période).'
    """
    groups = list(groups)
    named = join_words(f"{g} ({count_noun(documents.get(str(g), documents.get(g, 0)), 'article')})" for g in groups)
    return (f"{count_noun(len(groups), 'groupe comparé', 'groupes comparés')} ({grouping})"
            + (f" : {named}." if groups else "."))


def read_voices(by_voice: pd.DataFrame) -> str:
    """Reading of ``keyword_trends(statements=...)``: the share of each group's occurrences that is reported speech."""
    if by_voice is None or by_voice.empty or by_voice["count"].sum() == 0:
        return "Aucune occurrence à répartir entre les voix."
    g = by_voice.pivot_table(index="label", columns="voice", values="count", aggfunc="sum", fill_value=0)
    g = g[g.sum(axis=1) > 0]
    rep = g.get("reported speech", pd.Series(0, index=g.index))
    share = (rep / g.sum(axis=1)).sort_values(ascending=False, kind="stable")
    words = by_voice.groupby("voice")["words"].sum()
    base = words.get("reported speech", 0) / max(words.sum(), 1)
    lines = [f"Le discours rapporté fait {format_percent(base)} des mots des articles datés."]
    above = [f"{quote(l)} ({format_percent(share[l])} de {format_int(g.loc[l].sum())} occurrences)" for l in share.index
             if share[l] > base and g.loc[l].sum() >= 3]
    below = [f"{quote(l)} ({format_percent(share[l])})" for l in share.index if share[l] <= base and g.loc[l].sum() >= 3]
    if above:
        lines.append(f"Plus souvent dans la bouche des personnes citées que ce seul poids ne le voudrait : {join_words(above)}.")
    if below:
        lines.append(f"Plutôt dans la voix du journaliste : {join_words(below)}.")
    thin = [l for l in g.index if g.loc[l].sum() < 3]
    if thin:
        lines.append(f"Trop peu d’occurrences (moins de 3) pour répartir : {join_words(quote(l) for l in thin)}.")
    return " ".join(lines)


def read_keyness(keyness: pd.DataFrame, target, *, n: int = 3, documents: dict | None = None,
                 min_documents: int = 3, by: str | None = None) -> str:
    """Reading of a keyness panel: how many terms are significant for ``target``, and the first ones with their counts.

    With ``documents`` (``{group: articles}``), a target of fewer than ``min_documents`` articles
    is said to be the vocabulary of those articles. ``by`` says what the groups are, for the
    sentence: ``"country"`` (« par les locuteurs de Chine, face aux autres locuteurs »),
    ``"speaker"`` (« par Wang Yi, face aux autres locuteurs »), ``"period"`` (« en 2022, face
    aux autres années »), else the group's name.

    Example:
        >>> read_keyness(keyness, "Chine", by="country")   # doctest: +SKIP
        'Aucun terme n’est significativement sur-employé par les locuteurs de Chine face aux autres locuteurs …'
    """
    from .labels import of_country

    k = keyness[keyness["target"] == target]
    if k.empty:
        return f"Aucun terme à comparer pour {target}."
    reference = str(k["reference"].iloc[0])
    caveat = ""
    n_docs = (documents or {}).get(str(target))
    rest = reference == "le reste"
    if by == "country":
        subject = f"par les locuteurs {of_country(target)}"
        reference = "face aux autres locuteurs" if rest else f"face aux locuteurs {of_country(reference)}"
        who = f"Les locuteurs {of_country(target)}"
    elif by == "speaker":
        subject, who = f"par {target}", str(target)
        reference = "face aux autres locuteurs" if rest else f"face à {reference}"
    elif by == "period":
        subject, who = f"en {target}", str(target)
        reference = "face aux autres périodes" if rest else f"face à {reference}"
    else:
        subject, who = f"par {target}", str(target)
        reference = "face au reste" if rest else f"face à {reference}"
    if n_docs is not None and n_docs < min_documents:
        verb = "ne reposent" if who.startswith("Les ") else "ne repose"
        caveat = (f" {who} {verb} que sur {count_noun(n_docs, 'article')} : ce sont les mots de "
                  f"{'cet article' if n_docs == 1 else 'ces articles'}, pas une généralité.")
    sig = k[(k["p"] < 0.05) & (k["g2"] > 0)].sort_values("g2", ascending=False, kind="stable")
    under = k[(k["p"] < 0.05) & (k["g2"] < 0)]
    if sig.empty:
        return (f"Aucun terme n’est significativement sur-employé {subject} {reference} (p < 0,05) : "
                "les barres sont des pistes à vérifier dans les textes, pas des résultats." + caveat)
    first = join_words(f"« {term_label(r.term)} » ({format_int(r.n_target)} contre {format_int(r.n_reference)})"
                       for r in sig.head(n).itertuples(index=False))
    return (f"{count_noun(len(sig), 'terme significativement sur-employé', 'termes significativement sur-employés')} "
            f"{subject} {reference} (p < 0,05), {format_int(len(under))} {agree(len(under), 'sous-employé')} ; "
            f"en tête : {first}." + caveat)


def read_collocates(collocates: pd.DataFrame, *, n: int = 3) -> str:
    """Reading of ``terms.find_collocates``: the strongest collocates with their counts."""
    if collocates.empty:
        return "Aucun cooccurrent ne passe les seuils."
    node = collocates["node"].iloc[0]
    sig = collocates[collocates["p"] < 0.05]
    top = join_words(f"« {term_label(r.collocate)} » ({format_int(r.n_pair)} fois)" for r in collocates.head(n).itertuples(index=False))
    return (f"« {term_label(node)} » ({count_noun(int(collocates['n_node'].iloc[0]), 'occurrence')}) a "
            f"{count_noun(len(sig), 'cooccurrent significatif', 'cooccurrents significatifs')} (p < 0,05) ; "
            f"les plus liés : {top}.")


# --------------------------------------------------------------------------- 30

def read_topics(summary: pd.DataFrame, *, n_documents: int) -> str:
    """Reading of ``topics.describe_topics``: how many topics, how many are one article, the largest."""
    k = len(summary)
    single = summary[summary["n_docs_effective"] < 1.5]
    top = summary.sort_values("share", ascending=False, kind="stable").iloc[0]
    text = (f"{count_noun(k, 'thème')} pour {count_noun(n_documents, 'article')}. Le plus étendu, « {top['label']} », "
            f"porte {format_percent(top['share'])} des termes.")
    if len(single):
        text += (f" {count_noun(len(single), 'thème')} ({join_words(str(t) for t in single['topic'])}) se "
                 f"{agree(len(single), 'concentre', 'concentrent')} sur un seul article : c’est cet article, pas un thème de la couverture.")
    if "n_docs_main" in summary:
        orphan = summary[summary["n_docs_main"] == 0]
        if len(orphan):
            text += (f" {count_noun(len(orphan), 'thème')} ({join_words(str(t) for t in orphan['topic'])}) "
                     f"{agree(len(orphan), 'n’est', 'ne sont')} le thème principal d’aucun article : "
                     f"{'des nuances' if len(orphan) > 1 else 'une nuance'} à l’intérieur des articles, pas "
                     f"{'des sujets' if len(orphan) > 1 else 'un sujet'} à part entière.")
    if "npmi" in summary:
        incoherent = summary[summary["npmi"] < 0]
        if len(incoherent):
            many = len(incoherent) > 1
            text += (f" {count_noun(len(incoherent), 'thème a', 'thèmes ont')} une cohérence négative "
                     f"({join_words(str(t) for t in incoherent['topic'])}) : {'leurs' if many else 'ses'} termes de tête "
                     f"se rencontrent moins souvent ensemble que par hasard ; ne {'les' if many else 'le'} nommez pas "
                     f"sans lire {'leurs' if many else 'ses'} passages.")
    if k >= 4 and top["share"] >= 0.5:
        text += (f" Le thème {top['topic']} porte à lui seul plus de la moitié des termes : c’est le vocabulaire "
                 "commun du corpus plus qu’un thème.")
    return text


def read_prevalence(prevalence: pd.DataFrame, *, group_name: str, min_documents: int = 3) -> str:
    """Reading of ``topics.topic_prevalence``: each group's main topic, and which groups hold too few articles."""
    labels = [c for c in prevalence.columns if c not in ("n_units", "n_docs")]
    if prevalence.empty or not labels:
        return f"Aucun {group_name} à comparer."
    parts = []
    for g, row in prevalence.iterrows():
        shares = row[labels].astype(float)
        main = _tie_free_max(shares)
        n_docs = int(row["n_docs"]) if "n_docs" in row else None
        where = f"{g}" + (f" ({count_noun(n_docs, 'article')})" if n_docs is not None else "")
        if main is None:
            parts.append(f"{where} : aucun thème ne domine")
        else:
            parts.append(f"{where} : surtout le thème {str(main).split(' · ')[0]} ({format_percent(shares[main])})")
    text = " ; ".join(parts) + "."
    if "n_docs" in prevalence:
        thin = prevalence.index[prevalence["n_docs"] < min_documents]
        if len(thin):
            text += (f" Avec moins de {count_noun(min_documents, 'article')}, {join_words(map(str, thin))} "
                     f"{agree(len(thin), 'reflète', 'reflètent')} ces articles plus qu’une ligne éditoriale.")
    return text[0].upper() + text[1:]


# --------------------------------------------------------------------------- 40

def read_quotes(quotes: pd.DataFrame, by_country: pd.DataFrame) -> str:
    """Reading of ``speakers.count_quotes``: who is quoted most, how speech is split between countries."""
    if quotes.empty:
        return "Aucune déclaration de personne dans ce corpus."
    value = "n_words" if "n_words" in quotes else "n_chars"
    top = quotes.iloc[0]
    total = by_country[value].sum()
    parts = [f"{count_noun(len(quotes), 'locuteur cité', 'locuteurs cités')}. "
             f"{top['speaker_label']} a le plus de mots rapportés ({format_int(top[value])}, "
             f"{count_noun(int(top['n_statements']), 'déclaration')} dans {count_noun(int(top['n_docs']), 'article')})."]
    countries = [c for c in by_country["country_name"] if c != NO_COUNTRY]
    if total and countries:
        shares = join_words(f"{r.country_name} {format_percent(getattr(r, value) / total)}"
                            for r in by_country.itertuples(index=False))
        parts.append(f"Part des mots rapportés par pays : {shares}.")
    if not {"Chine", "Kazakhstan"} & set(countries):
        parts.append("Aucun locuteur cité n’est rattaché à la Chine ni au Kazakhstan (répertoire data/actors.csv et "
                     "désignations comme « le ministre chinois ») : ce corpus ne dit rien de ce que disent leurs "
                     "responsables, et les comparaisons entre pays de ce carnet sont omises.")
    single = int((quotes["n_docs"] == 1).sum())
    if single:
        parts.append(f"{count_noun(single, 'locuteur')} sur {format_int(len(quotes))} "
                     f"{agree(single, 'n’apparaît', 'n’apparaissent')} que dans un article.")
    return " ".join(parts)


def read_reported_share(by_article: pd.DataFrame) -> str:
    """Reading of ``speakers.reported_speech_share`` by article: how much of the text is reported speech."""
    if by_article.empty:
        return "Aucun article."
    total = by_article["n_reported"].sum() / max(by_article["n_words"].sum(), 1)
    nobody = int((by_article["share_reported"] == 0).sum())
    who = ("tous citent quelqu’un" if nobody == 0 else
           f"{count_noun(nobody, 'article')} sur {format_int(len(by_article))} {agree(nobody, 'ne cite', 'ne citent')} personne")
    return (f"Le discours rapporté fait {format_percent(total)} des mots ; article médian : "
            f"{format_percent(by_article['share_reported'].median())} ; {who}.")


def read_formulas(formulas: pd.DataFrame) -> str:
    """Reading of ``speakers.find_formulas``: which formulas occur, in whose voice."""
    found = formulas[formulas["n_total"] > 0]
    if found.empty:
        return "Aucune des formules suivies n’apparaît."
    parts = []
    for r in found.head(4).itertuples(index=False):
        voice = "surtout dans la voix du journaliste" if r.n_journalist > r.n_reported else (
            "surtout dans le discours rapporté" if r.n_reported > r.n_journalist else "autant dans les deux voix")
        parts.append(f"« {r.formula} » : {count_noun(r.n_total, 'occurrence')} dans {count_noun(r.n_docs, 'article')}, {voice}")
    return " ; ".join(parts) + "."


def read_similarity(similarity: pd.DataFrame) -> str:
    """Reading of ``speakers.speaker_similarity``: the closest pair, and whether speakers are closer within their country."""
    n = len(similarity)
    if n < 2:
        return "Moins de deux locuteurs à comparer."
    M = similarity.to_numpy(dtype=float)
    iu = np.triu_indices(n, 1)
    best = int(np.argmax(M[iu]))
    a, b = similarity.index[iu[0][best]], similarity.index[iu[1][best]]
    country = similarity.attrs.get("country", {})
    same = np.array([country.get(similarity.index[i]) == country.get(similarity.index[j]) for i, j in zip(*iu)])
    text = f"Paire la plus proche : {a} et {b} ({format_number(M[iu][best], 2)})."
    if same.any() and (~same).any():
        text += (f" Similarité moyenne entre locuteurs d’un même pays : {format_number(M[iu][same].mean(), 2)} ; "
                 f"de pays différents : {format_number(M[iu][~same].mean(), 2)}.")
    return text


__all__ = ["NO_COUNTRY", "dating_note", "describe_groups", "read_cleaning", "read_collocates", "read_coverage", "read_dating",
           "read_events", "read_formulas", "read_keyness", "read_keyword_trends", "read_lengths", "read_outlets",
           "read_prevalence", "read_quotes", "read_reported_share", "read_similarity", "read_topics", "read_voices",
           "show_reading"]
