"""Property-based tests: reading, cleaning, dating and statement extraction never fail on any text.

Texts are drawn from the real articles of the bundled corpus (their lines, sentences and
boilerplate), cut, re-encoded, mixed with arbitrary Unicode and bytes. The "ci" hypothesis
profile keeps the run short; ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``) runs 10,000 examples
of each property. Test names start with ``test_property_`` so that ``-k property`` selects them.
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import ftfy
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from sinokaz_utils.clean import clean_text
from sinokaz_utils.config import RAW_DIR
from sinokaz_utils.dates import MAX_YEAR, MIN_YEAR, MONTHS, date_from_url, extract_facts, make_date, parse_date
from sinokaz_utils.read import UndecodableError, decode_bytes, normalize_text, read_documents, read_html

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(RAW_DIR.glob("*.txt"))]
SEED_LINES = sorted({line for t in SEED_TEXTS for line in t.split("\n")})
SEED_SENTENCES = sorted({s.strip() for t in SEED_TEXTS for s in re.split(r"(?<=[.!?»])\s+", t) if s.strip()})
MONTH_NAMES = sorted(MONTHS)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-32"]

_N = settings.default.max_examples
#: statement extraction runs the parser: fewer examples in CI, the full count under ``make fuzz``
STATEMENT_EXAMPLES = _N if _N >= 10_000 else min(_N, 10)

# --------------------------------------------------------------------------- strategies

odd_chars = st.sampled_from(["\u200b", "\u00a0", "\u202f", "\ufeff", "\x00", "\x07", "\r", "\r\n", "\t", "\u2028",
                             "«", "»", "’", "\u0301", "\ud7ff", "\U0001f600", "<", ">", "&amp;", "Ã©", "\\"])


@st.composite
def article_texts(draw) -> str:
    """A text made of real seed lines and sentences, cut and mixed with odd characters."""
    parts = draw(st.lists(st.one_of(
        st.sampled_from(SEED_LINES),
        st.sampled_from(SEED_SENTENCES),
        st.text(max_size=80),
        odd_chars,
        st.builds(lambda s, a, b: s[min(a, b):max(a, b)], st.sampled_from(SEED_LINES),
                  st.integers(0, 400), st.integers(0, 400)),
    ), max_size=25))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", " ", "", "\r\n", "\r"]), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@st.composite
def file_bytes(draw) -> bytes:
    """Bytes a corpus file may hold: encoded real text, damaged, or arbitrary."""
    kind = draw(st.sampled_from(["encoded", "damaged", "binary"]))
    if kind == "binary":
        return draw(st.binary(max_size=3000))
    text = draw(article_texts())
    enc = draw(st.sampled_from(ENCODINGS))
    data = text.encode(enc, errors="replace")
    if kind == "damaged" and data:
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:cut if cut > at else len(data)]
    return data


@st.composite
def date_texts(draw) -> str:
    """Sentences with dates, possible or not, in the forms French news uses."""
    d, m, y = draw(st.integers(0, 40)), draw(st.integers(0, 14)), draw(st.integers(1900, 2100))
    h, mi = draw(st.integers(0, 30)), draw(st.integers(0, 99))
    month = draw(st.sampled_from(MONTH_NAMES))
    forms = [f"{d} {month} {y}", f"{d}er {month} {y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y}",
             f"{d}/{m}/{y}", f"{d}/{m}", f"{d} {month}", f"{h}h{mi:02d}", f"{h}:{mi:02d}",
             f"Dernière mise à jour à {h}h{mi:02d} le {d}/{m}", f"{y}-{m:02d}-{d:02d} {h}:{mi:02d}:{mi:02d}",
             f"BEIJING, {d} {month} (Xinhua) --", f"ASTANA, {d} {month} {y} (Xinhua) -",
             "31 février 2024", "25h70", "le 30 février", "jeudi", "samedi dernier", "mercredi"]
    bits = draw(st.lists(st.one_of(st.sampled_from(forms), st.sampled_from(SEED_SENTENCES), st.text(max_size=20)),
                         min_size=1, max_size=6))
    return draw(st.sampled_from(["\n", " ", ", "])).join(bits)


urls = st.one_of(
    st.none(), st.text(max_size=60),
    st.builds(lambda host, y, m, d, rest: f"http://{host}/{y}{m}/{d}/{rest}",
              st.sampled_from(["french.news.cn", "french.peopledaily.com.cn", "french.cri.cn", "x.kz"]),
              st.integers(0, 3000), st.integers(0, 20), st.integers(0, 40), st.text(max_size=10)),
    st.builds(lambda y, m, d: f"https://french.news.cn/{y}-{m}/{d}/c_1.htm",
              st.integers(0, 3000), st.integers(0, 20), st.integers(0, 40)),
)


def _assert_valid_date(value) -> None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return
    assert isinstance(value, dt.date)
    assert MIN_YEAR <= value.year <= MAX_YEAR


# --------------------------------------------------------------------------- reading


@given(file_bytes(), st.sampled_from([".txt", ".md", ".html", ".HTM", ".docx", ".rtf", ".pdf", ".xml"]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_property_read_never_raises(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / f"article{suffix}"
        path.write_bytes(data)
        try:
            docs = read_documents(path, root=root)
        except UndecodableError as exc:
            assert str(exc)  # a reason to report
            return
        assert path.read_bytes() == data  # never written
    assert docs and len({d.doc_id for d in docs}) == len(docs)
    for doc in docs:
        text = doc.text
        assert text.strip()
        assert "\r" not in text and "\x00" not in text and "\u200b" not in text
        assert not any(ord(c) < 32 and c != "\n" for c in text)
        assert normalize_text(text) == text


@st.composite
def export_files(draw):
    """An Europresse export or a Factiva text export of real sentences, cut and spiked."""
    import make_files as mf

    n = draw(st.integers(1, 4))
    articles = []
    for i in range(n):
        paras = draw(st.lists(st.sampled_from(SEED_SENTENCES), min_size=1, max_size=4))
        paras = [p + draw(st.sampled_from(["", "\u00a0»", " <b>", "&amp;", "\x07", " Kazakhstan"])) for p in paras]
        articles.append(dict(outlet=draw(st.sampled_from(["Le Monde", "Ouest-France\nRennes", "L'Obs, no. 3", "X (site web)"])),
                             date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))), title=paras[0],
                             paragraphs=paras, id=f"news·20240330·X·{i}", code="X"))
    text = mf.europresse_export(articles) if draw(st.booleans()) else mf.factiva_text(articles)
    cut = draw(st.integers(len(text) // 2, len(text)))
    return text[:cut].encode("utf-8"), n


@given(export_files(), st.sampled_from([".html", ".txt", ".htm"]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)
def test_property_exports_cut_anywhere_read_or_refused(case, suffix):
    data, n = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / f"export{suffix}"
        path.write_bytes(data)
        try:
            docs = read_documents(path, root=root)
        except UndecodableError as exc:
            assert str(exc)
            return
    assert 1 <= len(docs) <= max(n, 1) + 1
    for doc in docs:
        assert doc.text.strip() and normalize_text(doc.text) == doc.text
        if doc.export.get("published"):
            assert dt.date.fromisoformat(doc.export["published"])


@given(st.text())
def test_property_display_path_is_one_line(name):
    from sinokaz_utils.read import display_path

    shown = display_path(name)
    assert "\n" not in shown and "\r" not in shown and not any(ord(c) < 32 for c in shown)
    shown.encode("utf-8")  # never a lone surrogate


@given(file_bytes())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_property_decode_round_trips_real_text(data):
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError:
        return
    assert isinstance(text, str) and isinstance(encoding, str)


@given(article_texts(), st.sampled_from(ENCODINGS[:2] + ["cp1252"]))
# found by this test: one odd short line made charset-normalizer refuse a whole cp1252 article
@example(SEED_SENTENCES[0] + "\nA¡\n", "cp1252")
# a few bytes of cp1252 with an even length were read as BOM-less UTF-16
@example("ç\nç\nç\n", "cp1252")
# and one that made it prefer cp850 ("é" read as "Ú")
@example("Au cours de ces cinq dernières années, l'initiative a obtenu un accueil positif au sein de la communauté "
         "internationale, a souligné M. Xi.\nA¡\n", "cp1252")
@example("A cette occasion, M. Wang a réaffirmé que l'expansion du marché chinois et l'ouverture accrue de la "
         "Chine offriraient davantage d'opportunités à ceux qui envisagent une coopération plus large avec la "
         "Chine.\nA¡\n", "cp1252")
def test_property_real_text_decodes_exactly(text, encoding):
    # text that the encoding can hold, with some French letters so that detection has evidence
    text = normalize_text(text)
    # French evidence: a few French letters, and they make up most of the non-ASCII characters
    french = len(re.findall(r"[éèàùçêâôîœ’]", text))
    assume(french >= 3 and french >= 2 * sum(ord(c) > 0x7F for c in text) / 3)
    assume(not any(ord(c) < 32 and c != "\n" for c in text))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    assume(not any(0x80 <= ord(c) <= 0x9F for c in text))
    # the bytes of "¤¦¨´¸¼½¾" in cp1252 are "€ŠšŽžŒœŸ" in ISO-8859-15: no detector can tell
    assume(not set(text) & set("¤¦¨´¸¼½¾"))
    # text that itself looks like mojibake ("Â¡") is repaired on purpose
    assume(ftfy.fix_encoding(text) == text)
    decoded, _ = decode_bytes(data)
    assert normalize_text(decoded) == text


@given(st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<div>", "</div>", "<img src=x onerror=alert(1)>",
                     "<!--", "-->", "<html>", "</html>", "<body>", "<article>", "<h1>", "</h1>", "<nav>", "&",
                     "<meta charset='latin-1'>", "<br>", "<title>", "</title>", "<![CDATA[", "]]>"]),
    st.sampled_from(SEED_SENTENCES), st.text(max_size=30)), max_size=30).map("".join))
def test_property_read_html_never_raises(html):
    text, facts = read_html(html)
    assert isinstance(text, str) and isinstance(facts, dict)


# --------------------------------------------------------------------------- cleaning


@given(article_texts())
def test_property_clean_never_adds_text(raw):
    text = normalize_text(raw)
    result = clean_text(text)
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    # every kept line is a line of the text, in the text's order
    i = 0
    for kept in (k for k in result.text_clean.split("\n") if k):
        while i < len(stripped) and stripped[i] != kept:
            i += 1
        assert i < len(stripped), f"cleaned line not in the text: {kept[:80]!r}"
        i += 1
    # every removed line is recorded with its real line number, and none is also kept
    kept_count = len([k for k in result.text_clean.split("\n") if k])
    assert kept_count + len(result.removed) <= len([s for s in stripped if s])
    for line_no, line, rule in result.removed:
        assert lines[line_no - 1] == line and rule
    if result.headline is not None:
        assert lines[result.headline_line_no - 1].strip() == result.headline


@given(article_texts(), urls)
def test_property_clean_with_url_never_adds_text(raw, url):
    text = normalize_text(raw)
    result = clean_text(text, url=url if isinstance(url, str) else None)
    pool = {line.strip() for line in text.split("\n")}
    assert all(k in pool for k in result.text_clean.split("\n") if k)


# --------------------------------------------------------------------------- dates


@given(date_texts())
def test_property_parse_date_gives_only_real_dates(text):
    fact = parse_date(text)
    _assert_valid_date(fact.date)
    if fact.partial is not None:
        m = re.fullmatch(r"--(\d{2})-(\d{2})", fact.partial)
        assert m and make_date(2000, int(m.group(1)), int(m.group(2))) is not None


@given(st.integers(0, 40), st.sampled_from(MONTH_NAMES), st.integers(1900, 2100))
def test_property_written_date_is_the_date_or_none(day, month, year):
    # "31 février 2024" gives no date; "29 février 2024" gives exactly that day
    for text in (f"{day} {month} {year}", f"Le {day} {month} {year}, le président a déclaré"):
        got = parse_date(text).date
        assert got is None or got == dt.date(year, MONTHS[month], day)
        assert got == make_date(year, MONTHS[month], day)


@given(date_texts(), urls)
def test_property_extract_facts_never_raises_and_dates_are_valid(text, url):
    text = normalize_text(text)
    url = url if isinstance(url, str) else None
    facts = extract_facts(text, clean_text(text, url=url), url=url)
    _assert_valid_date(facts.published)
    _assert_valid_date(facts.event_date)
    _assert_valid_date(date_from_url(url).date)


@given(article_texts(), urls)
def test_property_extract_facts_on_article_text(raw, url):
    text = normalize_text(raw)
    url = url if isinstance(url, str) else None
    facts = extract_facts(text, clean_text(text, url=url), url=url, page={"title": raw[:40], "date": raw[-20:]})
    _assert_valid_date(facts.published)
    _assert_valid_date(facts.event_date)


# --------------------------------------------------------------------------- statements


@pytest.fixture(scope="module")
def statements_module():
    return pytest.importorskip("sinokaz_utils.statements")


@st.composite
def reported_speech(draw) -> str:
    """Real sentences with reported speech, in a random order, with debris and odd characters."""
    speech = [s for s in SEED_SENTENCES if re.search(r"\b(a|ont) (déclaré|indiqué|souligné|affirmé|noté|ajouté)|"
                                                       r"selon|a-t-il|«", s)]
    parts = draw(st.lists(st.one_of(st.sampled_from(speech), st.sampled_from(SEED_LINES), odd_chars,
                                    st.text(max_size=30)), min_size=1, max_size=8))
    seps = draw(st.lists(st.sampled_from(["\n", " ", "\n\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@given(reported_speech())
@settings(max_examples=STATEMENT_EXAMPLES, deadline=None)
def test_property_statement_offsets_point_into_text_clean(statements_module, raw):
    text = normalize_text(raw)
    text_clean = clean_text(text).text_clean
    assume(text_clean.strip())
    docs = pd.DataFrame({"doc_id": ["d"], "text_clean": [text_clean],
                         "published": [pd.Timestamp("2022-09-14")], "event_date": [pd.NaT]})
    table = statements_module.extract_statements(docs, cache_dir=None)
    text_lines = {line.strip() for line in text.split("\n")}
    for r in table.itertuples():
        assert 0 <= r.start <= r.end <= len(text_clean)
        segment = text_clean[r.start:r.end]
        for piece in str(r.text).split(" […] "):
            assert piece.strip() in segment
        # text_clean[start:end] is made of (parts of) lines of the text as read
        for line in segment.split("\n"):
            assert any(line.strip() in t for t in text_lines)
