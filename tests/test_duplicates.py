"""Near-duplicates: syndicated copies flagged, different stories about one meeting kept apart."""
from __future__ import annotations

import pandas as pd

from sinokaz_utils.clean import clean_text
from sinokaz_utils.duplicates import containment, find_duplicate_pairs, mark_duplicates, shingles
from sinokaz_utils.read import read_file


def _cleaned(folder, names):
    return {n: clean_text(read_file(folder / f"{n}.txt", root=folder).text).text_clean for n in names}


def test_copy_with_different_debris_is_a_duplicate(raw_dir):
    text = (raw_dir / "003_280498be22c27ec9.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    # the same wire story on another site: its own share bar, stamp and signature, a line re-edited
    copy = "\n".join(["2024-03-30 10:20:25", "Partager", *lines[:4],
                      lines[4].replace("Pour sa part", "De son côté"), *lines[5:], "Temps mondiaux"])
    texts = {"a": clean_text(text).text_clean, "b": clean_text(copy).text_clean}
    pairs = find_duplicate_pairs(texts)
    assert [(a, b) for a, b, _ in pairs] == [("a", "b")]


def test_different_stories_about_wang_yi_meetings_are_not_merged(raw_dir):
    texts = _cleaned(raw_dir, [p.stem for p in sorted(raw_dir.glob("*.txt"))])
    assert find_duplicate_pairs(texts) == []


def test_canonical_rule_earliest_then_longest_then_smallest_id(raw_dir):
    text = clean_text((raw_dir / "003_280498be22c27ec9.txt").read_text(encoding="utf-8")).text_clean
    longer = text + "\nLes deux parties ont également échangé leurs vues sur les questions régionales."
    df = pd.DataFrame({"doc_id": ["c", "b", "a"], "published": pd.to_datetime([None, "2024-03-30", None]),
                       "text_clean": [text, text, longer]})
    assert mark_duplicates(df)["duplicate_of"].tolist() == ["b", None, "b"]  # earliest published
    df["published"] = pd.NaT
    assert mark_duplicates(df)["duplicate_of"].tolist() == ["a", "a", None]  # then the longest
    df["text_clean"] = text
    assert mark_duplicates(df)["duplicate_of"].tolist() == ["a", "a", None]  # then the smallest doc_id


def test_short_texts_never_match():
    assert find_duplicate_pairs({"a": "Partager cet article", "b": "Partager cet article"}) == []


def test_shingles_and_containment():
    a = shingles("Le président chinois Xi Jinping a rencontré mercredi à Xi’an", size=5)
    b = shingles("le président chinois Xi Jinping a rencontré mercredi à Xi'an, avec Tokaïev", size=5)
    assert containment(a, b) == 1.0 and containment(a, set()) == 0.0


def test_corpus_dev_copy_groups(corpus_dev):
    import csv

    raw = corpus_dev / "raw"
    names = [p.stem for p in sorted(raw.glob("*.txt"))]
    texts = _cleaned(raw, names)
    pairs = {(a, b) for a, b, _ in find_duplicate_pairs(texts)}
    groups = list(csv.DictReader(open(corpus_dev / "gold" / "duplicates.csv", encoding="utf-8")))
    allowed = [set(g["docs"].split()) for g in groups]
    for g in groups:
        if g["kind"] == "copy":
            a, b = sorted(g["docs"].split())
            assert (a, b) in pairs
    assert all(any({a, b} <= s for s in allowed) for a, b in pairs), pairs


def test_reedited_and_truncated_copy_is_still_a_duplicate(raw_dir):
    text = (raw_dir / "004_2217755a5c87da5a.txt").read_text(encoding="utf-8")
    paras = [p for p in clean_text(text).text_clean.split("\n") if p]
    # another site adds its own intro sentence and stops at 2,000 characters, as corpus_dev pages do
    intro = "Le vice-président chinois Wang Qishan était à Astana pour le sixième sommet de la CICA."
    copy = "\n".join([intro] + paras)[:2000]
    pairs = find_duplicate_pairs({"site_a": "\n".join(paras), "site_b": copy})
    assert [(a, b) for a, b, _ in pairs] == [("site_a", "site_b")]


def test_also_in_list_makes_one_story_of_a_reedited_copy(raw_dir):
    """Europresse's "Aussi paru dans" names the outlet and day of another version: that version
    is the same story even when re-editing left it below the containment threshold."""
    from sinokaz_utils.duplicates import also_in_pairs

    text = clean_text((raw_dir / "003_280498be22c27ec9.txt").read_text(encoding="utf-8")).text_clean
    paras = text.split("\n")
    # the web version kept the title and the lead, and was rewritten around them (here: with the
    # paragraphs of another article, which share no sentence with this one)
    other = clean_text((raw_dir / "001_7838cbda7f5bb796.txt").read_text(encoding="utf-8")).text_clean.split("\n")
    web = "\n".join([paras[0], paras[1], *other[2:8]])
    docs = pd.DataFrame({
        "doc_id": ["news·1", "web·2", "news·3"], "title": [paras[0], paras[0], "Autre titre"],
        "outlet": ["Le Monde", "Le Monde", "Le Monde"],
        "published": pd.to_datetime(["2024-03-31", "2024-03-30", "2024-03-30"]),
        "text_clean": [text, web, "Le président kazakh a reçu une délégation de la province du Xinjiang."],
        "also_in": ["30 mars 2024 - Le Monde (site web)", None, None]})
    assert containment(shingles(text), shingles(web)) < 0.6
    assert also_in_pairs(docs) == [("news·1", "web·2", 1.0)]
    marked = mark_duplicates(docs).set_index("doc_id")["duplicate_of"]
    assert marked["news·1"] == "web·2" and marked["web·2"] is None and marked["news·3"] is None


def test_also_in_on_the_real_export_agrees_with_the_texts(shared_dir):
    """On the real Europresse export, every pair the list names is also a pair of texts."""
    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.duplicates import also_in_pairs

    path = shared_dir / "exports" / "europresse"
    if not path.is_dir():
        import pytest

        pytest.skip("../shared/exports is absent")
    docs = load_corpus(path, cache_dir=None).docs
    pairs = also_in_pairs(docs)
    assert len(pairs) >= 3
    text = dict(zip(docs["doc_id"], docs["text_clean"]))
    assert all(containment(shingles(text[a]), shingles(text[b])) >= 0.3 for a, b, _ in pairs)
