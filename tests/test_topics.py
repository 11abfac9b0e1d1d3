"""Tests for sinokaz_utils.topics: NPMI coherence, stability, choice of k, fits on the seeds.

The measures are checked against values computed by hand on small matrices; the fits are
checked on the bundled seeds and on ../shared/corpus_dev (skipped when absent).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sinokaz_utils import topics

# ------------------------------------------------------------------------------------------
# coherence


def test_npmi_matches_hand_computation():
    # 5 units, 3 terms: a in units 0,1,2,3 ; b in 0,1 ; c in 2,4
    X = np.array([[1, 2, 0], [3, 1, 0], [1, 0, 1], [1, 0, 0], [0, 0, 4]])
    n = 5
    # (a, b): D(a)=4, D(b)=2, D(a,b)=2
    ab = math.log((2 / n) / ((4 / n) * (2 / n))) / -math.log(2 / n)
    # (a, c): D(c)=2, D(a,c)=1
    ac = math.log((1 / n) / ((4 / n) * (2 / n))) / -math.log(1 / n)
    # (b, c): never together
    bc = -1.0
    got = topics.score_npmi([[0, 1, 2], [0, 1]], X)
    assert got[0] == pytest.approx((ab + ac + bc) / 3)
    assert got[1] == pytest.approx(ab)
    # hand values, written out: ab = log(1.25)/log(2.5), ac = log(0.625)/log(5)
    assert ab == pytest.approx(0.24353, abs=1e-5)
    assert ac == pytest.approx(-0.29203, abs=1e-5)


def test_npmi_bounds_and_degenerate_cases():
    X = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]])
    # a and b always together -> NPMI = 1; a and c never -> -1
    assert topics.score_npmi([[0, 1]], X)[0] == pytest.approx(1.0)
    assert topics.score_npmi([[0, 2]], X)[0] == pytest.approx(-1.0)
    # every unit holds both terms: P(a,b)=1, defined as 1
    assert topics.score_npmi([[0, 1]], np.ones((4, 2)))[0] == 1.0
    # a one-term topic has no pair
    assert np.isnan(topics.score_npmi([[0]], X)[0])


def test_npmi_only_presence_counts():
    X = np.array([[1, 2, 0], [3, 1, 0], [1, 0, 1], [1, 0, 0], [0, 0, 4]])
    B = (X > 0).astype(float) * 0.37  # TF-IDF-like weights
    assert topics.score_npmi([[0, 1, 2]], X) == pytest.approx(topics.score_npmi([[0, 1, 2]], B))


# ------------------------------------------------------------------------------------------
# stability


def test_stability_matches_hand_computation():
    r1 = [["a", "b", "c"], ["d", "e", "f"]]
    r2 = [["d", "e", "g"], ["a", "b", "c"]]  # same topics, reordered, one term changed
    r3 = [["a", "b", "c"], ["d", "e", "f"]]
    # pairs: (r1,r2): (1 + 2/4)/2 = 0.75 ; (r1,r3): 1 ; (r2,r3): 0.75
    mean, sd = topics.score_stability([r1, r2, r3])
    assert mean == pytest.approx((0.75 + 1 + 0.75) / 3)
    assert sd == pytest.approx(np.std([0.75, 1.0, 0.75]))


def test_matching_is_optimal_not_greedy():
    # greedy on the first row would pair A0-B0 (0.5) and leave A1-B1 (0); best is A0-B1, A1-B0
    a = [["x", "y", "z"], ["x", "y"]]
    b = [["x", "y"], ["x", "y", "z", "w"]]
    rows, cols, jac = topics.match_topics(a, b)
    pairs = dict(zip(rows.tolist(), cols.tolist()))
    assert pairs == {0: 1, 1: 0}
    assert jac.sum() == pytest.approx(3 / 4 + 1.0)


def test_stability_of_disjoint_runs_is_zero():
    assert topics.score_stability([[["a"], ["b"]], [["c"], ["d"]]])[0] == 0.0


# ------------------------------------------------------------------------------------------
# choice of k on a planted structure


def _planted_units(n_blocks=3, per_block=5, n_units=60, seed=0, noise=True):
    """Units drawn from disjoint blocks of terms (one block per unit) plus one noise term."""
    rng = np.random.default_rng(seed)
    units = []
    for i in range(n_units):
        b = i % n_blocks
        terms = []
        for j in range(b * per_block, (b + 1) * per_block):
            terms += [f"t{j:02d}"] * int(rng.integers(1, 3))
        noise_term = f"t{int(rng.integers(0, n_blocks * per_block)):02d}"
        if noise:
            terms.append(noise_term)
        units.append(terms)
    return pd.DataFrame({"unit_id": [f"u{i}" for i in range(n_units)], "doc_id": "d",
                         "terms": units, "n_terms": [len(u) for u in units]})


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_select_k_recovers_planted_topics(method):
    units = _planted_units()
    k_range = range(2, 7) if method == "nmf" else range(2, 5)  # LDA is slow; three k suffice to bracket 3
    table, k = topics.select_k(units, k_range=k_range, method=method, n_seeds=10, seed=3, n_top=5,
                               min_df=1, max_df=1.0)
    assert k == 3
    row = table.set_index("k").loc[3]
    assert row["stability"] == pytest.approx(1.0)
    assert table["chosen"].sum() == 1
    assert list(table["k"]) == list(k_range)
    model = topics.fit_topics(units, k=3, method=method, seed=3, n_top=5, min_df=1, max_df=1.0)
    blocks = sorted(sorted(t) for t in model.top_terms)
    assert blocks == [[f"t{j:02d}" for j in range(b * 5, b * 5 + 5)] for b in range(3)]


def test_choose_k_rule():
    t = pd.DataFrame({"k": [3, 4, 5, 6], "coherence": [0.10, 0.12, 0.11, 0.02],
                      "stability": [0.9, 0.7, 0.8, 1.0]})
    # within 0.02 of 0.12: k=3,4,5 ; highest stability among them: k=3 (k=6 is stable but incoherent)
    assert topics.choose_k(t, tolerance=0.02) == 3
    assert topics.choose_k(t, tolerance=0.0) == 4


def test_feasible_k_and_errors():
    assert topics.feasible_k(range(2, 10), n_units=5, n_terms=100) == [2, 3, 4]
    units = _planted_units(n_units=4)
    with pytest.warns(UserWarning, match="aucun k de .* ne convient"):
        table, k = topics.select_k(units, k_range=range(8, 10), n_seeds=2, min_df=1, max_df=1.0)
    assert list(table["k"]) == [2, 3] and k in (2, 3)  # a tiny corpus falls back to the k it supports
    with pytest.raises(ValueError):
        topics.select_k(_planted_units(n_units=2), k_range=range(3, 5), n_seeds=2, min_df=1, max_df=1.0)
    with pytest.raises(ValueError):
        topics.select_k(units, k_range=range(2, 3), n_seeds=1)


def test_same_seed_same_topics_on_matrix():
    units = _planted_units(n_blocks=4, seed=5)
    a = topics.fit_topics(units, k=5, seed=11, min_df=1, max_df=1.0)
    b = topics.fit_topics(units, k=5, seed=11, min_df=1, max_df=1.0)
    assert a.top_terms == b.top_terms
    np.testing.assert_array_equal(a.doc_topic, b.doc_topic)


def test_prevalence_rows_sum_to_one():
    units = _planted_units()
    units["doc_id"] = [f"d{i % 4}" for i in range(len(units))]
    model = topics.fit_topics(units, k=3, seed=0, min_df=1, max_df=1.0)
    prev = topics.topic_prevalence(model, units, by="doc_id")
    assert list(prev.index) == ["d0", "d1", "d2", "d3"]
    assert prev[model.labels].sum(axis=1).to_numpy() == pytest.approx(np.ones(4))
    assert prev["n_units"].sum() == len(units)
    # topics are numbered by decreasing prevalence
    overall = np.average(model.doc_topic, axis=0, weights=units["n_terms"])
    assert list(np.argsort(-overall, kind="stable")) == [0, 1, 2]


def test_choose_df_bounds_scale():
    assert topics.choose_df_bounds(5) == (1, 1.0)
    assert topics.choose_df_bounds(60) == (2, 0.5)
    assert topics.choose_df_bounds(20000) == (20, 0.5)


# ------------------------------------------------------------------------------------------
# on real text


@pytest.fixture(scope="module")
def seed_tokens():
    nlp = pytest.importorskip("sinokaz_utils.nlp")
    corpus_mod = pytest.importorskip("sinokaz_utils.corpus")
    corpus = corpus_mod.load_corpus()
    return corpus, nlp.tokenize_corpus(corpus)


def test_units_on_seeds(seed_tokens):
    corpus, tokens = seed_tokens
    docs = corpus.documents()
    units = topics.build_units(tokens, docs, unit="paragraph")
    assert 30 <= len(units) <= 150
    assert set(units["doc_id"]) <= set(docs["doc_id"])
    all_terms = [t for ts in units["terms"] for t in ts]
    assert "la ceinture et la route" in all_terms or any(" " in t for t in all_terms)
    stop = __import__("sinokaz_utils.nlp", fromlist=["stopwords"]).stopwords()
    assert not (set(all_terms) & {s.lower() for s in stop})
    # every unit's text is a piece of its document's cleaned text
    texts = dict(zip(docs["doc_id"], docs["text_clean"]))
    assert all(u["text"] in texts[u["doc_id"]] for _, u in units.iterrows())
    whole = topics.build_units(tokens, docs, unit="document")
    assert len(whole) == len(docs)


def test_typical_passages_are_made_of_their_topics_terms_on_the_seeds(seed_tokens):
    """The bundled corpus at k = 2: topic 1's passage was a headline of none of its terms, « 100 % »
    of the topic; the typical passage is now devoted to the topic and made of its top terms."""
    from sinokaz_utils.statements import extract_statements

    corpus, tokens = seed_tokens
    docs = corpus.documents()
    units = topics.build_units(tokens, docs, unit="paragraph")
    model = topics.fit_topics(units, k=2, seed=42)
    terms_of = dict(zip(units["unit_id"], units["terms"]))
    rep = topics.representative_units(model, units, n=2)
    for row in rep.itertuples(index=False):
        used = set(terms_of[row.unit_id]) & set(model.top_terms[row.topic - 1])
        assert len(used) >= 2, f"topic {row.topic}: typical passage with {used or 'none'} of its top terms"
        label = [w.lower() for w in model.labels[row.topic - 1].split(" · ", 1)[1].split(", ")]
        assert set(label) & set(terms_of[row.unit_id])
    summary = topics.describe_topics(model, units)
    assert summary["passage"].notna().all()
    # the model still reads new units (the statements of 30 and 40)
    statement_units = topics.build_units(tokens, docs, unit="statement", statements=extract_statements(corpus))
    assert model.transform(statement_units).shape == (len(statement_units), 2)


def test_same_seed_same_topics_on_seeds(seed_tokens):
    corpus, tokens = seed_tokens
    units = topics.build_units(tokens, corpus.documents())
    table1, k1 = topics.select_k(units, k_range=range(3, 7), n_seeds=10, seed=42, cache_dir=None)
    table2, k2 = topics.select_k(units, k_range=range(3, 7), n_seeds=10, seed=42, cache_dir=None)
    assert k1 == k2
    pd.testing.assert_frame_equal(table1, table2)
    assert table1["stability"].between(0, 1).all()
    assert table1["coherence"].between(-1, 1).all()
    for method in ("nmf", "lda"):
        a = topics.fit_topics(units, k=k1, method=method, seed=42)
        b = topics.fit_topics(units, k=k1, method=method, seed=42)
        assert a.top_terms == b.top_terms
        assert len(a.labels) == k1
        rep = topics.representative_units(a, units, n=2)
        assert set(rep["topic"]) == set(range(1, k1 + 1))


def test_topics_on_corpus_dev(corpus_dev):
    nlp = pytest.importorskip("sinokaz_utils.nlp")
    corpus_mod = pytest.importorskip("sinokaz_utils.corpus")
    corpus = corpus_mod.load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    docs = corpus.documents()
    units = topics.build_units(nlp.tokenize_corpus(corpus), docs)
    table, k = topics.select_k(units, k_range=range(4, 9), n_seeds=10, seed=0)
    model = topics.fit_topics(units, k=k, seed=0)
    over_time = topics.topics_over_time(model, units, docs)
    assert over_time["period"].nunique() >= 2
    shares = over_time.groupby("period")["share"].sum()
    assert shares.to_numpy() == pytest.approx(np.ones(len(shares)))


def test_describe_topics_spread():
    units = _planted_units(noise=False)
    units["doc_id"] = [f"d{i % 6}" for i in range(len(units))]  # block b lives in documents b and b+3
    model = topics.fit_topics(units, k=3, seed=0, n_top=5, min_df=1, max_df=1.0)
    desc = topics.describe_topics(model, units)
    assert desc["share"].sum() == pytest.approx(1.0)
    # each planted topic is spread evenly over its two documents
    assert desc["n_docs_effective"].to_numpy() == pytest.approx(np.full(3, 2.0), abs=0.1)
    # a block's terms are in all 20 of its units and nowhere else: NPMI = log(3) / log(3) = 1
    assert desc["npmi"].to_numpy() == pytest.approx(np.ones(3))


def test_k_selection_is_cached_for_the_same_units_and_parameters(seed_tokens, tmp_path):
    # notebooks 30 and 40 choose k on the same units: the second reads the first one's table
    corpus, tokens = seed_tokens
    units = topics.build_units(tokens, corpus.documents())
    fresh, k = topics.select_k(units, k_range=range(3, 6), n_seeds=3, seed=1, cache_dir=None)
    first, k1 = topics.select_k(units, k_range=range(3, 6), n_seeds=3, seed=1, cache_dir=tmp_path)
    entries = list(tmp_path.glob("select_k-*/selection.parquet"))
    assert len(entries) == 1
    again, k2 = topics.select_k(units, k_range=range(3, 6), n_seeds=3, seed=1, cache_dir=tmp_path)
    assert k == k1 == k2
    pd.testing.assert_frame_equal(fresh, again)
    assert list(tmp_path.glob("select_k-*/selection.parquet")) == entries
    # other parameters or other units are another entry
    topics.select_k(units, k_range=range(3, 6), n_seeds=3, seed=2, cache_dir=tmp_path)
    topics.select_k(units.iloc[:-5], k_range=range(3, 6), n_seeds=3, seed=1, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("select_k-*/selection.parquet"))) == 3


def test_k_is_bounded_by_the_articles_the_corpus_holds():
    assert topics.max_topics(5) == 2 and topics.max_topics(47) == 15 and topics.max_topics(5, min_documents=1) == 5
    assert topics.bound_k_range(range(3, 15), n_documents=5) == [2]
    assert topics.bound_k_range(range(3, 15), n_documents=47) == list(range(3, 15))


def test_labels_name_terms_the_typical_units_use_and_the_model_is_fitted_once(tmp_path):
    units = _planted_units(noise=False)
    units["doc_id"] = [f"d{i % 6}" for i in range(len(units))]
    model = topics.fit_topics(units, k=3, seed=0, cache_dir=tmp_path)
    lists = [set(t) for t in units["terms"]]
    rep = topics.representative_units(model, units, n=5)
    for t, label in enumerate(model.labels, start=1):
        words = label.split(" · ", 1)[1].split(", ")
        typical = [lists[units.index[units["unit_id"] == u][0]] for u in rep.loc[rep.topic == t, "unit_id"]]
        assert all(any(w in u for u in typical) for w in words), f"{label}: a label term none of its units uses"
    # the same units and parameters load the cached model instead of fitting again
    entries = list(tmp_path.glob("topic_model-*"))
    assert len(entries) == 1
    again = topics.fit_topics(units, k=3, seed=0, cache_dir=tmp_path)
    assert again.labels == model.labels and (again.doc_topic == model.doc_topic).all()
    # what 30 remembers for a corpus, 40 recalls
    docs = pd.DataFrame({"doc_id": ["d0", "d1"], "text_clean": ["a", "b"]})
    assert topics.recall_model(docs, cache_dir=tmp_path) == (None, None)
    topics.remember_model(model, docs, parameters={"K": 3}, cache_dir=tmp_path)
    recalled, parameters = topics.recall_model(docs, cache_dir=tmp_path)
    assert recalled.labels == model.labels and parameters == {"K": 3}
    summary = topics.describe_topics(model, units.assign(text=[" ".join(t) for t in units["terms"]]))
    assert {"n_docs_main", "passage", "passage_doc"} <= set(summary.columns)
    assert summary["n_docs_main"].sum() == 6 and summary["passage"].notna().all()
