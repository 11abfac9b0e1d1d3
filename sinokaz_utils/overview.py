"""What is in a corpus: inventory tables for ``00_corpus_overview`` (sources, outlets, lengths, cleaning, duplicates).

What belongs here: small summaries of a loaded ``Corpus`` — documents per source file and per
database (and of which kind), documents per outlet with their duplicates and languages, article
lengths (in words counted as every notebook counts them: ``terms.count_words``), what each
cleaning rule removed per outlet (rules under their French name, ``labels.rule_label``), the
removed lines to check by eye, the duplicate groups, the skipped inputs. What does not: loading, cleaning, dating or duplicate
detection themselves (``corpus`` and its modules) and drawing (``plotting.corpus``).
"""
from __future__ import annotations

import pandas as pd

from .labels import NO_DATABASE, SINGLE_FILES, UNKNOWN_OUTLET, outlet_label, rule_label


def _outlets(docs: pd.DataFrame) -> pd.Series:
    outlet = docs["outlet"] if "outlet" in docs.columns else pd.Series(None, index=docs.index)
    return outlet.astype("object").map(outlet_label)


def count_documents(corpus) -> pd.DataFrame:
    """Count loaded articles per outlet: kept (one copy of each story, French), duplicates, other languages.

    Export entries that are not press articles (``kind`` other than ``article``: links, posts,
    report excerpts) are not counted here; :func:`count_sources` and :func:`count_databases`
    count them.

    Returns:
        DataFrame ``outlet, kept, duplicates, other_language, total`` sorted by ``total``.

    Example:
        >>> count_documents(load_corpus())  # doctest: +SKIP
    """
    docs = corpus.docs.assign(outlet=_outlets(corpus.docs))
    if "kind" in docs.columns:
        docs = docs[docs["kind"].fillna("article") == "article"]
    dup = docs["duplicate_of"].notna() & docs["duplicate_of"].astype(str).str.strip().ne("") \
        if "duplicate_of" in docs.columns else pd.Series(False, index=docs.index)
    lang = docs["language"].fillna("?") if "language" in docs.columns else pd.Series("fr", index=docs.index)
    other = ~dup & (lang != "fr")
    kept = ~dup & ~other
    table = pd.DataFrame({"outlet": docs["outlet"], "kept": kept.astype(int), "duplicates": dup.astype(int),
                          "other_language": other.astype(int)})
    table = table.groupby("outlet", as_index=False).sum()
    table["total"] = table[["kept", "duplicates", "other_language"]].sum(axis=1)
    return table.sort_values(["total", "outlet"], ascending=[False, True]).reset_index(drop=True)


def describe_lengths(corpus, *, tokens: pd.DataFrame) -> pd.DataFrame:
    """Return one row per kept document: ``doc_id, outlet, n_words``.

    ``n_words`` is the one word count of every notebook (``terms.count_words``: a token that
    starts a term and is not punctuation, so a name or a fixed expression is one word); the
    relative frequencies of ``20_keyword_trends`` and the quoted words of ``40_speakers`` count
    the same words.

    Args:
        corpus: the loaded corpus.
        tokens: its token table (``nlp.tokenize_corpus(corpus)``).

    Example:
        >>> describe_lengths(corpus, tokens=tokenize_corpus(corpus)).n_words.median()  # doctest: +SKIP
    """
    from .terms import count_words

    docs = corpus.documents()
    ids = docs["doc_id"].astype(str)
    words = count_words(tokens[tokens["doc_id"].astype(str).isin(set(ids))])
    return pd.DataFrame({"doc_id": ids.to_numpy(), "outlet": _outlets(docs).to_numpy(),
                         "n_words": ids.map(words).fillna(0).astype(int).to_numpy()})


def summarize_cleaning(corpus) -> pd.DataFrame:
    """Count the lines each cleaning rule removed, per outlet.

    Returns:
        DataFrame ``rule`` (its French name), ``outlet, lines, documents`` (documents with at
        least one such line), ``rule_id`` (the rule's name in the lexicon), sorted by lines.
        Empty when cleaning removed nothing.

    Example:
        >>> summarize_cleaning(load_corpus()).head()  # doctest: +SKIP
    """
    audit = corpus.audit
    cols = ["rule", "outlet", "lines", "documents", "rule_id"]
    if audit is None or audit.empty:
        return pd.DataFrame(columns=cols)
    outlets = dict(zip(corpus.docs["doc_id"].astype(str), _outlets(corpus.docs)))
    audit = audit.assign(outlet=audit["doc_id"].astype(str).map(outlets).fillna(UNKNOWN_OUTLET))
    table = audit.groupby(["rule", "outlet"]).agg(lines=("line", "size"), documents=("doc_id", "nunique")).reset_index()
    table = table.rename(columns={"rule": "rule_id"}).assign(rule=lambda t: t["rule_id"].map(rule_label))
    return table.sort_values(["lines", "rule"], ascending=[False, True]).reset_index(drop=True)[cols]


def list_removed_lines(corpus, *, n: int | None = 20) -> pd.DataFrame:
    """The lines cleaning removed, to check by eye: ``article, média, règle, ligne n°, ligne retirée``.

    Example:
        >>> list_removed_lines(load_corpus(), n=5)  # doctest: +SKIP
    """
    audit = corpus.audit
    cols = ["article", "média", "règle", "ligne n°", "ligne retirée"]
    if audit is None or audit.empty:
        return pd.DataFrame(columns=cols)
    outlets = dict(zip(corpus.docs["doc_id"].astype(str), _outlets(corpus.docs)))
    ids = audit["doc_id"].astype(str)
    out = pd.DataFrame({"article": ids, "média": ids.map(outlets).fillna(UNKNOWN_OUTLET),
                        "règle": audit["rule"].map(rule_label), "ligne n°": audit["line_no"].astype(int),
                        "ligne retirée": audit["line"].astype(str)})
    return out.head(n).reset_index(drop=True) if n else out.reset_index(drop=True)


def list_duplicates(corpus) -> pd.DataFrame:
    """Return the duplicate copies with their canonical document: ``doc_id, duplicate_of, title, outlet``."""
    docs = corpus.docs
    cols = ["doc_id", "duplicate_of", "title", "outlet", "canonical_outlet"]
    if "duplicate_of" not in docs.columns:
        return pd.DataFrame(columns=cols)
    dup = docs[docs["duplicate_of"].notna() & docs["duplicate_of"].astype(str).str.strip().ne("")]
    outlets = dict(zip(docs["doc_id"].astype(str), _outlets(docs)))
    out = pd.DataFrame({"doc_id": dup["doc_id"].astype(str), "duplicate_of": dup["duplicate_of"].astype(str),
                        "title": dup.get("title"), "outlet": dup["doc_id"].astype(str).map(outlets)})
    out["canonical_outlet"] = out["duplicate_of"].map(outlets)
    return out.reset_index(drop=True)[cols]


def _kinds(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per document: ``database``, ``source_file``, ``article``, ``other_kind``, ``duplicate``."""
    database = docs["database"] if "database" in docs.columns else pd.Series(None, index=docs.index)
    database = database.astype("object").where(database.notna(), None).map(lambda x: x or NO_DATABASE)
    kind = docs["kind"].fillna("article") if "kind" in docs.columns else pd.Series("article", index=docs.index)
    source = docs["source_file"] if "source_file" in docs.columns else docs.get("path", pd.Series("", index=docs.index))
    dup = docs["duplicate_of"].notna() if "duplicate_of" in docs.columns else pd.Series(False, index=docs.index)
    return pd.DataFrame({"database": database, "source_file": source.fillna("").astype(str),
                         "article": (kind == "article").astype(int), "other_kind": (kind != "article").astype(int),
                         "duplicate": dup.astype(int)})


def count_databases(corpus) -> pd.DataFrame:
    """Count documents per database the export came from (Europresse, Factiva, Nexis, or none).

    Returns:
        DataFrame ``database, files, documents, articles, other_kinds, duplicates`` sorted by
        documents; ``other_kinds`` are export entries that are not press articles (links to
        sites the database does not host, social-network posts, report excerpts) and schedules
        (``corpus.is_listing``), kept but left out of analyses.

    Example:
        >>> count_databases(load_corpus())  # doctest: +SKIP
    """
    rows = _kinds(corpus.docs)
    table = rows.groupby("database", as_index=False).agg(
        files=("source_file", "nunique"), documents=("article", "size"), articles=("article", "sum"),
        other_kinds=("other_kind", "sum"), duplicates=("duplicate", "sum"))
    return table.sort_values(["documents", "database"], ascending=[False, True]).reset_index(drop=True)


def count_sources(corpus) -> pd.DataFrame:
    """Count documents per source file: an export gives many, an article file one.

    Files that hold a single document are counted together on one row (:data:`SINGLE_FILES`),
    so that a folder of a thousand articles does not give a thousand rows.

    Returns:
        DataFrame ``source_file, database, documents, articles, other_kinds, duplicates``, the
        exports first (most documents first).

    Example:
        >>> count_sources(load_corpus())  # doctest: +SKIP
    """
    rows = _kinds(corpus.docs)
    per_file = rows.groupby(["source_file", "database"], as_index=False).agg(
        documents=("article", "size"), articles=("article", "sum"), other_kinds=("other_kind", "sum"),
        duplicates=("duplicate", "sum"))
    single = per_file[per_file["documents"] == 1]
    many = per_file[per_file["documents"] > 1].sort_values(["documents", "source_file"], ascending=[False, True])
    if len(single):
        grouped = single.groupby("database", as_index=False)[["documents", "articles", "other_kinds", "duplicates"]].sum()
        grouped.insert(0, "source_file", [SINGLE_FILES.format(n=n, s="s" if n > 1 else "")
                                          for n in single.groupby("database").size()])
        many = pd.concat([many, grouped], ignore_index=True)
    return many.reset_index(drop=True)[["source_file", "database", "documents", "articles", "other_kinds", "duplicates"]]

