"""Tests for sinokaz_utils.speakers: keyness by group, shares of reported speech, similarity, formulas.

Keyness is checked against values computed by hand (the 2×2 table, G², log ratio and the
hypergeometric tail written out here); the other tables are checked on the bundled seeds and
on ../shared/corpus_dev (skipped when absent).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sinokaz_utils import speakers

# ------------------------------------------------------------------------------------------
# a tiny token table: three speakers' statements, words taken from the seed articles


def _tiny():
    """Three statements in one document (10 words each) and 5 words of journalist voice.

    Xi (CN): coopération ×3 + 7 other words; Tokaïev (KZ): coopération ×1 + 9; Lavrov (RU):
    no coopération, 10 words. Journalist: 5 words, one of them coopération (never compared).
    """
    cn = ["coopération"] * 3 + ["amitié", "voisin", "développement", "commun", "pays", "partenaire", "relation"]
    kz = ["coopération"] + ["pétrole", "gaz", "énergie", "commerce", "pays", "investissement", "projet", "route",
                            "transport"]
    ru = ["sécurité", "région", "stabilité", "frontière", "menace", "terrorisme", "paix", "coordination",
          "organisation", "sommet"]
    jo = ["président", "visite", "coopération", "astana", "pékin"]
    rows, pos = [], 0
    spans = []
    for words in (cn, kz, ru, jo):
        start = pos
        for w in words:
            rows.append({"doc_id": "d1", "para_id": 0, "sent_id": 0, "token_id": len(rows), "start": pos,
                         "end": pos + len(w), "text": w, "lemma": w, "pos": "NOUN", "ent_type": None,
                         "is_stop": False, "is_punct": False, "term": w})
            pos += len(w) + 1
        spans.append((start, pos - 1))
    tokens = pd.DataFrame(rows)
    statements = pd.DataFrame({
        "doc_id": "d1", "speaker": ["Xi Jinping", "Kassym-Jomart Tokaïev", "Sergueï Lavrov"],
        "speaker_id": ["xi_jinping", "tokayev", "lavrov"], "speaker_type": "person", "country": ["CN", "KZ", "RU"],
        "role": None, "cue": "a déclaré", "kind": ["direct", "indirect", "indirect"], "text": None,
        "start": [s for s, _ in spans[:3]], "end": [e for _, e in spans[:3]], "sentence_id": 0, "confidence": 1.0})
    text = " ".join(r["text"] for r in rows)
    docs = pd.DataFrame({"doc_id": ["d1"], "text_clean": [text], "outlet": ["Xinhua"]})
    return tokens, statements, docs


def _g2_by_hand(a, b, c, d):
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n), (c, (c + d) * (a + c) / n),
             (d, (c + d) * (b + d) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def _upper_tail(k, f, t, total):
    """P(X ≥ k) for X hypergeometric: t draws from total with f successes."""
    return sum(math.comb(f, i) * math.comb(total - f, t - i) for i in range(k, min(f, t) + 1)) / math.comb(total, t)


def test_keyness_by_country_against_hand_computation():
    tokens, statements, _ = _tiny()
    table = speakers.speaker_keyness(tokens, statements, by="country", min_count=1, min_words=1, correction="none")
    assert set(table["target"]) == {"Chine", "Kazakhstan", "Russie"}  # three groups, each against the other two
    row = table.set_index(["target", "term"]).loc[("Chine", "coopération")]
    # Chine: 3 of 10 words; the others: 1 of 20 (the journalist's coopération does not count)
    a, b, c, d = 3, 1, 7, 19
    assert (row["n_target"], row["n_reference"], row["total_target"], row["total_reference"]) == (3, 1, 10, 20)
    assert row["g2"] == pytest.approx(_g2_by_hand(a, b, c, d))
    assert row["g2"] == pytest.approx(3.4026, abs=1e-4)
    assert row["log_ratio"] == pytest.approx(math.log2((3 / 10) / (1 / 20)))
    assert row["specificity"] == pytest.approx(-math.log10(_upper_tail(3, 4, 10, 30)))
    # Russie never says coopération: negative G², and log ratio with 0 counted as 0.5
    ru = table.set_index(["target", "term"]).loc[("Russie", "coopération")]
    assert ru["g2"] == pytest.approx(-_g2_by_hand(0, 4, 10, 16))
    assert ru["log_ratio"] == pytest.approx(math.log2((0.5 / 10) / (4 / 20)))


def test_keyness_pair_uses_only_the_two_groups():
    tokens, statements, _ = _tiny()
    pair = speakers.speaker_keyness(tokens, statements, by="country", target="Chine", reference=["Kazakhstan"],
                                    min_count=1, min_words=1, correction="none")
    assert set(pair["target"]) == {"Chine"}
    row = pair.set_index("term").loc["coopération"]
    assert (row["n_target"], row["n_reference"], row["total_reference"]) == (3, 1, 10)
    assert row["g2"] == pytest.approx(_g2_by_hand(3, 1, 7, 9))
    assert "sécurité" not in set(pair["term"])  # Russian words are out of this comparison


def test_keyness_by_speaker_and_min_words():
    tokens, statements, _ = _tiny()
    table = speakers.speaker_keyness(tokens, statements, by="speaker", min_count=1, min_words=11)
    assert table.empty  # nobody has 11 words
    table = speakers.speaker_keyness(tokens, statements, by="speaker", min_count=1, min_words=10)
    assert set(table["target"]) == {"Xi Jinping (Chine)", "Kassym-Jomart Tokaïev (Kazakhstan)",
                                   "Sergueï Lavrov (Russie)"}


def test_shares_against_hand_computation():
    tokens, statements, docs = _tiny()
    share = speakers.reported_speech_share(tokens, statements, docs)
    row = share.loc["d1"]
    assert (row["n_words"], row["n_reported"]) == (35, 30)
    assert row["share_reported"] == pytest.approx(30 / 35)
    assert row["share_Chine"] == pytest.approx(10 / 35)
    assert row["share_Russie"] == pytest.approx(10 / 35)
    covered = sum(e - s for s, e in zip(statements["start"], statements["end"]))
    assert row["n_chars_reported"] == covered
    assert row["share_chars_reported"] == pytest.approx(covered / len(docs["text_clean"].iloc[0]))


def test_overlapping_statements_count_words_once():
    tokens, statements, docs = _tiny()
    doubled = pd.concat([statements, statements.iloc[[0]].assign(speaker="Wang Yi", speaker_id="wang_yi")],
                        ignore_index=True)
    quotes = speakers.count_quotes(doubled, tokens)
    assert quotes["n_words"].sum() == 30
    share = speakers.reported_speech_share(tokens, doubled, docs)
    assert share.loc["d1", "n_reported"] == 30


def test_similarity_identical_and_disjoint():
    tokens, statements, _ = _tiny()
    # a fourth statement repeating Xi's words exactly, by another speaker
    xi = tokens.iloc[:10].copy()
    offset = int(tokens["end"].max()) + 1
    xi["start"] += offset
    xi["end"] += offset
    tokens2 = pd.concat([tokens, xi], ignore_index=True)
    st2 = pd.concat([statements, statements.iloc[[0]].assign(
        speaker="Wang Yi", speaker_id="wang_yi", start=offset, end=int(xi["end"].max()))], ignore_index=True)
    S = speakers.speaker_similarity(tokens2, st2, min_words=5, stopwords=set())
    assert S.loc["Xi Jinping (Chine)", "Wang Yi (Chine)"] == pytest.approx(1.0)
    assert S.loc["Xi Jinping (Chine)", "Sergueï Lavrov (Russie)"] == pytest.approx(0.0, abs=1e-12)
    assert 0 < S.loc["Xi Jinping (Chine)", "Kassym-Jomart Tokaïev (Kazakhstan)"] < 1  # share "coopération" and "pays"
    np.testing.assert_allclose(S.to_numpy(), S.to_numpy().T)
    # grouped by country: China first, then Kazakhstan, then Russia
    assert [S.attrs["country"][s] for s in S.index] == ["Chine", "Chine", "Kazakhstan", "Russie"]


def test_formulas_file_terms_are_multiword_terms():
    from sinokaz_utils.nlp import read_multiwords

    mw = set(read_multiwords()["term"].str.lower())
    missing = set(speakers.read_formulas()["term"]) - mw
    assert not missing, f"formulas that the tokenizer never joins into one term: {missing}"


# ------------------------------------------------------------------------------------------
# on the seeds and corpus_dev


@pytest.fixture(scope="module")
def seeds():
    corpus_mod = pytest.importorskip("sinokaz_utils.corpus")
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.statements import extract_statements

    corpus = corpus_mod.load_corpus()
    return corpus.documents(), tokenize_corpus(corpus), extract_statements(corpus)


def test_quotes_and_shares_on_seeds(seeds):
    docs, tokens, statements = seeds
    quotes = speakers.count_quotes(statements, tokens)
    assert quotes["n_statements"].sum() == len(statements)
    assert quotes["share_words"].sum() == pytest.approx(1.0)
    assert {"Chine", "Kazakhstan"} <= set(quotes["country_name"])
    share = speakers.reported_speech_share(tokens, statements, docs)
    assert list(share.index) == sorted(docs["doc_id"])
    assert share["share_reported"].between(0, 1).all()
    country_cols = [c for c in share.columns if c.startswith("share_") and c not in
                    ("share_reported", "share_chars_reported")]
    assert share[country_cols].sum(axis=1).to_numpy() == pytest.approx(share["share_reported"].to_numpy())
    # words of one document, counted by hand from the statement spans
    doc_id = share.index[0]
    from sinokaz_utils.terms import name_terms

    toks = tokens[(tokens["doc_id"] == doc_id) & tokens["term"].notna() & ~tokens["is_punct"]]
    mine = statements.loc[statements["doc_id"] == doc_id]
    spans = list(zip(mine["start"], mine["end"], mine["speaker"], mine["cue"].str.lower()))

    def reported(s, t):
        holders = [sp for sp in spans if sp[0] <= s < sp[1]]
        if not holders:
            return False
        a, b, _, _ = max(holders, key=lambda sp: (sp[0], -sp[1]))  # the innermost statement owns the word
        # its speaker's name and cue, and those of statements overlapping it, are the journalist's words
        near = [sp for sp in spans if sp[0] < b and sp[1] > a]
        return t not in set().union(*[name_terms(sp[2]) | {sp[3]} for sp in near])

    assert share.loc[doc_id, "n_reported"] == sum(reported(s, t) for s, t in zip(toks["start"], toks["term"]))


def test_keyness_and_scatter_on_seeds(seeds):
    _, tokens, statements = seeds
    persons = statements[statements["speaker_type"] == "person"]
    table = speakers.speaker_keyness(tokens, persons, by="country", min_words=10)
    assert {"Chine", "Kazakhstan"} <= set(table["target"])
    both = table.pivot_table(index="term", columns="target", values="g2")
    # with two groups, one group's key words are the other's negative ones
    two = both[["Chine", "Kazakhstan"]].dropna()
    if set(persons["country"].dropna()) == {"CN", "KZ"}:
        np.testing.assert_allclose(two["Chine"], -two["Kazakhstan"])
    scatter = speakers.compare_term_frequencies(tokens, persons, x="Kazakhstan", y="Chine")
    assert scatter["label"].any()
    assert (scatter.loc[scatter["side"] == "Chine", "log_ratio"] >= 1).all()


def test_formulas_on_seeds(seeds):
    docs, tokens, statements = seeds
    formulas = speakers.find_formulas(tokens, statements, docs).set_index("formula")
    counts = tokens[tokens["doc_id"].isin(docs["doc_id"])]["term"].str.lower().value_counts()
    for formula, term in zip(speakers.read_formulas()["formula"], speakers.read_formulas()["term"]):
        assert formulas.loc[formula, "n_total"] == counts.get(term, 0)
        assert formulas.loc[formula, "n_total"] == formulas.loc[formula, "n_journalist"] + formulas.loc[formula, "n_reported"]
    assert formulas.loc["une seule Chine", "n_total"] >= 1
    assert formulas.loc["trois forces du mal", "n_total"] >= 1


def test_similarity_on_corpus_dev(corpus_dev):
    corpus_mod = pytest.importorskip("sinokaz_utils.corpus")
    from sinokaz_utils.nlp import tokenize_corpus
    from sinokaz_utils.statements import extract_statements

    corpus = corpus_mod.load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    tokens, statements = tokenize_corpus(corpus), extract_statements(corpus)
    persons = statements[statements["speaker_type"] == "person"]
    S = speakers.speaker_similarity(tokens, persons, min_words=30)
    assert len(S) >= 3
    np.testing.assert_allclose(np.diag(S.to_numpy()), 1.0)
    assert ((S.to_numpy() >= -1e-12) & (S.to_numpy() <= 1 + 1e-12)).all()
    quotes = speakers.count_quotes(persons, tokens, by="country")
    assert len(quotes) >= 2
