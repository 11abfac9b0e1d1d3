"""keywords: matching, trends, concordances and keyness by document group on the seeds (the statistics
themselves are tested in test_terms)."""
from __future__ import annotations

import pytest
from scipy.stats import chi2

from sinokaz_utils import keywords as kw
from sinokaz_utils import terms


# --------------------------------------------------------------------------- on the seeds

@pytest.fixture(scope="module")
def seeds():
    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.statements import extract_statements

    corpus = load_corpus()
    return corpus, corpus.documents(), tokenize_corpus(corpus), extract_statements(corpus)


def test_keyword_groups_file_reads_and_has_the_required_groups():
    groups = kw.read_keyword_groups()
    assert {"belt_and_road", "security", "energy", "trade", "taiwan", "shared_future", "covid",
            "culture_education"} <= set(groups.group)
    assert {"trois forces du mal", "une seule Chine", "communauté de destin"} <= set(groups.term)


def test_keyword_groups_errors_name_the_file(tmp_path):
    bad = tmp_path / "groups.yaml"
    bad.write_text("security:\n  label: Sécurité\n", encoding="utf-8")
    with pytest.raises(ValueError, match="groups.yaml.*terms"):
        kw.read_keyword_groups(bad)


def test_multiword_and_inflected_terms_are_found_once(seeds):
    corpus, docs, tokens, _ = seeds
    words = terms.select_words(tokens[tokens.doc_id.isin(docs.doc_id)])
    m = kw.find_term_matches(words, ["trois forces du mal", "forces", "une seule Chine"])
    texts = dict(zip(docs.doc_id, docs.text_clean))
    # every match's offsets cut the term out of text_clean
    for r in m.itertuples(index=False):
        assert kw.normalize_form(texts[r.doc_id][r.start:r.end]).startswith(kw.normalize_form(r.term)[:4])
    # "forces" inside "trois forces du mal" is not counted again (longest match wins)
    n_expr = (m.term == "trois forces du mal").sum()
    raw = sum(kw.normalize_form(t).count("trois forces du mal") for t in texts.values())
    assert n_expr == raw and n_expr >= 3
    assert (m.term == "une seule Chine").sum() >= 1


def test_keyword_trends_per_10k_words(seeds):
    corpus, docs, tokens, _ = seeds
    trends = kw.keyword_trends(tokens, docs, period="Y")
    assert set(trends.columns) >= {"period", "group", "count", "words", "per_10k", "documents"}
    row = trends[trends["count"] > 0].iloc[0]
    assert row.per_10k == pytest.approx(row["count"] / row.words * 10_000)
    # every period × group is listed, zeros included
    assert len(trends) == trends.period.nunique() * trends.group.nunique()
    security = trends[trends.group == "security"]["count"].sum()
    assert security >= 4  # the seeds speak of the "trois forces du mal" and of security


def test_voice_split_adds_up_to_the_total(seeds):
    corpus, docs, tokens, statements = seeds
    both = kw.keyword_trends(tokens, docs, statements=statements)
    total = kw.keyword_trends(tokens, docs)
    assert set(both.voice) == {"journalist", "reported speech"}
    merged = both.groupby(["period", "group"])[["count", "words"]].sum().sort_index()
    whole = total.set_index(["period", "group"])[["count", "words"]].sort_index()
    assert merged.index.equals(whole.index)
    assert (merged.to_numpy() == whole.to_numpy()).all()


def test_kwic_contexts_are_cut_from_the_text(seeds):
    corpus, docs, tokens, _ = seeds
    lines = kw.extract_kwic(tokens, docs, "trois forces du mal", window=5)
    assert len(lines) >= 3
    assert all(m.lower() == "trois forces du mal" for m in lines.match)
    text = dict(zip(docs.doc_id, docs.text_clean))
    for r in lines.itertuples(index=False):
        assert f"{r.match}" in text[r.doc_id]
        assert 1 <= len(r.left.split()) <= 8


def test_compare_keyness_each_group_against_the_rest(seeds):
    corpus, docs, tokens, _ = seeds
    table = kw.compare_keyness(tokens, docs, by="outlet", min_count=2)
    assert set(table.target) <= set(docs.outlet.dropna())
    assert set(table.reference) == {"le reste"}
    one = table[table.target == table.target.iloc[0]]
    # totals of the two sides add up to all terms of the documents that have an outlet
    assert (one.total_target + one.total_reference).nunique() == 1
    r = one.iloc[0]
    a, b = r.n_target, r.n_reference
    c, d = r.total_target - a, r.total_reference - b
    assert r.g2 == pytest.approx(float(terms.log_likelihood_g2(a, b, c, d)))
    assert r.p == pytest.approx(chi2.sf(abs(r.g2), 1))
    n = r.total_target + r.total_reference
    assert r.specificity == pytest.approx(float(terms.lafon_specificity(a, a + b, r.total_target, n)))
    with pytest.raises(ValueError, match="by='nonexistent' n'est ni une colonne des documents"):
        kw.compare_keyness(tokens, docs, by="nonexistent")
