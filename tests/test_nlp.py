"""nlp: the token table on the bundled articles (offsets, elisions, multiword terms and names, lemma
corrections, sentences), stop words, the cache and the one-load-per-process pipeline."""
from __future__ import annotations

import pandas as pd
import pytest

from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.nlp import (TOKEN_COLUMNS, correct_lemma, load_nlp, read_lemma_corrections, read_multiwords,
                               sentences_table, split_paragraphs, stopwords, tokenize_corpus)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("nlp-cache")


@pytest.fixture(scope="module")
def corpus(cache):
    return load_corpus(cache_dir=cache)


@pytest.fixture(scope="module")
def tokens(corpus, cache):
    return tokenize_corpus(corpus, cache_dir=cache)


@pytest.fixture(scope="module")
def texts(corpus):
    docs = corpus.documents(include_duplicates=True, language=None)
    return dict(zip(docs.doc_id, docs.text_clean))


def _tokens_of(tokens, texts, doc_id, sentence):
    """Token rows covering ``sentence`` (a real sentence of that document)."""
    start = texts[doc_id].index(sentence)
    t = tokens[tokens.doc_id == doc_id]
    return t[(t.start >= start) & (t.end <= start + len(sentence))]


def test_columns_and_every_document(tokens, corpus):
    assert list(tokens.columns) == TOKEN_COLUMNS
    assert set(tokens.doc_id) == set(corpus.documents(include_duplicates=True, language=None).doc_id)


def test_offsets_cut_the_token_text_from_text_clean(tokens, texts):
    for row in tokens.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_elisions_split_with_typographic_apostrophe(tokens, texts):
    # 000: curly apostrophes; the model was trained on straight ones
    rows = _tokens_of(tokens, texts, "000_2fa27e3e7f02c325",
                      "Selon une déclaration conjointe sur le 30e anniversaire de l’établissement des relations "
                      "diplomatiques")
    assert ["l’", "établissement"] == [t for t in rows.text if t in ("l’", "établissement")]
    assert rows.set_index("text").loc["l’", "lemma"] == "le"
    assert rows.set_index("text").loc["établissement", "pos"] == "NOUN"


def test_elisions_split_with_straight_apostrophe(tokens, texts):
    rows = _tokens_of(tokens, texts, "001_7838cbda7f5bb796",
                      "Il s'est dit convaincu que les succès chinois correspondaient également aux intérêts "
                      "du Kazakhstan.")
    assert {"s'", "qu'"} & set(rows.text) == {"s'"}
    assert rows.set_index("text").loc["que", "lemma"] == "que"
    assert rows.set_index("text").loc["correspondaient", "term"] == "correspondre"


def test_multiword_expressions_are_one_term(tokens, texts):
    rows = _tokens_of(tokens, texts, "000_2fa27e3e7f02c325",
                      "Les deux parties sont prêtes à réprimer conjointement les «\u00a0trois forces du mal\u00a0»")
    assert "trois forces du mal" in set(rows.term)
    assert not {"force", "mal"} & set(rows.term)
    # the term sits on the expression's first token and ends where the expression ends
    head = rows[rows.term == "trois forces du mal"].iloc[0]
    assert texts["000_2fa27e3e7f02c325"][head.start:head.term_end] == "trois forces du mal"
    assert rows[(rows.start > head.start) & (rows.end <= head.term_end)].term.isna().all()
    terms = set(tokens.term.dropna())
    assert {"la ceinture et la route", "partenariat stratégique global permanent", "une seule chine",
            "organisation de coopération de shanghai", "communauté de destin"} <= terms
    # a variant maps to its canonical term
    assert read_multiwords().set_index("expression").loc["Ceinture et Route", "term"] == "la ceinture et la route"


def test_sentences_never_cut_before_a_name(tokens, texts):
    # the small model's senter cuts "proposée par le président | Xi en 2013"
    sentence = ("La Ceinture économique de la Route de la Soie, proposée par le président Xi en 2013, a bénéficié "
                "aux pays de la région, a estimé M. Nazarbaïev")
    rows = _tokens_of(tokens, texts, "001_7838cbda7f5bb796", sentence)
    assert rows.sent_id.nunique() == 1


def test_sentence_table_spans(tokens, texts):
    sents = sentences_table(tokens)
    assert (sents.groupby("doc_id").sent_id.apply(lambda s: s.is_monotonic_increasing)).all()
    first = sents[sents.doc_id == "003_280498be22c27ec9"].iloc[1]
    assert texts["003_280498be22c27ec9"][first.start:first.end].startswith("Le ministre chinois des Affaires")


def test_split_paragraphs_offsets():
    text = "Titre\n\nLe président kazakh Kassym-Jomart Tokaïev a rencontré samedi Wang Yi."
    paras = split_paragraphs(text)
    assert [p for _, _, p in paras] == ["Titre", text.split("\n")[2]]
    assert all(text[s:s + len(p)] == p for _, s, p in paras)


def test_gazetteer_entity_types(tokens, texts):
    rows = _tokens_of(tokens, texts, "004_2217755a5c87da5a",
                      "Le vice-président chinois Wang Qishan a rencontré le président kazakh Kassym-Jomart Tokayev "
                      "jeudi à Astana")
    ents = rows.set_index("text").ent_type
    assert ents["Qishan"] == "PER" and ents["Astana"] == "LOC"
    assert pd.isna(ents["rencontré"])


def test_stopwords_spacy_and_domain():
    sw = stopwords()
    assert {"le", "de", "qu'"} <= sw  # spaCy's list
    assert {"m.", "xinhua"} <= sw  # the domain list in data/lexicons
    assert "kazakhstan" not in sw


def test_stop_and_punct_flags(tokens):
    assert tokens[tokens.is_punct].term.isna().all()
    assert tokens[tokens.text == "Kazakhstan"].is_stop.eq(False).all()


def test_gazetteer_names_are_one_term_under_their_canonical_name(tokens, texts):
    rows = _tokens_of(tokens, texts, "004_2217755a5c87da5a",
                      "Le vice-président chinois Wang Qishan a rencontré le président kazakh Kassym-Jomart Tokayev "
                      "jeudi à Astana")
    terms = set(rows.term.dropna())
    assert {"wang qishan", "kassym-jomart tokaïev", "astana"} <= terms  # "Tokayev" is an alias
    assert not {"wang", "qishan", "kassym", "jomart", "tokayev"} & terms
    # "M. Xi" and "le président Xi" are Xi Jinping: a short name no other person shares
    assert not {"xi", "jinping"} & set(tokens.term.dropna())
    assert "xi jinping" in set(tokens.term)


def test_lemma_corrections_carry_the_models_error_classes():
    assert {"invented_lemma", "acronym", "french_plural"} <= set(read_lemma_corrections().rule)
    assert correct_lemma("résolument", "résolumer") == "résolument"   # suffix rule of a verb on an adverb
    assert correct_lemma("activement", "activemer") == "activement"
    assert correct_lemma("OCS", "oc") == "ocs"                       # a sigle keeps its form
    assert correct_lemma("parties", "party") == "partie"             # French plural, not English
    assert correct_lemma("stories", "story") == "story"              # no French singular "storie"
    assert correct_lemma("affirment", "affirmer") == "affirmer"      # a real verb keeps its lemma
    assert correct_lemma("terroristes", "terroriste") == "terroriste"


def test_lemma_corrections_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "lemmas.csv"
    bad.write_text("rule,form,replacement\nguess,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lemmas.csv : règle.* inconnue.* guess"):
        read_lemma_corrections(bad)


def test_cache_returns_the_same_table(corpus, cache, tokens):
    again = tokenize_corpus(corpus, cache_dir=cache)
    pd.testing.assert_frame_equal(again, tokens)
    assert any(p.name.startswith("tokens-") for p in cache.iterdir())


def test_pipeline_loaded_once_per_disable_set():
    a = load_nlp(disable=("parser", "ner"))
    assert a is load_nlp(disable=("ner", "parser"))
    assert "senter" in a.pipe_names and "parser" not in a.pipe_names
    assert "parser" in load_nlp().pipe_names
