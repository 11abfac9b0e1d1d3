"""The scorer of ../shared/tools/score.py on `sinokaz documents` (issue 2's thresholds) and `sinokaz
statements` output (issue 12: seeds, both halves of corpus_dev and corpus_press).

Runs the command line as a user would, then the scorer; skipped cleanly without ../shared.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest


def dev_halves(corpus_dev) -> dict[str, list[str]]:
    """corpus_dev split by site into two halves, the same on every machine (issue 13's discipline).

    Sites are the URL domains of ``urls.csv`` (``sinokaz_utils.clean.site_key``), taken in the
    order of their SHA-1; each goes to the half with fewer documents so far (``A`` on a tie).
    A cleaning or dating signal is developed on one half and kept only if it also holds on the
    other; the notes of each change report both.
    """
    import csv
    import hashlib

    from sinokaz_utils.clean import site_key

    with open(corpus_dev / "urls.csv", encoding="utf-8") as f:
        urls = {r["doc_id"]: r["url"] for r in csv.DictReader(f)}
    by_site: dict[str, list[str]] = {}
    for doc_id, url in sorted(urls.items()):
        by_site.setdefault(site_key(url=url), []).append(doc_id)
    halves: dict[str, list[str]] = {"A": [], "B": []}
    for site in sorted(by_site, key=lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest()):
        half = "A" if len(halves["A"]) <= len(halves["B"]) else "B"
        halves[half].extend(by_site[site])
    return {k: sorted(v) for k, v in halves.items()}


def _gold_subset(gold_dir, doc_ids, out_dir):
    """A copy of a gold folder holding only ``doc_ids``' rows (the scorer scores every gold row)."""
    import csv

    out_dir.mkdir(parents=True, exist_ok=True)
    with open(gold_dir / "documents.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = [r for r in reader if r["doc_id"] in set(doc_ids)]
        fields = reader.fieldnames
    with open(out_dir / "documents.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out_dir


def _documents(out, *args):
    cmd = [sys.executable, "-m", "sinokaz_utils.cli", "documents", *map(str, args), "--no-cache", "-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc


def _score(shared_dir, what, *args) -> list[str]:
    cmd = [sys.executable, str(shared_dir / "tools" / "score.py"), what, *map(str, args)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()


def _headline(line: str) -> dict:
    nums = dict(
        loaded=re.search(r"documents: (\d+)/(\d+) loaded", line).groups(),
        dates=re.search(r"dates right (\d+)/(\d+), wrong (\d+)", line).groups(),
        boilerplate=re.search(r"boilerplate left (\d+)/(\d+)", line).groups(),
        titles=re.search(r"titles (\d+)/(\d+)", line).groups(),
        content=re.search(r"content lost (\d+)/(\d+)", line).groups(),
    )
    return {k: tuple(map(int, v)) for k, v in nums.items()}


def test_seeds_with_metadata(shared_dir, tmp_path):
    out = tmp_path / "seeds.csv"
    _documents(out)  # the bundled corpus with data/metadata.csv
    lines = _score(shared_dir, "documents", "--gold", shared_dir / "gold" / "seeds", "--pred", out,
                   "--raw", shared_dir / "seeds")
    h = _headline(lines[-1])
    assert h["loaded"] == (5, 5)
    assert h["dates"] == (8, 8, 0), lines
    assert h["boilerplate"][0] == 0 and h["content"][0] == 0 and h["titles"] == (3, 3), lines


def test_seeds_without_metadata(shared_dir, tmp_path, raw_dir):
    """Text alone: no wrong date, no boilerplate left, no content lost, every headline.

    The seeds' texts date only 001 (a stamp and a weekday); the other dates come from the
    curated metadata (gold README: 'or curated metadata'), so they are unknown here, not wrong.
    """
    folder = tmp_path / "raw"
    shutil.copytree(raw_dir, folder)
    out = tmp_path / "seeds.csv"
    _documents(out, folder)
    lines = _score(shared_dir, "documents", "--gold", shared_dir / "gold" / "seeds", "--pred", out,
                   "--raw", shared_dir / "seeds")
    h = _headline(lines[-1])
    assert h["loaded"] == (5, 5)
    assert h["dates"][2] == 0 and h["dates"][0] >= 2, lines
    assert h["boilerplate"][0] == 0 and h["content"][0] == 0 and h["titles"] == (3, 3), lines


def test_corpus_dev_documents(corpus_dev, shared_dir, tmp_path):
    out = tmp_path / "dev.csv"
    _documents(out, corpus_dev / "raw", "--metadata", corpus_dev / "urls.csv")
    lines = _score(shared_dir, "documents", "--gold", corpus_dev / "gold", "--pred", out, "--raw", corpus_dev / "raw")
    h = _headline(lines[-1])
    n_files = len(list((corpus_dev / "raw").glob("*.txt")))
    assert h["loaded"] == (n_files, n_files)
    right, total, wrong = h["dates"]
    assert wrong == 0 and right >= 0.9 * total, lines
    left, bp_total = h["boilerplate"]
    assert left <= 0.05 * bp_total, lines
    lost, content_total = h["content"]
    assert lost <= 0.02 * content_total, lines

    dup = _score(shared_dir, "duplicates", "--gold", corpus_dev / "gold", "--pred", out)
    m = re.search(r"syndicated groups flagged (\d+)/(\d+), false merges (\d+)", dup[-1])
    flagged, groups, false = map(int, m.groups())
    assert flagged == groups and false == 0, dup


def test_corpus_dev_reformatted_scores_the_same(corpus_dev, shared_dir, tmp_path):
    """The same articles without blank lines, with CRLF, some in cp1252: same scores."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for i, path in enumerate(sorted((corpus_dev / "raw").glob("*.txt"))):
        text = "\r\n".join(line for line in path.read_text(encoding="utf-8").split("\n") if line.strip())
        try:
            data = text.encode("cp1252") if i % 3 == 0 else text.encode("utf-8")
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        (folder / path.name).write_bytes(data)
    out = tmp_path / "dev.csv"
    _documents(out, folder, "--metadata", corpus_dev / "urls.csv")
    lines = _score(shared_dir, "documents", "--gold", corpus_dev / "gold", "--pred", out, "--raw", corpus_dev / "raw")
    h = _headline(lines[-1])
    right, total, wrong = h["dates"]
    assert wrong == 0 and right >= 0.9 * total, lines
    assert h["boilerplate"][0] <= 0.05 * h["boilerplate"][1], lines
    assert h["content"][0] <= 0.02 * h["content"][1], lines


#: Page furniture of the kinds issue 13 found left on the pages of sites never seen, as page
#: templates print it: one template per site, on every page of the site. ``{stamp}`` is the
#: page's date line (in English, day-first numeric, or with the uploader's name); ``{banner}``
#: a banner the site repeats on every page (only sites with two pages or more can show one).
_TEMPLATES = [
    {"top": ["{banner}", "T+ T−", "{stamp:%B %-d, %Y}"], "credit": "Photo: Reuters",
     "bottom": ["Partager sur Facebook Partager sur Twitter", "***"]},
    {"top": ["{stamp:Publié le %d/%m/%Y à 10h15 par Aïcha Diallo}", "{banner}"], "credit": "(Getty Images)",
     "bottom": ["Share on Facebook Share on X Email", "Lire aussi :", "{other_titles}"]},
    {"top": ["Régions | Emploi | Annonces | Météo", "{stamp:%d.%m.%Y | 10:15}"], "credit": "Photo by Jane Smith/AFP",
     "bottom": ["• • •", "{banner}", "Facebook Twitter WhatsApp Telegram E-mail Imprimer"]},
]


def _framed_corpus(corpus_dev, out_dir):
    """corpus_dev with a page template per site around every article, and the matching gold."""
    import csv
    import datetime as dt
    import hashlib

    from sinokaz_utils.clean import site_key

    with open(corpus_dev / "urls.csv", encoding="utf-8") as f:
        urls = {r["doc_id"]: r["url"] for r in csv.DictReader(f)}
    with open(corpus_dev / "gold" / "documents.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        gold, fields = {r["doc_id"]: r for r in reader}, reader.fieldnames
    by_site: dict[str, list[str]] = {}
    for doc_id in sorted(urls):
        by_site.setdefault(site_key(url=urls[doc_id]), []).append(doc_id)
    raw = out_dir / "raw"
    raw.mkdir(parents=True)
    for site, ids in by_site.items():
        template = _TEMPLATES[int(hashlib.sha1(site.encode()).hexdigest(), 16) % len(_TEMPLATES)]
        banner = f"{site} recrute : rejoignez notre rédaction et devenez correspondant en Asie centrale !"
        for doc_id in ids:
            g = gold[doc_id]
            published = dt.date.fromisoformat(g["published"]) if g["published"] else None
            others = [gold[d]["title"] for d in ids if d != doc_id and gold[d]["title"]][:2]
            added = []
            for part in ("top", "bottom"):
                lines = []
                for line in template[part]:
                    if line.startswith("{stamp:"):
                        if published:
                            lines.append(published.strftime(line[7:-1]))
                    elif line == "{banner}":
                        if len(ids) > 1:
                            lines.append(banner)
                    elif line == "{other_titles}":
                        lines.extend(others)
                    else:
                        lines.append(line)
                added.append(lines)
            text = (corpus_dev / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")
            # the picture's credit below the headline, or above the lead where there is none
            at = 1 if g["title"] and text[0].strip() == g["title"].strip() else 0
            body = text[:at] + [template["credit"]] + text[at:]
            (raw / f"{doc_id}.txt").write_text("\n".join(added[0] + body + added[1]), encoding="utf-8")
            g["boilerplate_lines"] = " || ".join(filter(None, [g["boilerplate_lines"], *added[0], template["credit"],
                                                                *added[1]]))
    (out_dir / "gold").mkdir()
    with open(out_dir / "gold" / "documents.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(gold.values())
    return raw, out_dir / "gold"


def test_furniture_of_unseen_templates_on_both_halves(corpus_dev, shared_dir, tmp_path):
    """Issue 13's check on corpus_dev dressed in page templates: at most 5 % of the boilerplate
    left, at most 2 % of content lost, evidenced dates right (English and numeric stamps among
    them) and none wrong, titles right (a site's banner never one), on each half of the split."""
    raw, gold = _framed_corpus(corpus_dev, tmp_path / "framed")
    out = tmp_path / "framed.csv"
    _documents(out, raw, "--metadata", corpus_dev / "urls.csv")
    for half, ids in dev_halves(corpus_dev).items():
        lines = _score(shared_dir, "documents", "--gold", _gold_subset(gold, ids, tmp_path / half), "--pred", out,
                       "--raw", raw)
        h = _headline(lines[-1])
        right, total, wrong = h["dates"]
        assert wrong == 0 and right >= 0.9 * total, (half, lines)
        assert h["boilerplate"][0] <= 0.05 * h["boilerplate"][1], (half, lines)
        assert h["content"][0] <= 0.02 * h["content"][1], (half, lines)
        assert h["titles"][0] >= 0.95 * h["titles"][1], (half, lines)


def test_corpus_dev_halves_keep_their_scores(corpus_dev, shared_dir, tmp_path):
    out = tmp_path / "dev.csv"
    _documents(out, corpus_dev / "raw", "--metadata", corpus_dev / "urls.csv")
    for half, ids in dev_halves(corpus_dev).items():
        lines = _score(shared_dir, "documents", "--gold", _gold_subset(corpus_dev / "gold", ids, tmp_path / half),
                       "--pred", out, "--raw", corpus_dev / "raw")
        h = _headline(lines[-1])
        assert h["dates"][0] == h["dates"][1] and h["dates"][2] == 0, (half, lines)
        assert h["boilerplate"][0] == 0 and h["content"][0] == 0 and h["titles"][0] == h["titles"][1], (half, lines)


def test_corpus_press_documents(shared_dir, tmp_path):
    """Mainstream press from a database export (outlet and date from metadata.csv): no content
    lost, no wrong date, most of the page debris the export kept (captions beside their credits,
    credits glued to them, slide-show counters, cookie notices, 'Lire aussi' links, the headline of
    another article between paragraphs, the export's closing line) removed."""
    press = shared_dir / "corpus_press"
    if not (press / "raw").is_dir():
        pytest.skip("../shared/corpus_press is absent")
    out = tmp_path / "press.csv"
    _documents(out, press / "raw", "--metadata", press / "metadata.csv")
    lines = _score(shared_dir, "documents", "--gold", press / "gold", "--pred", out, "--raw", press / "raw")
    h = _headline(lines[-1])
    assert h["dates"][2] == 0 and h["content"][0] == 0, lines
    # issue 13 round 2 left 6 of 88 (half A 1/47, half B 5/41): a change that brings debris back fails here
    assert h["boilerplate"][0] <= 0.08 * h["boilerplate"][1], lines
    import csv

    with open(out, encoding="utf-8") as f:
        merged = {r["doc_id"]: r["duplicate_of"] for r in csv.DictReader(f) if r["duplicate_of"]}
    # the two pairs that are one story (gold README): p014 = p017 must be merged, p012 ~ p013 may
    assert set(merged.items()) - {("p013", "p012"), ("p012", "p013")} == {("p017", "p014")}


# --------------------------------------------------------------------------- statements (issue 12)
# Round 1 of the rules was written on half A of corpus_dev and corpus_press (tests/halves.py: split by
# site and by outlet) with half B only scored; round 2 was written on half B of corpus_press, with half
# A only scored (it went from 0.818/0.957 to 0.917/1.000). The floors are the figures measured when the
# rules were kept, a little below, so that a change that loses ground on either half fails here.
STATEMENT_FLOORS = {("corpus_dev", "A"): (0.95, 0.95), ("corpus_dev", "B"): (0.90, 0.95),
                    ("corpus_press", "A"): (0.89, 0.97), ("corpus_press", "B"): (0.94, 0.94)}
_METADATA = {"corpus_dev": "urls.csv", "corpus_press": "metadata.csv"}


def _statements(out, *args):
    cmd = [sys.executable, "-m", "sinokaz_utils.cli", "statements", *map(str, args), "--no-cache", "-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env={**os.environ, "SINOKAZ_JOBS": "1"})
    assert proc.returncode == 0, proc.stderr
    return out


def _figures(line: str) -> tuple[float, float]:
    m = re.search(r"precision ([\d.]+) .*recall ([\d.]+)", line)
    return float(m.group(1)), float(m.group(2))


@pytest.mark.parametrize("corpus", ["corpus_dev", "corpus_press"])
def test_statements_on_both_halves(shared_dir, tmp_path, corpus):
    from halves import score_half

    folder = shared_dir / corpus
    if not (folder / "raw").is_dir():
        pytest.skip(f"../shared/{corpus} is absent")
    pred = _statements(tmp_path / "statements.csv", folder / "raw", "--metadata", folder / _METADATA[corpus])
    for half in ("A", "B"):
        out = score_half(corpus, half, pred, shared=shared_dir)
        p, r = _figures(out.strip().splitlines()[-1])
        floor_p, floor_r = STATEMENT_FLOORS[(corpus, half)]
        assert p >= floor_p and r >= floor_r, (half, out)


def test_statements_on_seeds(shared_dir, tmp_path):
    pred = _statements(tmp_path / "statements.csv")
    lines = _score(shared_dir, "statements", "--gold", shared_dir / "gold" / "seeds", "--pred", pred)
    assert _figures(lines[-1]) == (1.0, 1.0), lines


def test_press_without_the_first_names_of_its_speakers(shared_dir, tmp_path, monkeypatch):
    """Held-out articles name people whose first names nobody wrote down: hide from the gender lexicon
    every first name of a corpus_press speaker and score again (the gains must not come from them)."""
    import csv

    import sinokaz_utils.statements.lexicons as lexicons
    from sinokaz_utils.actors import fold
    from sinokaz_utils.corpus import load_corpus
    from sinokaz_utils.statements import extract_statements

    folder = shared_dir / "corpus_press"
    if not (folder / "raw").is_dir():
        pytest.skip("../shared/corpus_press is absent")
    with open(folder / "gold" / "speakers.csv", encoding="utf-8", newline="") as f:
        first = {fold(r["name"]).split()[0] for r in csv.DictReader(f)}
    rows = list(csv.DictReader(open(lexicons.PERSON_GENDER_FILE, encoding="utf-8", newline="")))
    assert any(set(r["pattern"].split("|")) & first for r in rows if r["part"] == "first")  # the check hides some
    for r in rows:
        if r["part"] == "first":
            r["pattern"] = "|".join(n for n in r["pattern"].split("|") if n not in first)
    path = tmp_path / "person_gender.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    monkeypatch.setattr(lexicons, "PERSON_GENDER_FILE", path)
    lexicons._gender_patterns.cache_clear()
    try:
        corpus = load_corpus(folder / "raw", metadata=folder / "metadata.csv", cache_dir=None)
        pred = tmp_path / "statements.csv"
        extract_statements(corpus, cache_dir=None).to_csv(pred, index=False)
    finally:
        lexicons._gender_patterns.cache_clear()
    lines = _score(shared_dir, "statements", "--gold", folder / "gold", "--pred", pred)
    p, r = _figures(lines[-1])
    assert p >= 0.80 and r >= 0.76, lines
