"""keywords: keyness statistics against hand computation and scipy, matching and trends on the seeds."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, hypergeom

from sinokaz_utils import keywords as kw


# --------------------------------------------------------------------------- statistics by hand

def g2_by_hand(a, b, c, d):
    """Dunning's G² written out cell by cell (no correction), signed by over-use in the target."""
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n),
             (c, (c + d) * (a + c) / n), (d, (c + d) * (b + d) / n)]
    g2 = 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)
    return g2 if a > (a + b) * (a + c) / n else -g2


@pytest.mark.parametrize("a,b,c,d", [(10, 2, 990, 998), (2, 10, 998, 990), (40, 12, 2031, 1031), (0, 7, 500, 800),
                                     (25, 25, 1000, 1000)])
def test_g2_without_correction_equals_the_formula(a, b, c, d):
    assert kw.log_likelihood_g2(a, b, c, d, correction="none") == pytest.approx(g2_by_hand(a, b, c, d), rel=1e-12)


def test_g2_known_value_and_sign():
    # a = 10 of 1,000 words in the target, b = 2 of 1,000 in the reference: expected 6 and 6.
    # 2·(10 ln(10/6) + 2 ln(2/6) + 990 ln(990/994) + 998 ln(998/994)) = 5.8543
    assert float(kw.log_likelihood_g2(10, 2, 990, 998, correction="none")) == pytest.approx(5.8543, abs=1e-4)
    assert float(kw.log_likelihood_g2(2, 10, 998, 990, correction="none")) == pytest.approx(-5.8543, abs=1e-4)
    assert float(kw.log_likelihood_g2(25, 25, 1000, 1000, correction="none")) == pytest.approx(0.0, abs=1e-12)


def test_yates_correction_applies_only_to_small_expected_counts_as_in_quanteda():
    # expected count of a is 6 (>= 5) but b's is 6 too, c/d large: no cell below 5 -> unchanged
    assert kw.log_likelihood_g2(10, 2, 990, 998) == pytest.approx(kw.log_likelihood_g2(10, 2, 990, 998, correction="none"))
    # a=4, b=0 of 100/100: expected 2 and 2 (< 5) and |ad-bc| = 384 > N/2 = 100 -> cells moved by 0.5
    corrected = float(kw.log_likelihood_g2(4, 0, 96, 100))
    by_hand = g2_by_hand(3.5, 0.5, 96.5, 99.5)
    assert corrected == pytest.approx(by_hand, rel=1e-12)
    assert 0 < corrected < float(kw.log_likelihood_g2(4, 0, 96, 100, correction="none"))


def test_williams_correction_divides_by_q():
    a, b, c, d = 10, 2, 990, 998
    n = a + b + c + d
    q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    assert float(kw.log_likelihood_g2(a, b, c, d, correction="williams")) == pytest.approx(g2_by_hand(a, b, c, d) / q)
    with pytest.raises(ValueError):
        kw.log_likelihood_g2(1, 1, 1, 1, correction="bogus")


def test_log_ratio_is_log2_of_relative_frequencies_with_zero_as_half():
    assert float(kw.log_ratio(8, 2, 1000, 1000)) == pytest.approx(2.0)
    assert float(kw.log_ratio(8, 4, 1000, 500)) == pytest.approx(0.0)
    assert float(kw.log_ratio(0, 4, 1000, 1000)) == pytest.approx(math.log2(0.5 / 4))


@pytest.mark.parametrize("k,f,t,total", [(5, 6, 10, 100), (0, 30, 200, 1000), (12, 40, 100, 1000), (6, 60, 100, 1000),
                                         (3, 3, 50, 5000)])
def test_lafon_specificity_against_scipy_hypergeom(k, f, t, total):
    expected = f * t / total
    if k >= expected:
        want = -math.log10(hypergeom.sf(k - 1, total, f, t))
    else:
        want = math.log10(hypergeom.cdf(k, total, f, t))
    assert float(kw.lafon_specificity(k, f, t, total)) == pytest.approx(want, rel=1e-10)


def test_lafon_specificity_by_hand_on_a_small_urn():
    # 100 words, the term 6 times, a part of 10 words holding it 5 times:
    # P(X >= 5) = [C(6,5) C(94,5) + C(6,6) C(94,4)] / C(100,10)
    p = (math.comb(6, 5) * math.comb(94, 5) + math.comb(94, 4)) / math.comb(100, 10)
    assert float(kw.lafon_specificity(5, 6, 10, 100)) == pytest.approx(-math.log10(p), rel=1e-10)
    # under-use is negative: P(X <= 0) for a term of 30 in 1,000 words and a part of 200
    p0 = math.comb(970, 200) / math.comb(1000, 200)
    assert float(kw.lafon_specificity(0, 30, 200, 1000)) == pytest.approx(math.log10(p0), rel=1e-9)


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
    words = kw.select_words(tokens[tokens.doc_id.isin(docs.doc_id)])
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


def test_label_voice_uses_statement_offsets(seeds):
    corpus, docs, tokens, statements = seeds
    st = statements.iloc[0]
    toks = tokens[tokens.doc_id == st.doc_id]
    voice = kw.label_voice(toks, statements)
    inside = (toks.start >= st.start) & (toks.start < st.end)
    assert (voice[inside] == "reported speech").all()
    assert (voice == "journalist").any()


def test_kwic_contexts_are_cut_from_the_text(seeds):
    corpus, docs, tokens, _ = seeds
    lines = kw.extract_kwic(tokens, docs, "trois forces du mal", window=5)
    assert len(lines) >= 3
    assert all(m.lower() == "trois forces du mal" for m in lines.match)
    text = dict(zip(docs.doc_id, docs.text_clean))
    for r in lines.itertuples(index=False):
        assert f"{r.match}" in text[r.doc_id]
        assert 1 <= len(r.left.split()) <= 8


def test_collocates_with_a_frequency_floor(seeds):
    corpus, docs, tokens, _ = seeds
    table = kw.find_collocates(tokens, "coopération", window=5, min_freq=3, documents=docs)
    assert len(table) > 0 and (table.freq >= 3).all()
    assert table.log_likelihood.is_monotonic_decreasing
    assert "coopération" not in set(table.collocate)
    assert kw.find_collocates(tokens, "motquinexistepas", min_freq=1).empty


def test_compare_keyness_each_group_against_the_rest(seeds):
    corpus, docs, tokens, _ = seeds
    table = kw.compare_keyness(tokens, docs, by="outlet", min_count=2)
    assert set(table.group) <= set(docs.outlet.dropna())
    one = table[table.group == table.group.iloc[0]]
    # totals of the two sides add up to all words of the documents that have an outlet
    assert (one.total_target + one.total_reference).nunique() == 1
    r = one.iloc[0]
    a, b = r.n_target, r.n_reference
    c, d = r.total_target - a, r.total_reference - b
    assert r.g2 == pytest.approx(float(kw.log_likelihood_g2(a, b, c, d)))
    assert r.p == pytest.approx(chi2.sf(abs(r.g2), 1))
    n = r.total_target + r.total_reference
    assert r.specificity == pytest.approx(float(kw.lafon_specificity(a, a + b, r.total_target, n)))
    with pytest.raises(ValueError, match="not a column"):
        kw.compare_keyness(tokens, docs, by="nonexistent")
