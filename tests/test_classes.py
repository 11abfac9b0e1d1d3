"""Reinert classification, class profiles and correspondence analysis, on planted and on real text."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import sparse, stats
from sklearn.metrics import adjusted_rand_score

from sinokaz_utils import classes
from sinokaz_utils.classes import (class_profiles, classify_segments, correspondence_analysis, cross_classes,
                                   merge_segments, typical_segments)
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.labels import UNKNOWN_OUTLET, format_percent
from sinokaz_utils.timeline import apply_dating
from sinokaz_utils.keywords import assign_periods
from sinokaz_utils.nlp import tokenize_corpus
from sinokaz_utils.speakers import label_speakers
from sinokaz_utils.statements import extract_statements
from sinokaz_utils.terms import TermMatrix, term_matrix


def _segment_matrix(*corpora):
    """The segments × terms matrix of the terms layer (segments of about 40 words) of these corpora."""
    docs = pd.concat([c.documents() for c in corpora], ignore_index=True)
    tokens = pd.concat([tokenize_corpus(c) for c in corpora], ignore_index=True)
    return term_matrix(tokens, docs, unit="segment")


def _planted(sizes=(180, 120, 90, 60), *, own=6, vocab=40, shared=300, background=14, seed=0):
    """Segments drawing a few words from their class's vocabulary and most from a shared one."""
    words = sorted(set(" ".join(load_corpus().documents()["text_clean"]).lower().split()))
    rng = np.random.default_rng(seed)
    words = list(rng.permutation(words))
    assert len(words) >= len(sizes) * vocab + shared
    rows, truth, docs = [], [], []
    for c, n in enumerate(sizes):
        for i in range(n):
            picked = list(rng.choice(vocab, own, replace=False) + c * vocab)
            picked += list(rng.choice(shared, background, replace=False) + len(sizes) * vocab)
            rows.append(picked)
            truth.append(c)
            docs.append(f"{c}-{i // 4}")  # a document is four segments on one subject
    p = len(sizes) * vocab + shared
    X = sparse.csr_matrix((np.ones(sum(map(len, rows))), (np.repeat(np.arange(len(rows)), list(map(len, rows))),
                                                         np.concatenate(rows))), shape=(len(rows), p))
    return X, words[:p], pd.DataFrame({"doc_id": docs}), np.array(truth)


@pytest.fixture(scope="module")
def two_sources(corpus_dev, shared_dir):
    """Segments of China–Kazakhstan coverage (corpus_dev) and of mainstream press on other subjects."""
    press = shared_dir / "corpus_press"
    if not (press / "raw").is_dir():
        pytest.skip("../shared/corpus_press is absent")
    m = _segment_matrix(load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv"),
                        load_corpus(press / "raw", metadata=press / "metadata.csv"))
    # corpus_dev's ids start with a, corpus_press's with p
    segments = m.units.assign(source=np.where(m.units["doc_id"].str.startswith("a"), "corpus_dev", "corpus_press"))
    return m.matrix, list(m.terms), segments


# --------------------------------------------------------------------------- recovering classes


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("own, background, min_segment_size", [(6, 14, 0), (4, 8, 15)])
def test_planted_vocabularies_are_recovered(own, background, min_segment_size, seed):
    X, terms, units, truth = _planted(own=own, background=background, seed=seed)
    result = classify_segments(X, units=units, k=4, min_segment_size=min_segment_size, min_class_size=20)
    assert result.k == 4
    got = result.units["classe"]
    assert got.notna().mean() > 0.98
    assert adjusted_rand_score(truth[got.notna()], got.dropna()) > 0.9
    # each class's most characteristic terms are its planted vocabulary
    profiles = class_profiles(X, got, terms=terms)
    for c in range(1, 5):
        planted = pd.Series(truth[(got == c).fillna(False).to_numpy()]).mode()[0]
        top = profiles[profiles["classe"] == c].head(10)["term"]
        assert set(top) <= set(terms[planted * 40:(planted + 1) * 40])


def test_real_text_separates_china_kazakhstan_coverage_from_other_press(two_sources):
    X, terms, segments = two_sources
    result = classify_segments(X, units=segments, k=2, min_segment_size=5)
    got = result.units["classe"]
    assert adjusted_rand_score(segments["source"][got.notna()], got.dropna()) > 0.8
    profiles = class_profiles(X, got, terms=terms)
    dev_class = result.units.loc[result.units["source"] == "corpus_dev", "classe"].mode()[0]
    top = set(profiles[profiles["classe"] == dev_class].head(15)["term"])
    assert {"chine", "kazakhstan"} <= top


def test_same_input_same_classes(two_sources):
    X, terms, segments = two_sources
    a = classify_segments(X, units=segments, k=6)
    b = classify_segments(X.copy(), units=segments.copy(), k=6)
    pd.testing.assert_frame_equal(a.units, b.units)
    pd.testing.assert_frame_equal(a.tree, b.tree)


def test_no_class_is_smaller_than_asked_and_the_tree_adds_up(two_sources):
    X, terms, segments = two_sources
    result = classify_segments(X, units=segments, k=8, min_class_size=25)
    sizes = result.units["classe"].value_counts()
    assert (sizes >= 25).all() and len(sizes) == result.k
    tree = result.tree
    leaves = tree[tree["classe"].notna()]
    assert sorted(leaves["classe"]) == list(range(1, result.k + 1))
    assert dict(zip(leaves["classe"], leaves["n_units"])) == sizes.to_dict()
    for row in tree[tree["left"].notna()].itertuples():
        children = tree.set_index("node").loc[[row.left, row.right]]
        assert children["n_units"].sum() == row.n_units
        assert row.height >= children["height"].max() and row.chi2 > 0
    assert tree.loc[0, "n_units"] == result.units["classe"].notna().sum()
    # the classes after each split refine those before
    for j in range(2, result.k):
        before, after = result.units[f"classe_k{j}"], result.units[f"classe_k{j + 1}"]
        assert (pd.crosstab(after, before) > 0).sum(axis=1).max() == 1


def test_the_split_is_the_best_cut_then_a_local_optimum_of_the_chi2(two_sources):
    X, _, _ = two_sources
    M = classes._binary(X[:120])
    M = sparse.csr_matrix(M[:, np.asarray(M.sum(0)).ravel() > 0])
    M = sparse.csr_matrix(M[np.diff(M.indptr) > 0])
    T = np.asarray(M.sum(0)).ravel()

    def chi2_of(in1):
        table = np.vstack([np.asarray(M[in1].sum(0)).ravel(), np.asarray(M[~in1].sum(0)).ravel()])
        return stats.chi2_contingency(table, correction=False)[0]

    in1, keep1, keep2, chi2 = classes._split(M, min_class_size=10, min_term_freq=2, cc_test=0.3)
    assert chi2 == pytest.approx(chi2_of(in1))
    assert 10 <= in1.sum() <= len(in1) - 10
    for i in range(len(in1)):  # no single move raises it
        moved = in1.copy()
        moved[i] = not moved[i]
        if 10 <= moved.sum() <= len(moved) - 10:
            assert chi2_of(moved) <= chi2 * (1 + 1e-9)
    # the cut along the first factor: the closed form is the χ² of each prefix
    order = np.argsort(classes._first_factor(M), kind="stable")
    cut, best = classes._best_cut(M, order, T, 10)
    prefix = np.zeros(len(in1), dtype=bool)
    prefix[order[:cut + 1]] = True
    assert best == pytest.approx(chi2_of(prefix))
    # each half keeps frequent terms only, and a term over-represented in one half is not in the other's
    t1, t2 = np.asarray(M[in1].sum(0)).ravel(), np.asarray(M[~in1].sum(0)).ravel()
    assert (t1[keep1] >= 2).all() and (t2[keep2] >= 2).all()


def test_merge_segments_joins_neighbours_of_one_document():
    sizes = np.array([3, 9, 4, 12, 2, 20, 1])
    docs = np.array([0, 0, 0, 1, 1, 2, 3])
    uc = merge_segments(sizes, docs, min_segment_size=10)
    assert list(uc) == [0, 0, 0, 1, 1, 2, 3]  # a last small segment joins the group before it
    for group in np.unique(uc):
        members = np.flatnonzero(uc == group)
        assert len(set(docs[members])) == 1 and (np.diff(members) == 1).all()
    assert list(merge_segments(sizes, docs, min_segment_size=0)) == list(range(7))


def test_double_classification_keeps_the_classes_both_agree_on():
    X, terms, units, truth = _planted(seed=3)
    result = classify_segments(X, units=units, k=4, min_segment_size=(5, 10), min_class_size=20)
    got = result.units["classe"]
    assert result.k == 4 and len(result.runs) == 2
    assert got.notna().mean() > 0.8
    assert adjusted_rand_score(truth[got.notna()], got.dropna()) > 0.9
    assert (got.value_counts() >= 20).all()
    again = classify_segments(X, units=units, k=4, min_segment_size=(5, 10), min_class_size=20)
    pd.testing.assert_series_equal(got, again.units["classe"])


# --------------------------------------------------------------------------- small and bad inputs


@pytest.mark.parametrize("X", [np.zeros((0, 0)), np.zeros((3, 4)), np.eye(3), np.ones((6, 5)),
                               np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]])])
def test_tiny_inputs_give_fewer_classes_and_say_so(X):
    with pytest.warns(UserWarning, match=r"classification : (?:[01] classe|[23] classes) au lieu de 4"):
        result = classify_segments(X, k=4, min_segment_size=0, min_class_size=2, min_term_freq=1)
    assert result.k < 4 and len(result.units) == X.shape[0]
    assert result.units["classe"].dropna().between(1, result.k).all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        double = classify_segments(X, k=4, min_segment_size=(0, 1), min_class_size=2, min_term_freq=1)
    assert len(double.units) == X.shape[0]


def test_segments_without_terms_are_not_classified(seeds_segments):
    X, terms, segments = seeds_segments
    X = sparse.vstack([X, sparse.csr_matrix((2, X.shape[1]))]).tocsr()
    units = pd.concat([segments, pd.DataFrame({"doc_id": ["vide", "vide"], "text": ["", ""]})], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = classify_segments(X, units=units, k=3, min_class_size=5)
    assert result.units["classe"].iloc[-2:].isna().all()
    assert result.units["classe"].iloc[:-2].notna().mean() > 0.9


def test_bad_inputs_are_refused_with_a_reason():
    X = sparse.csr_matrix(np.eye(4))
    with pytest.raises(ValueError, match="4 lignes de la matrice"):
        classify_segments(X, units=pd.DataFrame({"doc_id": ["a"] * 3}))
    with pytest.raises(ValueError, match="doc_id"):
        classify_segments(X, units=pd.DataFrame({"x": range(4)}), min_segment_size=10)
    with pytest.raises(ValueError, match="négatifs"):
        classify_segments(-X)
    with pytest.raises(ValueError, match="dimensions"):
        class_profiles(X, [1, 1, 2, 2], terms=["a", "b"])


# --------------------------------------------------------------------------- profiles and crossings


@pytest.fixture(scope="module")
def seeds_matrix():
    return _segment_matrix(load_corpus())


@pytest.fixture(scope="module")
def seeds_segments(seeds_matrix):
    return seeds_matrix.matrix, list(seeds_matrix.terms), seeds_matrix.units


@pytest.fixture(scope="module")
def seeds_result(seeds_segments):
    X, terms, segments = seeds_segments
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return classify_segments(X, units=segments, k=3, min_class_size=8)


def test_profiles_are_the_chi2_of_each_2x2_table(seeds_segments, seeds_result):
    X, terms, _ = seeds_segments
    got = seeds_result.units["classe"]
    profiles = class_profiles(X, got, terms=terms)
    B = (X > 0).toarray()[got.notna().to_numpy()]
    labels = got.dropna().to_numpy()
    for row in profiles.groupby("classe").head(2).itertuples():
        j = terms.index(row.term)
        inside = labels == row.classe
        table = np.array([[(B[inside, j]).sum(), (~B[inside, j]).sum()], [B[~inside, j].sum(), (~B[~inside, j]).sum()]])
        chi2, p, _, expected = stats.chi2_contingency(table, correction=True)
        assert row.chi2 == pytest.approx(chi2 if table[0, 0] >= expected[0, 0] else -chi2)
        assert row.p == pytest.approx(p)
        assert row.n_class == table[0, 0] and row.n_total == table[:, 0].sum()
    assert list(profiles.columns) == classes.PROFILE_COLUMNS
    assert (profiles.groupby("classe")["chi2"].apply(lambda s: s.is_monotonic_decreasing)).all()


def test_typical_segments_score_their_class_terms(seeds_segments, seeds_result):
    X, terms, segments = seeds_segments
    got = seeds_result.units["classe"]
    profiles = class_profiles(X, got, terms=terms)
    typical = typical_segments(X, got, profiles, terms=terms, units=segments, n=3)
    assert set(typical["classe"]) == set(got.dropna())
    for row in typical.itertuples():
        assert got.iloc[row.unit] == row.classe
        prof = profiles[(profiles["classe"] == row.classe) & (profiles["chi2"] > 0) & (profiles["p"] < 0.05)]
        words = set(segments["text"].iloc[row.unit].lower().replace("’", "'").split())
        present = prof[prof["term"].isin(set(row.terms.split(", ")))]
        assert row.score == pytest.approx(present["chi2"].sum())
        assert row.text == segments["text"].iloc[row.unit] and words
    assert (typical.groupby("classe")["score"].apply(lambda s: s.is_monotonic_decreasing)).all()


def test_classes_crossed_with_documents(seeds_result):
    units = seeds_result.units
    table = cross_classes(units["classe"], units["doc_id"], name="doc")
    assert table["n"].sum() == units["classe"].notna().sum()
    assert table.groupby("doc")["pct_modalite"].sum().round(6).eq(100).all()
    row = table.iloc[0]
    inside, doc = units["classe"] == row["classe"], units["doc_id"] == row["doc"]
    ok = units["classe"].notna()
    t = pd.crosstab(inside[ok], doc[ok]).to_numpy()
    assert abs(row["chi2"]) == pytest.approx(stats.chi2_contingency(t, correction=True)[0])


# --------------------------------------------------------------------------- correspondence analysis


def test_correspondence_analysis_matches_the_svd_of_standardised_residuals(two_sources):
    X, terms, segments = two_sources
    m = TermMatrix(matrix=X, terms=np.array(terms, dtype=object), units=segments)
    by_source = m.group(segments["doc_id"].str[0].rename("source"))
    assert list(by_source.units["unit_id"]) == ["a", "p"]
    grouped = m.group("doc_id").trim(min_count=30)
    table = pd.DataFrame(grouped.matrix.T.toarray(), index=grouped.terms, columns=grouped.units["unit_id"])
    assert correspondence_analysis(grouped).equals(correspondence_analysis(table))
    ca = correspondence_analysis(table)
    F = table.to_numpy(dtype=float)
    P = F / F.sum()
    r, c = P.sum(1), P.sum(0)
    S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    U, sv, Vt = np.linalg.svd(S, full_matrices=False)
    rows = U[:, :2] * sv[:2] / np.sqrt(r)[:, None]
    got = ca[ca["kind"] == "term"][["dim1", "dim2"]].to_numpy()
    np.testing.assert_allclose(np.abs(got), np.abs(rows), atol=1e-6)
    assert ca.attrs["explained"][0] == pytest.approx(100 * sv[0] ** 2 / (sv ** 2).sum())
    for kind in ("term", "group"):
        assert ca.loc[ca["kind"] == kind, "contrib1"].sum() == pytest.approx(100)
    assert set(ca.loc[ca["kind"] == "term", "group"]) <= set(table.columns)
    again = correspondence_analysis(table)
    pd.testing.assert_frame_equal(ca, again)


def test_correspondence_analysis_of_too_small_a_table_is_refused():
    with pytest.raises(ValueError, match="deux termes et deux groupes"):
        correspondence_analysis(pd.DataFrame({"a": [3, 4]}, index=["x", "y"]))
    with pytest.warns(UserWarning, match="qu'un axe"):
        ca = correspondence_analysis(pd.DataFrame({"a": [3, 4, 1], "b": [1, 5, 6]}, index=["x", "y", "z"]))
    assert (ca["dim2"] == 0).all()


# --------------------------------------------------------------------------- the notebook's tables and readings


@pytest.fixture(scope="module")
def seeds_voiced():
    """The bundled articles cut into segments with their voice and speaker (the notebook's matrix)."""
    corpus = load_corpus()
    docs = corpus.documents()
    statements = label_speakers(extract_statements(corpus))
    m = term_matrix(tokenize_corpus(corpus), docs, unit="segment", statements=statements)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = classify_segments(m.matrix, units=m.units, k=6, min_class_size=10)
    return docs, m, result


def test_segment_variables_say_outlet_period_voice_and_speaker_country(seeds_voiced):
    docs, m, _ = seeds_voiced
    periods = assign_periods(apply_dating(docs), period="Y", date_column="date")
    variables = classes.segment_variables(m.units, periods=periods)
    assert list(variables.columns) == ["article", "média", "période", "voix", "pays du locuteur"]
    assert len(variables) == len(m.units)
    assert set(variables["voix"]) == {"discours rapporté", "voix du journaliste"}
    journalist = variables["voix"] == "voix du journaliste"
    assert (variables.loc[journalist, "pays du locuteur"] == "voix du journaliste").all()
    assert {"Chine", "Kazakhstan"} <= set(variables.loc[~journalist, "pays du locuteur"])
    assert variables["période"].equals(m.units["doc_id"].map(periods).astype(object).rename("période"))
    assert variables["période"].notna().all()  # every seed is dated by the one rule (publication, else event)
    assert variables["média"].notna().all() and UNKNOWN_OUTLET in set(variables["média"])  # two seeds lack an outlet
    plain = term_matrix(tokenize_corpus(load_corpus()), docs, unit="segment")  # no statements: no voice
    assert "voix" not in classes.segment_variables(plain.units)


def test_summary_and_readings_carry_the_numbers_of_their_tables(seeds_voiced):
    docs, m, result = seeds_voiced
    got = result.units["classe"]
    profiles = class_profiles(m.matrix, got, terms=m.terms)
    summary = classes.summarize_classes(got, result.units, profiles, n_terms=5)
    assert list(summary.columns) == classes.SUMMARY_COLUMNS and len(summary) == result.k
    assert summary["n_segments"].sum() == summary.attrs["n_classified"] == got.notna().sum()
    for row in summary.itertuples():
        mine = result.units.loc[(got == row.classe).fillna(False).to_numpy(), "doc_id"]
        assert row.n_documents == mine.nunique() and row.main_document == mine.value_counts().index[0]
        assert row.pct_main_document == pytest.approx(100 * mine.value_counts().iloc[0] / len(mine))
        top = profiles[(profiles["classe"] == row.classe) & (profiles["chi2"] > 0) & (profiles["p"] < 0.05)]
        assert row.terms.split(", ") == list(top["term"].head(5)) and row.n_significant == len(top)
    reading = classes.describe_classes(summary, k=6, note=result.note)
    assert reading.startswith(f"{result.k} classes obtenues pour 6 demandées")
    assert f"{summary.attrs['n_classified']} segments sur {len(m.units)}" in reading
    assert "C'est peu" in classes.describe_segments(m.units, min_class_size=10)  # 83 segments
    typical = typical_segments(m.matrix, got, profiles, terms=m.terms, units=result.units[["doc_id", "outlet", "text"]])
    profile_text = classes.describe_profiles(summary, typical)
    assert profile_text.count("Classe ") == result.k and "Segment le plus typique" in profile_text
    variables = classes.segment_variables(m.units, periods=assign_periods(docs))
    crossing = cross_classes(got, variables["période"], name="période")
    text = classes.describe_crossing(crossing, name="période", n_classified=int(got.notna().sum()))
    strong = crossing[(crossing["chi2"] > 0) & (crossing["p"] < 0.05)]
    assert text.startswith(f"« période » ({crossing['période'].nunique()} modalités)")
    assert ("aucune modalité" in text) == strong.empty
    ca = correspondence_analysis(m.group(got).trim(min_count=3))
    assert ca.attrs["partition"] == "classe"
    axes = classes.describe_correspondence(ca)
    assert axes.startswith(f"L'axe 1 résume {format_percent(ca.attrs['explained'][0] / 100)}")
    assert "la classe" in axes


def test_a_modality_of_few_articles_is_not_read_as_an_association(seeds_voiced):
    docs, m, result = seeds_voiced
    got = result.units["classe"]
    periods = assign_periods(apply_dating(docs), period="Y", date_column="date")  # the one dating rule
    variables = classes.segment_variables(m.units, periods=periods)
    crossing = cross_classes(got, variables["période"], name="période", documents=variables["article"])
    assert crossing.groupby("période")["n_docs"].first().to_dict() == {"2018": 1, "2020": 1, "2022": 2, "2024": 1}
    strong = crossing[(crossing["chi2"] > 0) & (crossing["p"] < 0.05)]
    assert set(strong["période"]) == {"2022"}  # 2022 (two articles) → one class
    assert "2022 (" in classes.describe_crossing(crossing, name="période") and "→" in classes.describe_crossing(
        crossing, name="période")
    text = classes.describe_crossing(crossing, name="période", min_documents=3)
    assert "→" not in text and "de moins de 3 articles (2022)" in text


def test_a_class_of_nearly_every_segment_is_said_to_leave_no_comparable_worlds(seeds_voiced):
    docs, m, result = seeds_voiced
    got = result.units["classe"]
    summary = classes.summarize_classes(got, result.units, class_profiles(m.matrix, got, terms=m.terms))
    assert "îlots" not in classes.describe_classes(summary, k=6)  # three classes of about a third each
    rest = [9.0 / (len(summary) - 1)] * (len(summary) - 1)
    lopsided = summary.assign(pct_segments=[91.0] + rest, n_segments=[910] + [int(10 * r) for r in rest])
    assert "îlots" in classes.describe_classes(lopsided, k=6)


def test_a_small_share_is_never_written_zero_percent():
    assert classes._pct(0.3) == "0,3\u202f%" and classes._pct(49 / 10290 * 100) == "0,5\u202f%"


def test_french_numbers():
    from sinokaz_utils.labels import format_number

    assert format_number(0.05, 2) == "0,05"
    assert format_number(12345.67, 1) == "12\u202f345,7"
