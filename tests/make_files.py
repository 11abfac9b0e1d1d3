"""Files in real formats, written from the bundled articles, for the reader and hostile tests.

DOCX through python-docx, workbooks through openpyxl, RTF and PDF as well-formed bytes (an RTF
1.9 document with its code page and escapes; a PDF 1.4 with a Helvetica text layer and a
correct cross-reference table), and press-database exports in the layouts the databases save:
Europresse's ``<article>`` HTML, Factiva's text rendering (``*HD*``, ``*PD*``... at line starts,
as Factiva documents its "Full Article/Report plus Indexing" display) and Nexis Uni's DOCX.
Factiva's other layouts (the field codes as each conversion lays them out, the RTF and Word
tables, the "Article" display as text, RTF, Word or PDF) are written from the documents of a
real Factiva HTML export read at test time (:func:`factiva_html_records`).
Only the articles of ``data/raw`` and of ``../shared`` read at test time are written: no
third-party text is kept in the project.
"""
from __future__ import annotations

import datetime as dt
import html
import textwrap
from pathlib import Path

FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre"]
FRENCH_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]


def french_date(d: dt.date, *, weekday: bool = True) -> str:
    """``lundi 23 octobre 2023`` (as Europresse prints it)."""
    text = f"{d.day} {FRENCH_MONTHS[d.month - 1]} {d.year}"
    return f"{FRENCH_DAYS[d.weekday()]} {text}" if weekday else text


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """A Word document, one paragraph per item (python-docx); an item ``"\\f"`` is a page break."""
    import docx

    document = docx.Document()
    for p in paragraphs:
        if p == "\f":
            document.add_page_break()
        else:
            document.add_paragraph(p)
    document.save(str(path))
    return path


def write_docx_table(path: Path, rows: list[tuple[str, list[str]]]) -> Path:
    """A Word document holding one two-column table per document, as Word opens Factiva's RTF:
    each row a field code in bold and its value's paragraphs. ``rows`` are ``(code, lines)``;
    a row ``("\\f", [])`` ends a table (the next document)."""
    import docx

    document = docx.Document()
    tables: list[list[tuple[str, list[str]]]] = [[]]
    for code, lines in rows:
        if code == "\f":
            tables.append([])
        else:
            tables[-1].append((code, lines))
    for rows_ in tables:
        if not rows_:
            continue
        table = document.add_table(rows=0, cols=2)
        for code, lines in rows_:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(code).bold = True
            cells[1].paragraphs[0].add_run(lines[0] if lines else "")
            for line in lines[1:]:
                cells[1].add_paragraph(line)
        document.add_paragraph("")
    document.save(str(path))
    return path


def _rtf_escape(text: str) -> str:
    out = []
    for c in text:
        if c in "\\{}":
            out.append("\\" + c)
        elif ord(c) < 0x80:
            out.append(c)
        else:
            try:
                out.append("\\'%02x" % c.encode("cp1252")[0])
            except UnicodeEncodeError:
                code = ord(c) if ord(c) < 0x8000 else ord(c) - 0x10000
                out.append(f"\\u{code}?")
    return "".join(out)


_RTF_HEAD = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n"
             "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1\n")


def write_rtf(path: Path, paragraphs: list[str], *, bold: set[int] = frozenset()) -> Path:
    """An RTF document as Word writes one: cp1252 code page, ``\\'e9`` escapes, ``\\par`` paragraphs;
    an item ``"\\f"`` is a page break (``\\page``), the items numbered in ``bold`` are bold."""
    body = "".join("\\page\n" if p == "\f" else
                   f"\\pard\\plain\\f0\\fs24 {{\\b {_rtf_escape(p)}}}\\par\n" if n in bold else
                   f"\\pard\\plain\\f0\\fs24 {_rtf_escape(p)}\\par\n" for n, p in enumerate(paragraphs))
    path.write_bytes((_RTF_HEAD + body + "}\n").encode("ascii"))
    return path


def write_rtf_table(path: Path, rows: list[tuple[str, list[str]]]) -> Path:
    """Factiva's "Full Article/Report plus Indexing" RTF: each field a table row, its code in
    bold in the first cell, its value's paragraphs in the second; a row ``("\\f", [])`` is the
    page break between two documents."""
    out = []
    for code, lines in rows:
        if code == "\f":
            out.append("\\pard\\par\\page\n")
            continue
        value = "\\par ".join(_rtf_escape(x) for x in lines)
        out.append("\\trowd\\trgaph108\\cellx1200\\cellx9600\\pard\\intbl\\plain\\f0\\fs20 "
                   f"{{\\b {code}}}\\cell\\pard\\intbl\\plain\\f0\\fs20 {value}\\cell\\row\n")
    path.write_bytes((_RTF_HEAD + "".join(out) + "}\n").encode("ascii"))
    return path


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def write_pdf(path: Path, paragraphs: list[str], *, width: int = 85, header=None) -> Path:
    """A text PDF: paragraphs wrapped at ``width`` characters, Helvetica, WinAnsi encoding;
    ``header(page, pages)`` is the line a printer puts at the top of each page."""
    lines: list[str] = []
    for p in paragraphs:
        lines.extend(textwrap.wrap(p, width=width) or [""])
        lines.append("")
    per_page = 52
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    if header:
        pages = [[header(i + 1, len(pages))] + page for i, page in enumerate(pages)]
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, page in enumerate(pages):
        stream = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
        for line in page:
            stream.append(_pdf_string(line) + b" Tj T*")
        stream.append(b"ET")
        content = b"\n".join(stream)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    """A workbook whose first sheet holds ``rows`` (dates as date cells)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(str(path))
    return path


def europresse_export(articles: list[dict]) -> str:
    """An Europresse HTML export (current ``<article>`` layout) of ``articles``.

    Each article: ``outlet`` (the publication name as Europresse states it, edition after a
    ``<br />``), ``date`` (a ``datetime.date``), ``section``, ``words``, ``title``, optional
    ``kicker``, ``subtitle``, ``author``, ``paragraphs``, ``id``, ``also_in`` (``[(date, outlet)]``),
    ``link`` (a URL: a block for a site Europresse does not host).
    """
    blocks = []
    for a in articles:
        e = html.escape
        header_date = f"{a['section'] + ', ' if a.get('section') else ''}{french_date(a['date'])} {a.get('words', 500)} mots"
        outlet = "<br />".join(e(x) for x in a["outlet"].split("\n"))
        also = ""
        if a.get("also_in"):
            rows = "".join(f'<tr><td width="80"><span class="apd-sources-date">{french_date(d, weekday=False)}</span></td>'
                           f'<td width="8"> - </td><td><span class="source-name-APD">{e(o)}</span></td></tr>'
                           for d, o in a["also_in"])
            also = ('<div class="apd-wrapper"><div class="apd-doc"><div class="apd-title"><span class="apd-label">'
                    f'Aussi paru dans</span></div><div class="apd-sources"><table>{rows}</table></div></div></div>')
        kicker = f'<p class="sm-margin-bottomNews">{e(a["kicker"])}</p>' if a.get("kicker") else ""
        subtitle = f'<p class="sm-margin-TopNews rdp__subtitle">{e(a["subtitle"])}</p>' if a.get("subtitle") else ""
        author = f'<p class="sm-margin-bottomNews">{e(a["author"])}</p>' if a.get("author") else ""
        # the search words highlighted as Europresse does: <mark> around them, a space inside
        paras = "".join("<p>" + e(p).replace("Kazakhstan", "<mark> Kazakhstan</mark>", 1) + " </p> "
                        for p in a.get("paragraphs", []))
        if a.get("link"):
            text = (f'<p>{e(a["paragraphs"][0][:200])}... <a href="{e(a["link"])}" target="_blank"> Voir l\'article</a></p>'
                    '<p class="link-not-hosted">Ce document référence un lien URL de site non hébergé par Cision.</p>')
        else:
            text = f"<div class='docOcurrContainer' style=\"\">{paras}</div>"
        blocks.append(f"""<article>
    <header>
<div class="rdp__DocPublicationName">
    <span class="DocPublicationName">
        {outlet}                    </span>
</div>
<div class="rdp__DocHeader">
    <span class="DocHeader">
        {e(header_date)}</span>
</div>
{also}
<div class="titreArticle">
    {kicker}
    <p class="sm-margin-TopNews titreArticleVisu rdp__articletitle">{e(a['title'])}</p>
    {subtitle}
</div>
{author}
    </header>
    <section>
<div class="DocText clearfix">
{text}
</div>
    </section>
    <aside></aside>
    <footer>
    <div class="Doc-LegalInfo"><small>© {a['date'].year} {e(a['outlet'].split(chr(10))[0])}. Tous droits réservés.</small></div>
<div id="divPubliC" class="rdp__certificat">
    <div class="publiC-lblNodoc">{e(a['id'])}</div>
</div>
    </footer>
</article>""")
    return ('<!DOCTYPE html>\n<html>\n    <head>\n\t    <meta charset="utf-8"/>\n        <title></title>\n'
            '<style type="text/css">mark{background-color:#fbf592}</style>\n    </head>\n    <body>\n'
            + "\n".join(blocks) + "\n    </body>\n</html>\n")


def _wrap(text: str, width: int = 76) -> str:
    # at spaces only, as a text export wraps: a no-break space and a compound's hyphen hold
    wrapper = textwrap.TextWrapper(width=width, break_on_hyphens=False, break_long_words=False)
    return "\n".join(line.replace("\x00", "\u00a0") for line in wrapper.wrap(text.replace("\u00a0", "\x00")))


def factiva_text(articles: list[dict], *, english: bool = True) -> str:
    """Factiva's text rendering of ``articles``: each field code between asterisks at a line start.

    Each article: ``title``, ``author``, ``date`` (``datetime.date``), ``outlet``, ``code``
    (the source code), ``paragraphs`` (the first one is the lead, LP), ``id`` (the accession
    number), optional ``section``. Body paragraphs are wrapped at 76 columns with a blank line
    between them, as a text export is.
    """
    out = []
    for a in articles:
        d = a["date"]
        date = (f"{d.day} {ENGLISH_MONTHS[d.month - 1]} {d.year}" if english
                else f"{d.day} {FRENCH_MONTHS[d.month - 1]} {d.year}")
        words = sum(len(p.split()) for p in a["paragraphs"])
        fields = []
        if a.get("section"):
            fields.append(("SE", a["section"]))
        fields += [("HD", a["title"]), ("BY", a.get("author", "")), ("WC", f"{words:,} {'words' if english else 'mots'}"),
                   ("PD", date), ("ET", "09:12"), ("SN", a["outlet"]), ("SC", a["code"]), ("ED", "1"), ("PG", "7"),
                   ("LA", "French" if english else "Français"), ("CY", f"(c) {d.year} {a['outlet']}. All rights reserved.")]
        for code, value in fields:
            if value:
                out.append(f"*{code}* {value}")
        out.append("*LP* ")
        out.append(_wrap(a["paragraphs"][0]))
        out.append("")
        out.append("*TD* ")
        for p in a["paragraphs"][1:]:
            out.append(_wrap(p))
            out.append("")
        out.append("*NS* gpol : Domestic Politics | gdip : International Relations | gcat : Political/General News")
        out.append("*RE* kazak : Kazakhstan | china : China | asiaz : Asia | ussrz : CIS Countries")
        out.append(f"*PUB* {a['outlet']}")
        out.append(f"*AN* Document {a['id']}")
        out.append("")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- Factiva, from its HTML export


def factiva_html_records(path: Path) -> list[list[tuple[str, list[str]]]]:
    """The documents of a real Factiva HTML export as ``(code, lines)`` fields, in its order:
    the facts each other layout of the same download is written from (read with lxml, one
    line per paragraph, as :mod:`sinokaz_utils.read.factiva` reads the page)."""
    import lxml.html

    from sinokaz_utils.read._export import element_lines, element_text

    root = lxml.html.document_fromstring(Path(path).read_bytes().decode("utf-8", errors="replace"))
    records = []
    for table in root.xpath("//table[.//td[contains(concat(' ', @class, ' '), ' index ')]]"):
        fields = []
        for tr in table.xpath("./tr | ./tbody/tr"):
            cells = tr.xpath("./td")
            if len(cells) >= 2:
                fields.append((element_text(cells[0]).strip(), element_lines(cells[1])))
        records.append(fields)
    return records


GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember"]

#: what Factiva's display prints in each interface language: the word-count unit, the month
#: names, the article's language, the word before the accession number
FACTIVA_DISPLAY = {
    "fr": {"words": "mots", "months": FRENCH_MONTHS, "French": "Français", "document": "Document"},
    "de": {"words": "Wörter", "months": GERMAN_MONTHS, "French": "Französisch", "document": "Dokument"},
}


def factiva_displayed(records: list[list[tuple[str, list[str]]]], *, language: str) -> list[list[tuple[str, list[str]]]]:
    """The same documents as Factiva shows them to a user whose interface is in French
    (``"fr"``: "718 mots", "15 mars 2022", "Français") or German (``"de"``: "718 Wörter",
    "15 März 2022", "Französisch", "Dokument ...")."""
    import re

    shown = FACTIVA_DISPLAY[language]

    def translate(code, lines):
        value = " ".join(lines)
        if code == "WC":
            return [re.sub(r"\bwords?\b", shown["words"], value)]
        if code == "PD":
            for n, month in enumerate(ENGLISH_MONTHS):
                value = re.sub(rf"\b{month}\b", shown["months"][n], value)
            return [value]
        if code == "LA":
            return [shown.get(value, value)]
        if code == "AN":
            return [value.replace("Document ", shown["document"] + " ")]
        return lines

    return [[(code, translate(code, lines)) for code, lines in rec] for rec in records]


def factiva_fields_text(records: list[list[tuple[str, list[str]]]], *, style: str) -> str:
    """Factiva's "Full Article/Report plus Indexing" display saved as text, in the layouts a
    conversion gives: ``alone`` (the code on its line, the value's lines below it, as Word
    saves the RTF's table as text), ``tab`` and ``spaces`` (code, then a tab or spaces, the
    value's further lines below), ``space`` (one plain space), ``bold`` (``**HD** value``, a
    Markdown conversion), ``nbsp`` (the HTML page copied from a browser: ``HD\u00a0value``,
    ``LP`` and ``TD`` alone). Documents are separated by a blank line."""
    sep = {"tab": "\t", "spaces": "   ", "space": " ", "nbsp": "\u00a0", "bold": " "}
    out = []
    for rec in records:
        for code, lines in rec:
            shown = f"**{code}**" if style == "bold" else code
            multi = code in ("LP", "TD", "NS", "RE", "IN", "CO", "IPD", "RF")
            if style == "alone" or (style == "nbsp" and multi) or not lines:
                out.append(shown)
                out.extend(lines)
            else:
                out.append(f"{shown}{sep[style]}{lines[0]}")
                out.extend(lines[1:])
        out.append("")
    return "\n".join(out)


def factiva_table_rows(records: list[list[tuple[str, list[str]]]]) -> list[tuple[str, list[str]]]:
    """The rows of :func:`write_rtf_table` / :func:`write_docx_table` for ``records``."""
    rows: list[tuple[str, list[str]]] = []
    for n, rec in enumerate(records):
        if n:
            rows.append(("\f", []))
        rows.extend(rec)
    return rows


def factiva_records_of(docs: list) -> list[list[tuple[str, list[str]]]]:
    """Documents another reader gave (an Europresse export's: many outlets, their real
    sections, headlines, bylines and dates) as Factiva would index them: section, headline,
    byline, word count, English date, source name and a code made of its capitals, language,
    copyright, the paragraphs, an accession number of Factiva's shape (code padded with zeros
    to 8, the date, a serial)."""
    import re

    records = []
    for n, d in enumerate(docs):
        e = d.export
        day = dt.date.fromisoformat(e["published"])
        code = (re.sub(r"[^A-Z]", "", e["outlet"].upper()) or "X")[:6]
        rec = [("SE", [e["section"]])] if e.get("section") else []
        rec.append(("HD", [e["title"]]))
        if e.get("author"):
            rec.append(("BY", [e["author"]]))
        rec += [("WC", [f"{e.get('words_stated') or len(d.text.split())} words"]),
                ("PD", [f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"]), ("SN", [e["outlet"]]), ("SC", [code]),
                ("LA", ["French"]), ("CY", [f"(c) {day.year} {e['outlet']}"]), ("TD", d.text.split("\n")[1:]),
                ("AN", [f"Document {code:0<8}{day:%Y%m%d}e{n:08d}"])]
        records.append(rec)
    return records


#: the codes whose facts the "Article" display shows above the text, each on its line, in the
#: order of the export (the French display prints the page before the word count)
ARTICLE_HEADER = {"SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA", "CY"}


def factiva_article_paragraphs(records: list[list[tuple[str, list[str]]]], *,
                               time: str | None = None) -> tuple[list[str], set[int]]:
    """Factiva's "Article" display of ``records``: for each document its header facts one per
    line (section, headline, byline, "718 words", the date, the time, source name and code,
    edition, page, volume, language, copyright), its paragraphs, then ``Document <accession
    number>`` (the ``AN`` value, as the display prints it); a ``"\\f"`` item (the page break of an RTF) between two documents. ``time``
    is printed after the date when the export states none. Returns the paragraphs and the
    positions of the headlines (bold in the RTF)."""
    out: list[str] = []
    bold: set[int] = set()
    for n, rec in enumerate(records):
        if n:
            out.append("\f")
        for code, lines in rec:
            if code not in ARTICLE_HEADER:
                continue
            if code == "HD":
                bold.add(len(out))
            out.append(" ".join(lines))
            if code == "PD" and time and "ET" not in dict(rec):
                out.append(time)
        for code, lines in rec:
            if code in ("LP", "TD"):
                out.extend(lines)
        out.append(" ".join(dict(rec)["AN"]))
    return out, bold


#: the search summary Factiva prints with a download: its labels, and the values of a search
FACTIVA_SUMMARY = {
    "en": [("Search Summary", None), ("Text", "nucléaire"), ("Date", "01/01/2022 to 29/02/2024"), ("Source", "Le Figaro"),
           ("Author", "All Authors"), ("Company", "All Companies"), ("Subject", "All Subjects"),
           ("Industry", "All Industries"), ("Region", "All Regions"), ("Language", "French"), ("Results Found", "40"),
           ("Timestamp", "4 March 2024 12:42")],
    "fr": [("Résumé de la recherche", None), ("Texte", "nucléaire"), ("Date", "01/01/2022 au 29/02/2024"),
           ("Source", "Le Figaro"), ("Auteur", "Tous les auteurs"), ("Société", "Toutes les sociétés"),
           ("Sujet", "Tous les sujets"), ("Secteur", "Tous les secteurs"), ("Région", "Toutes les régions"),
           ("Langue", "Français"), ("Résultats trouvés", "40"), ("Horodatage", "4 mars 2024 12:42")],
}


def factiva_search_summary(*, language: str = "en", cells: str = "tab") -> list[str]:
    """The search summary of a Factiva download, as its table comes out of a conversion:
    ``cells="tab"`` (label and value on one line, a tab between: Word's text) or ``"lines"``
    (each cell on its line: the Word table read paragraph by paragraph)."""
    out = []
    for label, value in FACTIVA_SUMMARY[language]:
        if value is None:
            out.append(label)
        elif cells == "tab":
            out.append(f"{label}\t{value}")
        else:
            out += [label, value]
    return out + [""]


def with_page_furniture(lines: list[str], *, every: int, year: int = 2024, one_line: bool = False) -> list[str]:
    """``lines`` as a print of Factiva pages repeats them: "Page 3 of 12" and "© 2024 Factiva,
    Inc. All rights reserved." every ``every`` lines (wherever the page breaks, in a header
    or a paragraph's lines), on two lines or on one."""
    pages = len(lines) // every + 1
    out: list[str] = []
    for i, line in enumerate(lines):
        if i % every == 0:
            head = [f"Page {i // every + 1} of {pages}", f"© {year} Factiva, Inc. All rights reserved."]
            out += [" ".join(head)] if one_line else head
        out.append(line)
    return out


def write_nexis_uni_docx(path: Path, articles: list[dict], *, french: bool = True) -> Path:
    """A Nexis Uni download saved as DOCX: a cover page, then each document and its labels.

    Each article: ``title``, ``outlet``, ``date``, ``paragraphs``, optional ``author``,
    ``section``.
    """
    lines = ["Utilisateur : chercheur@universite.fr" if french else "User Name: researcher@university.edu",
             "Date et heure : 12 mars 2024 10:02" if french else "Date and Time: March 12, 2024 10:02",
             "Job Number: 219873", f"Documents ({len(articles)})"]
    for i, a in enumerate(articles, start=1):
        lines.append(f"{i}. {a['title']}")
    lines += ["", "", ""]
    nbsp = "\u00a0"
    for a in articles:
        d = a["date"]
        date = (f"{d.day} {FRENCH_MONTHS[d.month - 1]} {d.year} {FRENCH_DAYS[d.weekday()]}" if french
                else f"{ENGLISH_MONTHS[d.month - 1]} {d.day}, {d.year} {d.strftime('%A')}")
        words = sum(len(p.split()) for p in a["paragraphs"])
        lines += [a["title"], a["outlet"], date, f"Copyright {d.year} {a['outlet']} Tous droits réservés"]
        if a.get("section"):
            lines.append(f"Section:{nbsp}{a['section']}; Pg. 4")
        lines.append(f"{'Longueur' if french else 'Length'}:{nbsp}{words} {'mots' if french else 'words'}")
        if a.get("author"):
            lines.append(f"{'Auteur' if french else 'Byline'}:{nbsp}{a['author']}")
        lines.append("Corps" if french else "Body")
        lines += a["paragraphs"]
        lines += ["Classification", f"{'Langue' if french else 'Language'}:{nbsp}FRENCH",
                  f"{'Date de chargement' if french else 'Load-Date'}:{nbsp}{d.isoformat()}",
                  "Fin du document" if french else "End of Document"]
    return write_docx(path, lines)


def lexisnexis_classic_text(articles: list[dict]) -> str:
    """An older LexisNexis (Academic) text download: a cover whose search terms hold « <= », then
    « N of M DOCUMENTS », the outlet, date and edition lines centred, the title flush left (on
    one line or several), labelled fields, the text. As LexisNexisTools' sample.TXT lays it out.

    Each article: ``outlet``, ``date``, ``title`` (a list of lines), ``paragraphs``, optional
    ``editions`` (lines), ``byline``, ``section``.
    """
    centre = lambda text: " " * max(8, (80 - len(text)) // 2) + text  # noqa: E731
    lines = ["\ufeff", "", "Download Request: Selected Items: 1-%d" % len(articles),
             "Time Of Request: Friday, March 20, 2018  16:51:31", "",
             "Terms: (DATE(>=2023-01-01 and <=2024-05-11) and (Kazakhstan) and not", "(TYPE(web)))", "",
             "Source: Le Monde;Le Figaro;La Croix", "Project ID: None", ""]
    for i, a in enumerate(articles, start=1):
        d = a["date"]
        lines += ["", centre(f"{i} of {len(articles)} DOCUMENTS"), "", "", centre(a["outlet"]), "",
                  centre(f"{ENGLISH_MONTHS[d.month - 1]} {d.day}, {d.year} {d.strftime('%A')}")]
        lines += [centre(e) for e in a.get("editions", [])]
        lines += ["", *a["title"], ""]
        if a.get("byline"):
            lines += [f"BYLINE: {a['byline']}", ""]
        if a.get("section"):
            lines += [f"SECTION: {a['section']}; Pg. 6", ""]
        lines += [f"LENGTH: {sum(len(p.split()) for p in a['paragraphs'])} words", "", ""]
        for p in a["paragraphs"]:
            lines += [_wrap(p).replace("\n", "\r\n"), ""]
        lines += ["LANGUAGE: FRENCH", "", "PUBLICATION-TYPE: Newspaper", "", f"Copyright {d.year} {a['outlet']}", ""]
    return "\r\n".join(lines)


def write_odt(path: Path, paragraphs: list[str], *, heading: bool = True, note: str | None = None) -> Path:
    """An OpenDocument text as LibreOffice writes it: the uncompressed ``mimetype`` first, a
    ``content.xml`` whose first paragraph is a heading (``text:h``), runs of spaces as ``text:s``,
    one paragraph in a list and, given ``note``, a footnote inside the second paragraph."""
    import zipfile
    from xml.sax.saxutils import escape

    def body(text: str) -> str:
        # two spaces stored as one space and <text:s/>, as LibreOffice does
        return escape(text).replace("  ", ' <text:s/>')

    parts = []
    for i, p in enumerate(paragraphs):
        if i == 0 and heading:
            parts.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{body(p)}</text:h>')
        elif i == 1 and note:
            cut = len(p) // 2
            parts.append(f'<text:p text:style-name="Standard">{body(p[:cut])}<text:note text:note-class="footnote">'
                         f'<text:note-citation>1</text:note-citation><text:note-body><text:p>{escape(note)}</text:p>'
                         f'</text:note-body></text:note>{body(p[cut:])}</text:p>')
        elif i == len(paragraphs) - 1:
            parts.append(f'<text:list><text:list-item><text:p>{body(p)}</text:p></text:list-item></text:list>')
        else:
            parts.append(f'<text:p text:style-name="Standard">{body(p)}</text:p>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               '<office:body><office:text>' + "".join(parts) + '</office:text></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path
