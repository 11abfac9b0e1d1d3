"""terms: the statistics against hand computation and scipy, the one voice rule, units and segments, the
term matrix, one keyness for keywords and speakers, collocates, and terms that are French words on the
bundled corpus, corpus_dev and corpus_press (skipped when ../shared is absent)."""
from __future__ import annotations

import gzip
import importlib.resources
import json
import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, hypergeom

from sinokaz_utils import keywords, speakers, terms
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.nlp import normalize_apostrophes, processing_nlp, read_multiwords, tokenize_corpus
from sinokaz_utils.statements import extract_statements


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
    assert terms.log_likelihood_g2(a, b, c, d, correction="none") == pytest.approx(g2_by_hand(a, b, c, d), rel=1e-12)


def test_g2_known_value_and_sign():
    assert float(terms.log_likelihood_g2(10, 2, 990, 998, correction="none")) == pytest.approx(5.8543, abs=1e-4)
    assert float(terms.log_likelihood_g2(2, 10, 998, 990, correction="none")) == pytest.approx(-5.8543, abs=1e-4)
    assert float(terms.log_likelihood_g2(25, 25, 1000, 1000, correction="none")) == pytest.approx(0.0, abs=1e-12)


def test_yates_correction_applies_only_to_small_expected_counts_as_in_quanteda():
    assert terms.log_likelihood_g2(10, 2, 990, 998) == pytest.approx(terms.log_likelihood_g2(10, 2, 990, 998, correction="none"))
    corrected = float(terms.log_likelihood_g2(4, 0, 96, 100))
    assert corrected == pytest.approx(g2_by_hand(3.5, 0.5, 96.5, 99.5), rel=1e-12)
    assert 0 < corrected < float(terms.log_likelihood_g2(4, 0, 96, 100, correction="none"))


def test_williams_correction_divides_by_q():
    a, b, c, d = 10, 2, 990, 998
    n = a + b + c + d
    q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    assert float(terms.log_likelihood_g2(a, b, c, d, correction="williams")) == pytest.approx(g2_by_hand(a, b, c, d) / q)
    with pytest.raises(ValueError):
        terms.log_likelihood_g2(1, 1, 1, 1, correction="bogus")


def test_log_ratio_is_log2_of_relative_frequencies_with_zero_as_half():
    assert float(terms.log_ratio(8, 2, 1000, 1000)) == pytest.approx(2.0)
    assert float(terms.log_ratio(8, 4, 1000, 500)) == pytest.approx(0.0)
    assert float(terms.log_ratio(0, 4, 1000, 1000)) == pytest.approx(math.log2(0.5 / 4))


@pytest.mark.parametrize("k,f,t,total", [(5, 6, 10, 100), (0, 30, 200, 1000), (12, 40, 100, 1000), (6, 60, 100, 1000),
                                         (3, 3, 50, 5000)])
def test_lafon_specificity_against_scipy_hypergeom(k, f, t, total):
    want = -math.log10(hypergeom.sf(k - 1, total, f, t)) if k >= f * t / total else math.log10(hypergeom.cdf(k, total, f, t))
    assert float(terms.lafon_specificity(k, f, t, total)) == pytest.approx(want, rel=1e-10)


def test_lafon_specificity_by_hand_on_a_small_urn():
    p = (math.comb(6, 5) * math.comb(94, 5) + math.comb(94, 4)) / math.comb(100, 10)
    assert float(terms.lafon_specificity(5, 6, 10, 100)) == pytest.approx(-math.log10(p), rel=1e-10)
    p0 = math.comb(970, 200) / math.comb(1000, 200)
    assert float(terms.lafon_specificity(0, 30, 200, 1000)) == pytest.approx(math.log10(p0), rel=1e-9)


# --------------------------------------------------------------------------- on the seeds

@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    cache = tmp_path_factory.mktemp("terms-cache")
    corpus = load_corpus(cache_dir=cache)
    statements = extract_statements(corpus, cache_dir=cache)
    return corpus.documents(), tokenize_corpus(corpus, cache_dir=cache), speakers.label_speakers(statements)


def test_words_and_terms(seeds):
    docs, tokens, _ = seeds
    words = terms.select_words(tokens)
    assert words["term"].notna().all() and not words["is_punct"].any()
    content = terms.select_terms(tokens)
    vocab = set(content["term"])
    assert {"la ceinture et la route", "xi jinping", "trois forces du mal"} <= vocab
    assert not {"le", "de", "contre", "à", "et"} & vocab  # stop and function words
    assert not any(re.fullmatch(r"[\d.,%\s]+", t) for t in vocab)  # numbers


def test_one_rule_gives_each_word_its_statement(seeds):
    docs, tokens, statements = seeds
    voiced = terms.assign_voice(tokens, statements)
    assert len(voiced) == len(terms.select_words(tokens))
    for label, st in statements.iloc[:10].iterrows():
        mine = voiced[(voiced["doc_id"] == st["doc_id"]) & (voiced["start"] >= st["start"]) & (voiced["start"] < st["end"])]
        assert mine["statement_id"].notna().all()
        # nested statements: the innermost (latest start) holds the word
        holders = statements[(statements["doc_id"] == st["doc_id"]) & (statements["start"] <= mine["start"].min())
                             & (statements["end"] > mine["start"].min())]
        assert mine["statement_id"].iloc[0] == holders.sort_values(["start", "end"], ascending=[False, True]).index[0]
    # the speaker's name and the cue inside a statement are the journalist's words
    attribution = voiced[voiced["is_attribution"]]
    assert (attribution["voice"] == terms.JOURNALIST).all() and len(attribution) > 0
    assert {"xi jinping", "déclarer"} & set(attribution["term"])
    units = terms.build_units(tokens, docs, unit="statement", statements=statements)
    for u in units.itertuples():
        assert not terms.name_terms(u.speaker) & set(u.terms), (u.speaker, u.terms)
    assert (voiced["voice"] == terms.REPORTED).sum() >= units["n_words"].sum() * 0.9


def test_units_of_every_kind(seeds):
    docs, tokens, statements = seeds
    words = len(terms.select_words(tokens[tokens["doc_id"].isin(docs["doc_id"])]))
    for unit in ("document", "paragraph", "segment"):
        u = terms.build_units(tokens, docs, unit=unit)
        assert u["n_words"].sum() == words, unit  # every word in exactly one unit
        assert u["unit_id"].is_unique
    voice = terms.build_units(tokens, docs, unit="voice", statements=statements)
    assert voice["n_words"].sum() == words and set(voice["voice"]) == {terms.REPORTED, terms.JOURNALIST}
    with pytest.raises(ValueError, match="statements"):
        terms.build_units(tokens, docs, unit="statement")


def test_segments_of_about_40_words_cut_at_sentence_ends(corpus_dev):
    corpus = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    docs, tokens = corpus.documents(), tokenize_corpus(corpus)
    seg = terms.build_units(tokens, docs, unit="segment", size=40)
    paras = terms.build_units(tokens, docs, unit="paragraph")
    assert seg["n_words"].sum() == paras["n_words"].sum()
    assert len(seg) > len(paras)
    assert seg["n_words"].max() <= 40 + 16  # size + window
    long = seg.merge(paras[["doc_id", "para_id", "n_words"]], on=["doc_id", "para_id"], suffixes=("", "_para"))
    cut = long[long["n_words_para"] > 56]
    # segments of long paragraphs are near 40 words and most end a sentence
    assert cut["n_words"].median() == pytest.approx(40, abs=8)
    ends = cut.groupby(["doc_id", "para_id"]).head(-1)  # the last segment of a paragraph ends it anyway
    assert ends["text"].str.rstrip().str.contains(r"[.!?…»\"]$|[,;:]$").mean() >= 0.8
    assert (seg["text"].str.len() > 0).all()


#: rainette's weights of the word a segment ends on, by the first character after it in the text
_RAINETTE = {".": 6.0, "!": 6.0, "?": 6.0, "…": 6.0, ":": 5.0, ";": 4.0, ",": 1.0}


def _weight_in_text(text: str, end: int) -> float:
    """The weight of a word ending at ``end``, read from the raw text: past blanks and closing quotes."""
    rest = text[end:].lstrip(" \u00a0\u202f\t»”\"’)]")
    return _RAINETTE.get(rest[:1], 0.01)


def test_segments_are_cut_where_rainette_cuts(corpus_dev):
    """Each cut inside a paragraph is the first best weight / (|k − 40| + 1) over k = 1…56, the weights read
    here from the cleaned text itself (sentence end 6, colon 5, semicolon 4, comma 1, else 0.01)."""
    corpus = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    docs, tokens = corpus.documents(), tokenize_corpus(corpus)
    texts = dict(zip(docs["doc_id"], docs["text_clean"]))
    seg = terms.build_units(tokens, docs, unit="segment", size=40, with_terms=False)
    words = terms.select_words(tokens[tokens["doc_id"].isin(docs["doc_id"])])
    words["end_at"] = words["term_end"].fillna(words["end"]).astype(int)
    penalty = np.abs(np.arange(1, 57) - 40) + 1.0
    checked = 0
    for (doc_id, para), units in seg.groupby(["doc_id", "para_id"], sort=False):
        if len(units) < 2:
            continue
        w = words[(words["doc_id"] == doc_id) & (words["para_id"] == para)]
        last_of_sentence = np.r_[w["sent_id"].to_numpy()[1:] != w["sent_id"].to_numpy()[:-1], True]
        weight = np.array([6.0 if last else _weight_in_text(texts[doc_id], e)
                           for e, last in zip(w["end_at"], last_of_sentence)])
        pos = 0
        for n in units["n_words"].iloc[:-1]:  # every segment but the paragraph's last ends on a cut
            score = weight[pos:pos + 56] / penalty[:len(weight[pos:pos + 56])]
            assert n == int(np.argmax(score)) + 1, (doc_id, para, pos, n)
            pos += n
            checked += 1
    assert checked >= 50
    # a closing quote inside a sentence is no sentence end (« l’indépendance de Taïwan » sous toutes ses formes)
    seeds_tokens = tokenize_corpus(load_corpus())
    marks = terms._end_marks(seeds_tokens)
    taiwan = seeds_tokens.index[(seeds_tokens["text"] == "Taïwan") & (seeds_tokens["text"].shift(-1) == "»")
                                & (seeds_tokens["text"].shift(-2) == "sous")]
    assert len(taiwan) and (marks[taiwan] == "").all()


def test_segments_take_their_voice_and_speaker_by_the_one_rule(seeds):
    docs, tokens, statements = seeds
    plain = terms.build_units(tokens, docs, unit="segment")
    voiced = terms.build_units(tokens, docs, unit="segment", statements=statements)
    # the statements change neither the cuts nor the words, only what is counted as a term
    assert list(plain["unit_id"]) == list(voiced["unit_id"]) and list(plain["n_words"]) == list(voiced["n_words"])
    words = terms.assign_voice(tokens[tokens["doc_id"].isin(docs["doc_id"])], statements)
    for u in voiced.itertuples():
        mine = words[(words["doc_id"] == u.doc_id) & (words["start"] >= u.start) & (words["start"] < u.end)]
        reported = mine[mine["voice"] == terms.REPORTED]
        assert u.n_reported == len(reported) and len(mine) == u.n_words
        assert u.voice == (terms.REPORTED if 2 * len(reported) >= len(mine) else terms.JOURNALIST)
        if len(reported):
            main = reported["statement_id"].value_counts()
            assert main[u.statement_id] == main.max()
            assert u.country_name == statements.loc[u.statement_id, "country_name"]
        else:
            assert pd.isna(u.statement_id) and pd.isna(u.country_name)
    assert {terms.REPORTED, terms.JOURNALIST} == set(voiced["voice"])
    assert {"Chine", "Kazakhstan"} <= set(voiced["country_name"].dropna())


def test_the_attribution_clause_is_left_out_of_segment_terms(seeds):
    """"…, a souligné Wang Qishan" says who speaks: in the statement's sentence, the speaker's name (and cue)
    is no term of the segment; the same name elsewhere ("la visite de Xi Jinping") stays one."""
    docs, tokens, statements = seeds
    words = terms.assign_voice(tokens[tokens["doc_id"].isin(docs["doc_id"])], statements)
    marked = terms.attribution_in_sentences(words, statements)
    assert marked.any() and (words.loc[marked, "voice"] == terms.JOURNALIST).all()
    sentences = {(d, s) for d, s in zip(statements["doc_id"], statements["sentence_id"])}
    for st in statements.itertuples():  # and the sentences a statement runs over
        inside = words[(words["doc_id"] == st.doc_id) & (words["start"] >= st.start) & (words["start"] < st.end)]
        sentences |= {(st.doc_id, s) for s in inside["sent_id"]}
    for row in words[marked].itertuples():
        assert (row.doc_id, row.sent_id) in sentences
        theirs = statements.loc[statements["doc_id"] == row.doc_id, "speaker"]
        names = set().union(*(terms.name_terms(n) for n in theirs))
        cues = set(statements.loc[statements["doc_id"] == row.doc_id, "cue"].str.lower())
        assert row.term in names | cues, row.term
    plain = terms.term_matrix(tokens, docs, unit="segment").frequencies()
    voiced = terms.term_matrix(tokens, docs, unit="segment", statements=statements).frequencies()
    assert voiced.get("wang qishan", 0) == 0 < plain["wang qishan"]  # quoted all along, named only as a speaker
    assert 0 < voiced["xi jinping"] < plain["xi jinping"]  # also the subject of visits and proposals
    # nothing else changes: every other term keeps its count
    lost = plain.sub(voiced.reindex(plain.index, fill_value=0))
    assert (lost >= 0).all()
    speakers_and_cues = set().union(*(terms.name_terms(n) for n in statements["speaker"])) | set(statements["cue"])
    assert set(lost[lost > 0].index) <= speakers_and_cues


def test_term_matrix_groups_by_any_values(seeds):
    docs, tokens, _ = seeds
    m = terms.term_matrix(tokens, docs, unit="segment")
    by_column = m.group("doc_id")
    by_values = m.group(m.units["doc_id"].rename("article"))
    np.testing.assert_array_equal(by_column.matrix.toarray(), by_values.matrix.toarray())
    assert by_values.meta["grouped_by"] == "article"
    assert list(by_values.units["article"]) == list(by_column.units["doc_id"])
    # classes are numbers: 1, 2, …, 10 in that order; units without a value are left out
    labels = pd.array([(i % 11) + 1 if i % 5 else pd.NA for i in range(len(m.units))], dtype="Int64")
    g = m.group(pd.Series(labels, name="classe"))
    assert list(g.units["unit_id"]) == [str(i) for i in range(1, 12)]
    assert g.meta["ungrouped_units"] == int(pd.isna(labels).sum())
    assert g.matrix.sum() == m.matrix[~np.asarray(pd.isna(labels))].sum()
    with pytest.raises(ValueError, match="groupes pour .* unités"):
        m.group(labels[:-1])


def test_term_matrix_group_and_trim(seeds):
    docs, tokens, statements = seeds
    m = terms.term_matrix(tokens, docs, unit="paragraph")
    assert m.matrix.shape == (len(m.units), len(m.terms))
    assert "outlet" in m.units.columns and "title" in m.units.columns  # document metadata joined
    assert m.units["n_terms"].sum() == len(terms.select_terms(tokens[tokens["doc_id"].isin(docs["doc_id"])]))
    g = m.group("doc_id")
    np.testing.assert_array_equal(g.matrix.sum(axis=0), m.matrix.sum(axis=0))
    assert list(g.units["n_units"]) == list(m.units.groupby("doc_id").size().reindex(g.units["doc_id"]))
    t = m.trim(min_count=3, min_docfreq=2)
    assert (np.asarray(t.matrix.sum(axis=0)).ravel() >= 3).all()
    assert (np.asarray((t.matrix > 0).sum(axis=0)).ravel() >= 2).all()
    with pytest.raises(KeyError):
        m.group("nonexistent")


def test_keyness_of_notebooks_20_and_40_is_one_function_with_the_same_counts(seeds):
    docs, tokens, statements = seeds
    persons = statements[statements["speaker_type"] == "person"]
    k40 = speakers.speaker_keyness(tokens, persons, by="country", min_count=1, min_words=1, documents=docs)
    m = terms.term_matrix(tokens, docs, unit="statement", statements=persons)
    k = terms.score_keyness(m, by="country_name", min_count=1, min_words=1)
    pd.testing.assert_frame_equal(k40.reset_index(drop=True), k.reset_index(drop=True))
    # the reported speech of notebook 20 is the sum of the statements of notebook 40
    k20 = keywords.compare_keyness(tokens, docs, by="voice", statements=statements, min_count=1)
    reported = k20[k20["target"] == terms.REPORTED].set_index("term")["n_target"]
    all_st = terms.term_matrix(tokens, docs, unit="statement", statements=statements).frequencies()
    common = reported.index.intersection(all_st.index)
    assert len(common) > 50
    assert (reported.loc[common] == all_st.loc[common]).all()
    row = k.iloc[0]
    a, b = row.n_target, row.n_reference
    assert row.g2 == pytest.approx(float(terms.log_likelihood_g2(a, b, row.total_target - a, row.total_reference - b)))
    assert row.p == pytest.approx(chi2.sf(abs(row.g2), 1))


def test_keyness_target_against_a_named_reference(seeds):
    docs, tokens, statements = seeds
    m = terms.term_matrix(tokens, docs, unit="statement", statements=statements).group("country_name")
    pair = terms.score_keyness(m, target="Chine", reference=["Kazakhstan"], min_count=1)
    assert set(pair["target"]) == {"Chine"} and set(pair["reference"]) == {"Kazakhstan"}
    f = m.to_frame()
    assert pair["total_target"].iloc[0] == f.loc["Chine"].sum()
    assert pair["total_reference"].iloc[0] == f.loc["Kazakhstan"].sum()
    with pytest.raises(ValueError, match="'Atlantide' n'est pas un groupe"):
        terms.score_keyness(m, target="Atlantide")


def test_collocates_with_a_g2_threshold(seeds):
    docs, tokens, _ = seeds
    table = terms.find_collocates(tokens, "coopération", window=5, min_count=2, documents=docs)
    assert len(table) > 0 and (table["n_pair"] >= 2).all()
    assert (table["g2"] >= terms.G2_05).all() and (table["p"] < 0.05).all()
    assert table["g2"].is_monotonic_decreasing and "coopération" not in set(table["collocate"])
    loose = terms.find_collocates(tokens, "coopération", window=5, min_count=1, min_g2=0, documents=docs)
    assert len(loose) > len(table)
    assert terms.find_collocates(tokens, "motquinexistepas").empty
    # a neighbour shared by two close occurrences of the node counts once: never more
    # co-occurrences than occurrences (corpus_dev's « élargir » read 7 / 6 before)
    assert (loose["n_pair"] <= loose["n_collocate"]).all()


def test_collocates_never_outnumber_their_occurrences_on_corpus_dev(corpus_dev):
    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.nlp import tokenize_corpus

    corpus = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    tokens = tokenize_corpus(corpus)
    table = terms.find_collocates(tokens, "coopération", window=5, min_count=1, min_g2=0,
                                  documents=corpus.documents())
    assert len(table) > 50 and (table["n_pair"] <= table["n_collocate"]).all()


def test_collocation_candidates(seeds):
    _, tokens, _ = seeds
    col = terms.find_collocations(tokens, min_count=3, n=20)
    assert list(col.columns) == ["w1", "w2", "n_pair", "g2", "p"]
    assert (col["n_pair"] >= 3).all() and col["g2"].is_monotonic_decreasing
    known = set(read_multiwords().term)
    assert not any(f"{a} {b}" in k for a, b in zip(col["w1"], col["w2"]) for k in known)


# --------------------------------------------------------------------------- terms that are words

def _french_words() -> set[str]:
    """French words from two dictionaries: pyspellchecker's French list, and the lemmas and forms of
    the model's lexicon (its lookup table and lemma index, from Lefff), never the outputs of its
    suffix rules (which is where "résolumer" comes from)."""
    spell = pytest.importorskip("spellchecker")
    path = importlib.resources.files(spell.__name__) / "resources" / "fr.json.gz"
    with gzip.open(path) as f:
        words = set(json.load(f))
    lookups = processing_nlp().get_pipe("lemmatizer").lookups
    for lemmas in lookups.get_table("lemma_lookup").values():
        words.update(lemmas if isinstance(lemmas, list) else [lemmas])
    for forms in lookups.get_table("lemma_index").values():
        words.update(forms)
    return {_norm(w) for w in words}


def _norm(s: str) -> str:
    return normalize_apostrophes(str(s)).lower().replace("œ", "oe")


def _check_terms(corpus, tokens):
    """Return the terms of every analysis that are neither French words nor words of the corpus,
    and the pieces of gazetteer names that stand alone."""
    from sinokaz_utils.nlp import _read_gazetteer_names

    docs = corpus.documents()
    tokens = tokens[tokens["doc_id"].isin(docs["doc_id"])]
    french = _french_words()
    text = _norm(" ".join(docs["text_clean"]))
    surface = set(re.findall(r"\w+(?:[-']\w+)*", text)) | set(re.findall(r"\w+(?:-\w+)*", text)) | set(re.findall(r"\w+", text))
    curated = {_norm(t) for t in read_multiwords().term} | {_norm(c) for _, c, _ in _read_gazetteer_names()}
    lookup = processing_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    content = terms.select_terms(tokens)
    forms = content.groupby("term")["text"].agg(lambda s: {normalize_apostrophes(x).lower() for x in s})
    bad = []
    for term, seen in forms.items():
        t = _norm(term)
        if t in curated or t in text.split() or all(w in french or w in surface for w in t.split()):
            continue
        # a lemma a French dictionary (spaCy's lookup table) gives to a form of the corpus
        if any((lookup.get(f) or [None])[0] == term for f in seen):
            continue
        bad.append(term)
    vocab = set(content["term"])
    pieces = set()
    for label, canonical, name in _read_gazetteer_names():
        words = re.split(r"[\s-]+", _norm(canonical))
        if label == "PER" and len(words) > 1:
            pieces |= set(words)
    return bad, vocab & pieces, vocab


def _assert_words(corpus, tokens):
    bad, pieces, vocab = _check_terms(corpus, tokens)
    assert not bad, f"terms that are no French word nor a word of the corpus: {bad}"
    assert not pieces, f"person names cut into pieces: {sorted(pieces)}"
    assert not {"résolumer", "activemer", "party", "oc", "contre"} & vocab
    return vocab


def test_terms_are_words_on_the_seeds(seeds):
    corpus = load_corpus()
    vocab = _assert_words(corpus, tokenize_corpus(corpus))
    assert {"xi jinping", "kassym-jomart tokaïev", "mettre en œuvre"} <= vocab
    assert "œuvre" not in vocab  # "mettra pleinement en œuvre", "mise en œuvre"


def test_terms_are_words_on_corpus_dev(corpus_dev):
    corpus = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    vocab = _assert_words(corpus, tokenize_corpus(corpus))
    assert "mise en œuvre" in vocab


def test_terms_are_words_on_corpus_press(shared_dir):
    press = shared_dir / "corpus_press"
    corpus = load_corpus(press / "raw", metadata=press / "metadata.csv")
    _assert_words(corpus, tokenize_corpus(corpus))


def test_figures_write_the_terms_as_the_corpus_writes_them(corpus_dev):
    # the counts use lower-cased lemmas; a reader sees « Irtych », « État », « Roman Sklyar »
    from sinokaz_utils import labels
    from sinokaz_utils.nlp import written_forms

    corpus = load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv")
    tokens = tokenize_corpus(corpus)
    forms = written_forms(tokens)
    assert forms["irtych"] == "Irtych" and forms["état"] == "État" and forms["roman sklyar"] == "Roman Sklyar"
    assert forms["pib"] == "PIB"
    # common nouns stay as they are, and a headline in capitals (« COOPERATION ») capitalises nothing
    assert not {"coopération", "cooperation", "economique", "développement"} & set(forms)
    assert labels.term_label("irtych") == "Irtych" and labels.term_label("coopération") == "coopération"
    # a lexicon's form wins over the corpus's
    assert labels.term_label("organisation de coopération de shanghai") == "Organisation de coopération de Shanghai"


def test_the_unit_of_a_number_is_not_a_term(shared_dir):
    # « 13 h 30 », « 400 km », « 4 GW » in corpus_press and corpus_dev: quantities, not vocabulary (the
    # model reads « h » as « heure »: a TV listing of the Europresse export made it 2022's first keyword)
    press, dev = shared_dir / "corpus_press", shared_dir / "corpus_dev"
    if not (press / "raw").is_dir():
        pytest.skip("../shared/corpus_press is absent")
    for folder, meta in ((press, "metadata.csv"), (dev, "urls.csv")):
        tokens = tokenize_corpus(load_corpus(folder / "raw", metadata=folder / meta))
        words = terms.select_words(tokens)
        after_number = words["text"].shift(1).astype(str).str.fullmatch(r"\d+").fillna(False).to_numpy()
        units = words[after_number & words["text"].str.lower().isin(terms.UNIT_ABBREVIATIONS).to_numpy()]
        assert len(units) >= 1, folder  # the corpus has them: the check below can fail
        kept = terms.select_terms(tokens)
        assert not set(zip(units.doc_id, units.token_id)) & set(zip(kept.doc_id, kept.token_id))
    # the word itself stays a term (« pendant des heures »)
    assert "heure" in set(kept["term"]) or "heure" in set(terms.select_terms(tokenize_corpus(
        load_corpus(press / "raw", metadata=press / "metadata.csv")))["term"])
