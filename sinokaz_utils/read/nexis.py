"""LexisNexis and Nexis Uni exports: labelled fields around each document's text.

What belongs here: the older LexisNexis HTML and text downloads (each document opens with
"1 of 3 DOCUMENTS", its header ends with ``LENGTH:``/``LONGUEUR:``, indexing fields follow
the text) and Nexis Uni downloads (DOCX, RTF, PDF or text: title, outlet, date, labelled
fields, ``Body``, the text, indexing, "End of Document"), in English, French or German labels
(``data/lexicons/exports.yaml``). What does not: reading the DOCX/RTF/PDF container
(``office``), Europresse and Factiva.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ._export import element_lines, lexicon, make_document, parse_printed_date, parse_word_count
from .text import RawDocument, decode_bytes

DATABASE = "Nexis"
#: A line of an older LexisNexis header naming the edition (« Edition 1; », « National Edition »,
#: « Late Edition - Final », « 1re édition »), between the date and the title.
_EDITION = re.compile(r"\b(?:edition|[ée]dition|ausgabe)\b", re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    lex = lexicon()["nexis"]
    label_of = {}
    for fact, labels in lex["labels"].items():
        for label in labels:
            label_of[label.casefold()] = fact
    indexing = {x.casefold() for x in lex["indexing"]}
    every = sorted({*label_of, *indexing}, key=len, reverse=True)
    return {
        "end": re.compile(r"^\s*(?:" + "|".join(map(re.escape, lex["end"])) + r")\s*$", re.I),
        "body": re.compile(r"^\s*(?:" + "|".join(map(re.escape, lex["body"])) + r")\s*$", re.I),
        "start": re.compile("|".join(lex["start"]), re.I),
        "label": re.compile(r"^\s*(" + "|".join(map(re.escape, every)) + r")\s*:[\s\u00a0]*(.*)$", re.I),
        "label_of": label_of,
        "indexing": indexing,
        "closing": set(lex["closing"]),
    }


def looks_like_nexis(text: str) -> bool:
    """Whether a text holds LexisNexis or Nexis Uni documents.

    Example:
        >>> looks_like_nexis("Titre\\nLe Figaro\\nMarch 15, 2022\\nLength: 718 words\\nBody\\nTexte.\\nEnd of Document")
        True
    """
    p = _patterns()
    lines = text.split("\n")
    ends = sum(bool(p["end"].match(line)) for line in lines)
    starts = sum(bool(p["start"].match(line)) for line in lines)
    lengths = sum(p["label_of"].get((m.group(1).casefold() if (m := p["label"].match(line)) else ""), "") == "length"
                  for line in lines)
    return bool(lengths) and (ends > 0 or starts > 0)


def read_lexisnexis_html(path: Path) -> Iterator[RawDocument]:
    """Yield the documents of an older LexisNexis HTML download ("1 of 3 DOCUMENTS" ...)."""
    import lxml.html

    text, encoding = decode_bytes(Path(path).read_bytes(), repair=False)
    body = lxml.html.document_fromstring(text).find("body")
    lines = element_lines(body) if body is not None else []
    yield from parse_nexis_text("\n".join(lines), encoding=encoding)


def looks_like_lexisnexis_html(head: str) -> bool:
    """Whether the start of an HTML file is a LexisNexis download (older "1 of 3 DOCUMENTS"
    pages, or Nexis Uni's, whose documents end with "End of Document")."""
    if "DOCFULL" in head or re.search(r"\d+ (?:of|sur) \d+ DOCUMENTS", head):
        return True
    ends = lexicon()["nexis"]["end"]
    return any(f">{end}<" in head or f">\n{end}" in head for end in ends) and bool(
        re.search(r">\s*(?:Length|Longueur)\s*:", head))


def parse_nexis_text(text: str, *, encoding: str) -> list[RawDocument]:
    """The documents of a LexisNexis or Nexis Uni text: one per "End of Document" or per
    "N of M DOCUMENTS", with title, outlet, date, labelled fields and paragraphs.

    Example:
        >>> docs = parse_nexis_text("Le Kazakhstan et la Chine\\nLe Figaro\\n15 mars 2022 mardi\\n"
        ...     "Longueur: 120 mots\\nCorps\\nLe président a parlé.\\nFin du document", encoding="utf_8")
        >>> docs[0].export["outlet"], docs[0].export["published"], docs[0].export["words_stated"]
        ('Le Figaro', '2022-03-15', 120)
    """
    p = _patterns()
    # the text download centres its header (outlet, date, edition lines) and sets the title flush left
    centred = frozenset(line.strip() for line in text.split("\n") if re.match(r" {8,}\S", line))
    lines = [line.strip() for line in text.split("\n")]
    chunks: list[list[str]] = []
    if any(p["end"].match(line) for line in lines):
        current: list[str] = []
        for line in lines:
            if p["end"].match(line):
                chunks.append(current)
                current = []
            else:
                current.append(line)
        uni = True
    else:
        starts = [i for i, line in enumerate(lines) if p["start"].match(line)]
        chunks = [lines[a + 1:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
        uni = False
    docs = []
    for n, chunk in enumerate(chunks):
        doc = _document(chunk, uni=uni, first=n == 0, encoding=encoding, centred=centred)
        if doc is not None:
            docs.append(doc)
    return docs


def _label(line: str) -> tuple[str | None, str | None, str]:
    """``(fact, label, value)`` of a labelled line; fact is None for indexing labels."""
    p = _patterns()
    m = p["label"].match(line)
    if not m:
        return None, None, line
    label = m.group(1).casefold()
    return p["label_of"].get(label), label, m.group(2).strip()


def _unwrapped(lines: list[str]) -> list[str]:
    """The paragraphs of wrapped lines: the lines between two blank lines joined with a space."""
    out, block = [], []
    for line in [*lines, ""]:
        if line:
            block.append(line)
        elif block:
            out.append(" ".join(block))
            block = []
    return out


def _document(chunk: list[str], *, uni: bool, first: bool, encoding: str,
              centred: frozenset = frozenset()) -> RawDocument | None:
    p = _patterns()
    lines = [x for x in chunk if x]
    if not lines:
        return None
    body_at = next((i for i, x in enumerate(lines) if p["body"].match(x)), None)
    length_at = next((i for i, x in enumerate(lines) if _label(x)[0] == "length"), None)
    end_header = body_at if body_at is not None else length_at
    if end_header is None:
        return None
    header, rest = lines[:end_header + (0 if body_at is not None else 1)], lines[end_header + 1:]
    if centred and not uni:  # the text download wraps its paragraphs, a blank line between them
        rest = _unwrapped(chunk[[i for i, x in enumerate(chunk) if x][end_header] + 1:])
    facts: dict = {}
    plain = []
    for i, line in enumerate(header):
        fact, label, value = _label(line)
        if fact:
            facts.setdefault(fact, value)
        elif label is None:
            plain.append((i, line))
    dated = [i for i, x in plain if len(x) < 80 and not x.lower().startswith("copyright") and parse_printed_date(x)]
    # Nexis Uni: the date is the last plain line before the labels (a cover page before the
    # first document has dates of its own); LexisNexis: the first, under the outlet
    date_at = (dated[-1] if uni else dated[0]) if dated else None
    if date_at is None:
        return None
    facts["published"] = parse_printed_date(header[date_at])
    before = [x for i, x in plain if i < date_at and not x.lower().startswith("copyright")]
    after = [x for i, x in plain if i > date_at and not x.lower().startswith("copyright")]
    copyright_line = next((x for _, x in plain if x.lower().startswith("copyright")), None)
    if uni:
        # Nexis Uni: title, outlet, date (a cover page may precede the first document)
        facts["outlet"] = before[-1] if before else None
        title_lines = before[:-1][-1:] if first else before[:-1]
        title = " ".join(title_lines) or None
    else:
        # LexisNexis: outlet, date, (edition lines), the title on one line or several
        facts["outlet"] = before[0] if before else None
        editions = next((i for i, x in enumerate(after) if not (_EDITION.search(x) or x in centred)), len(after))
        if editions == len(after) and after:  # no title after the edition lines: the last is the title
            editions -= 1
        title = " ".join(after[editions:]) or None
        if editions:
            facts["edition"] = " ".join(x.rstrip(" ;") for x in after[:editions])
    facts["copyright"] = copyright_line
    if facts.get("author"):  # « BYLINE: BY STEPHEN POLLARD », « Auteur : Par Marie Durand »
        facts["author"] = re.sub(r"^(?:by|par|von)\s+", "", facts["author"], flags=re.I) or None
    facts["words_stated"] = parse_word_count(facts.pop("length", None))
    if facts.get("section"):
        facts["page"] = (re.search(r";\s*Pg\.?\s*(\S+)", facts["section"]) or [None, None])[1]
        facts["section"] = re.sub(r";\s*Pg\.?\s*\S+", "", facts["section"]).strip(" ;")
    lead = [facts.pop("highlight")] if facts.get("highlight") else []
    body = []
    for line in rest:
        fact, label, _ = _label(line)
        if label is not None and (label in p["indexing"] or fact in p["closing"]) or line.casefold() in p["indexing"]:
            break
        if label is not None and fact == "highlight":
            lead.append(_label(line)[2])
            continue
        if not uni and line.lower().startswith("copyright") and len(line) < 120:
            break
        body.append(line)
    return make_document(database=DATABASE, title=title, body=body, facts=facts, encoding=encoding, lead=lead)
