"""The fast path changes no result: chunks on several cores give the rows of one stream, the
scorer's figures stay where they were before the performance work (issue 6), and exact copies
are grouped without comparing every pair. Speed itself is measured by ``python -m bench``,
never here."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

import sinokaz_utils.nlp as nlp
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.duplicates import find_duplicate_pairs, mark_duplicates
from sinokaz_utils.parallel import count_jobs, map_chunks
from sinokaz_utils.statements import extract_statements

#: The scorer's figures before the performance work (precision, recall); they must not drop.
SCORES = {"seeds": (1.000, 1.000), "corpus_dev": (0.982, 0.991)}


def _score(shared_dir, gold, statements, tmp_path) -> tuple[float, float, str]:
    pred = tmp_path / "statements.csv"
    statements.to_csv(pred, index=False)
    out = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), "statements", "--gold", str(gold),
                          "--pred", str(pred)], capture_output=True, text=True, check=True).stdout
    last = out.strip().splitlines()[-1]
    return float(last.split("precision ")[1].split()[0]), float(last.split("recall ")[1].split()[0]), out


@pytest.fixture(scope="module")
def dev_corpus(corpus_dev):
    return load_corpus(corpus_dev / "raw", metadata=corpus_dev / "urls.csv", cache_dir=None)


@pytest.fixture(scope="module")
def press_corpus(shared_dir):
    path = shared_dir / "corpus_press"
    if not (path / "raw").is_dir():
        pytest.skip("../shared/corpus_press is absent")
    return load_corpus(path / "raw", metadata=path / "metadata.csv", cache_dir=None)


@pytest.mark.parametrize("name", ["dev_corpus", "press_corpus"])
def test_chunks_on_two_cores_give_the_rows_of_one_stream(name, request, monkeypatch):
    # mainstream press has chunks in which the gazetteers find nobody: any chunking gives one schema
    corpus = request.getfixturevalue(name)
    monkeypatch.setenv("SINOKAZ_JOBS", "1")
    monkeypatch.setattr(nlp, "CHUNK_WORDS", 10**9)
    one_tokens = nlp.tokenize_corpus(corpus, cache_dir=None)
    one = extract_statements(corpus, cache_dir=None)
    monkeypatch.setenv("SINOKAZ_JOBS", "2")
    monkeypatch.setattr(nlp, "CHUNK_WORDS", 1500)
    assert len(nlp.chunk_documents(nlp.corpus_documents(corpus))) > 4
    pd.testing.assert_frame_equal(nlp.tokenize_corpus(corpus, cache_dir=None), one_tokens)
    pd.testing.assert_frame_equal(extract_statements(corpus, cache_dir=None), one)


def test_scores_do_not_drop_on_corpus_dev(shared_dir, corpus_dev, dev_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK_WORDS", 3000)  # several chunks, so the parallel path is what is scored
    p, r, out = _score(shared_dir, corpus_dev / "gold", extract_statements(dev_corpus, cache_dir=None), tmp_path)
    assert p >= SCORES["corpus_dev"][0] and r >= SCORES["corpus_dev"][1], out


def test_scores_do_not_drop_on_seeds(shared_dir, tmp_path):
    st = extract_statements(load_corpus(cache_dir=None), cache_dir=None)
    p, r, out = _score(shared_dir, shared_dir / "gold" / "seeds", st, tmp_path)
    assert p >= SCORES["seeds"][0] and r >= SCORES["seeds"][1], out


def test_map_chunks_keeps_order_on_two_workers(monkeypatch):
    monkeypatch.setenv("SINOKAZ_JOBS", "2")
    assert count_jobs(10) == 2 and count_jobs(1) == 1
    chunks = [list(range(i)) for i in range(12)]
    assert map_chunks(sum, chunks) == [sum(c) for c in chunks]


def test_replicated_copies_are_grouped_not_paired(raw_dir):
    # the benchmark's corpora: each real article copied many times under distinct ids
    texts = [p.read_text(encoding="utf-8") for p in sorted(raw_dir.glob("*.txt"))]
    n = 400
    docs = pd.DataFrame({"doc_id": [f"b{i:04d}" for i in range(n)], "published": [pd.NaT] * n,
                         "text_clean": [texts[i % len(texts)] for i in range(n)]})
    marked = mark_duplicates(docs)
    canon = marked.duplicate_of.isna()
    assert canon.sum() == len(set(texts))
    assert set(marked.loc[canon, "doc_id"]) == {f"b{i:04d}" for i in range(len(texts))}
    # the public list of pairs agrees with the groups on a small sample
    sample = {d: t for d, t in zip(docs.doc_id[:12], docs.text_clean[:12])}
    copies = Counter(sample.values()).values()
    assert len(find_duplicate_pairs(sample)) == sum(c * (c - 1) // 2 for c in copies)


@pytest.mark.parametrize("name", ["dev_corpus", "press_corpus"])
def test_statements_are_the_same_whether_the_tokens_were_cached_or_not(name, request, tmp_path):
    # built with the token table, the parser reads the tok2vec output of the token pass; with the
    # token table cached, the paragraphs are tagged again: both ways must give the same rows
    corpus = request.getfixturevalue(name)
    together = extract_statements(corpus, cache_dir=tmp_path / "together")
    nlp.tokenize_corpus(corpus, cache_dir=tmp_path / "apart")
    apart = extract_statements(corpus, cache_dir=tmp_path / "apart")
    assert len(together) > 100
    pd.testing.assert_frame_equal(together, apart)


def test_lemmas_from_the_table_are_the_lemmatizers_own(dev_corpus):
    # the token pass writes lemmas from a (form, part of speech) table filled by the model's own
    # lemmatizer; on real text every token must get the lemma the component would give it
    docs = nlp.corpus_documents(dev_corpus)
    model = nlp.processing_nlp()
    texts = [text for text, _ in nlp.iter_paragraphs(docs)]
    ours = [d for _, d in nlp.tag_paragraphs(docs)]
    theirs = list(model.pipe(texts, disable=nlp.TAGGER_DISABLE))
    pairs = [(a.lemma_, b.lemma_, a.text, a.pos_) for x, y in zip(ours, theirs) for a, b in zip(x, y)]
    assert len(pairs) > 10_000
    assert [p for p in pairs if p[0] != p[1]] == []


def test_meanwhile_runs_once_in_this_process_while_the_workers_compute(monkeypatch):
    import os

    monkeypatch.setenv("SINOKAZ_JOBS", "2")
    calls = []
    out = map_chunks(lambda c: (sum(c), os.getpid()), [[1, 2], [3], [4, 5]],
                     meanwhile=lambda: calls.append(os.getpid()))
    assert [s for s, _ in out] == [3, 3, 9]
    assert calls == [os.getpid()]
    assert os.getpid() not in {pid for _, pid in out}  # the chunks ran in the workers


def test_the_model_loads_while_the_corpus_is_cleaned(raw_dir, tmp_path, monkeypatch):
    # `sinokaz statements` passes processing_nlp as load_corpus's `meanwhile`: run when the
    # corpus is built, not when it is read from the cache
    monkeypatch.setenv("SINOKAZ_JOBS", "2")
    calls = []
    first = load_corpus(raw_dir, cache_dir=tmp_path, meanwhile=lambda: calls.append(1))
    again = load_corpus(raw_dir, cache_dir=tmp_path, meanwhile=lambda: calls.append(2))
    assert calls == [1]
    pd.testing.assert_frame_equal(first.docs, again.docs)


def test_workers_replaced_by_rounds_keep_the_order(monkeypatch):
    import os

    import sinokaz_utils.parallel as parallel

    monkeypatch.setenv("SINOKAZ_JOBS", "2")
    monkeypatch.setattr(parallel, "ROUND_CHUNKS", 1)  # a fresh pair of workers every two chunks
    out = map_chunks(lambda c: (sum(c), os.getpid()), [[i, i] for i in range(7)])
    assert [s for s, _ in out] == [2 * i for i in range(7)]
    assert len({pid for _, pid in out}) >= 4
