"""Facts about an article read from its text and URL: dates, event place, title and outlet.

What belongs here: the publication date (from a stamp in the text, the URL path, a dateline),
the date and place of the main event (from the lead), the title (the headline, or one derived
from the lead and flagged), the outlet (URL domain, signature lines, page templates), each with
where it came from (``*_source``). What does not: reading files (``read``), removing lines
(``clean``), curated metadata files (``corpus``).

The rule throughout is *never guess*: a wrong date is worse than none. A date is kept only
when it is a real calendar date and its year is stated or follows from other evidence in the
same article; otherwise the date stays empty and the partial form (``--09-14`` for
"14 septembre") is kept in its own column. Every date carries its evidence (``*_evidence``: the
piece of text or URL it was read from). Numeric dates are read day first, as French writes them
(``04/03/2023`` is 4 March); in a line written in English, a numeric date is read month first
only where the day shows it (``03/30/2023``) and is otherwise left unread. A URL is read as a
date only where its form says so (``/2019/09/11/``, ``/20190911-slug``), never from an article
number (``/20190911.html``).

The publication date, when sources disagree (:func:`extract_facts`): a date line of the page
(stamp) and the URL's date that differ leave the date empty, both kept in
``published_candidates`` — unless the stamp says it is an update ("mis à jour", "updated") and
is later than the URL's date, which is then the publication date. Stamp and URL win over the
page's metadata (which a library guessed from the HTML) and over a dateline, which names the
day of the event or dispatch (one day off the publication is common: Beijing is six or seven
hours ahead of Paris); a dateline dates the publication only when it is the sole evidence and
states its year.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pandas as pd

from .clean import OUTLETS_FILE, CleanResult, is_past_tense
from .read import normalize_for_matching

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_W = "|".join(WEEKDAYS)

#: Years outside this range are not publication or event dates of this corpus.
MIN_YEAR, MAX_YEAR = 1990, dt.date.today().year + 1

_RE_ISO = re.compile(r"\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_RE_DMY_NUM = re.compile(r"(?<![\d/.-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b")
_RE_DM_NUM = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})\b(?![/.-]?\d)")
_RE_DMY_TEXT = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + _M + r")\.?,?\s+(\d{4})\b", re.I)
_EN_M = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
#: English month first: "March 30, 2023", "Mar. 30 2023", "Thursday, March 30th, 2023"
_RE_MDY_TEXT = re.compile(r"\b(" + _EN_M + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
#: words that show a line is written in English (a page template's stamp)
_RE_ENGLISH = re.compile(r"\b(?:posted|updated|published|last|am|pm|edt|pst|pdt|bst|monday|tuesday|wednesday"
                         r"|thursday|friday|saturday|sunday|january|february|april|june|july|august|october)\b", re.I)
#: a stamp that says it is an update, not the first publication
_RE_UPDATE = re.compile(r"\b(?:mis|mise|mises) à jour|\bactualis\w*|\bmodifi\w*|\bupdated?\b|\blast modified\b|\bmaj\b", re.I)
_RE_DM_TEXT = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + _M + r")\b\.?(?!,?\s+\d{4})", re.I)
_RE_RANGE = re.compile(r"\b(?:du|entre le|des|les)\s+\d{1,2}(?:er)?(?:\s+(?:" + _M + r"))?\s+(?:au|et|-)\s+\d{1,2}", re.I)

#: "BEIJING, 30 mars (Xinhua) --", "ASTANA, 7 juin 2017 (Xinhua) -", "NUR-SULTAN, Kazakhstan (AP) –"
_RE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{1,40}?)(?:\s*\((?P<region>[^)]{2,40})\))?"
    r"(?:,\s*(?P<country>[A-ZÀ-Ý][\w'’ -]{1,30}?))?"
    r"(?:,\s*(?P<day>\d{1,2})(?:er)?\s+(?P<month>" + _M + r")\.?(?:\s+(?P<year>\d{4}))?)?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\)|/(?P<wire>[^/]{2,40})/)\s*(?:--|-|–|—|:)",
)
_RE_WEEKDAY = re.compile(r"\b(?P<ce>ce |cette )?(?P<wd>" + _W + r")\b(?P<dernier>\s+derni(?:er|ère))?"
                         r"(?P<prochain>\s+prochaine?|\s+suivante?)?", re.I)
_RE_STAMP_EVIDENCE = re.compile(r"\d{4}|\d{1,2}\s?[:h]\s?\d{2}|\b(?:mis|mise|publi\w*|updated|posted|modifi\w*|actualis\w*)\b|https?://|\w\.(?:cn|com|fr|kz|net|org)\b", re.I)
_RE_RELATIVE = re.compile(r"\b(?:avant-hier|hier)\b", re.I)
_RE_TOKEN = re.compile(r"[\w'’-]+")
#: future and conditional markers ("sera", "se rendra", "effectuera", "devrait", "va")
_RE_FUTURE = re.compile(r"(?:\w{2,}(?:era|ira|dra|ra)|\w+(?:eront|iront|dront|ront)|devrai[te]n?t?|va|vont|prochaine?)")
_RE_PLACE = re.compile(
    r"\b(?:à|au palais présidentiel d['’]|en visite à|arrivée? à)\s+"
    r"(?P<place>[A-ZÀ-Ý][\w'’-]+)")
_NOT_PLACES = {"M", "Mme", "MM", "Mmes", "Xi", "Wang", "Li", "La", "Le", "Les", "L", "Leur", "Son", "Sa", "Ses",
               "Un", "Une", "Ce", "Cette", "Chine", "Kazakhstan", "Russie", "Paris"}


@dataclass
class DateFact:
    """A date found in an article: the full date (or None), its partial form, where from, and the
    piece of text or URL it was read from."""

    date: dt.date | None
    partial: str | None
    source: str | None
    evidence: str | None = None


@dataclass
class ArticleFacts:
    """Everything :func:`extract_facts` finds; column names match ``Corpus.docs``."""

    title: str | None = None
    title_derived: bool = False
    title_source: str | None = None
    outlet: str | None = None
    outlet_source: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    published_partial: str | None = None
    published_evidence: str | None = None
    published_candidates: str | None = None
    event_date: dt.date | None = None
    event_date_source: str | None = None
    event_date_partial: str | None = None
    event_date_evidence: str | None = None
    event_place: str | None = None
    event_place_source: str | None = None
    notes: list = field(default_factory=list)


def make_date(year: int | str, month: int | str, day: int | str) -> dt.date | None:
    """Return the date, or ``None`` when it does not exist ('31 février') or is out of range.

    Example:
        >>> make_date(2024, 2, 29), make_date(2023, 2, 31)
        (datetime.date(2024, 2, 29), None)
    """
    try:
        d = dt.date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None
    return d if MIN_YEAR <= d.year <= MAX_YEAR else None


def _partial(month: int, day: int) -> str | None:
    # a month-day that exists in some year (29 February included)
    return f"--{month:02d}-{day:02d}" if make_date(2000, month, day) else None


def parse_date(text: str) -> DateFact:
    """Parse the first date written in ``text``: full (with a year) or partial (day and month).

    Recognises ``2018-06-08``, ``2023/04/03``, ``27.04.2025`` (day first), ``23 Août 2025``,
    ``1er mars 2024``, ``March 30, 2023`` and, without a year, ``14/09`` and ``30 mars``.
    Impossible dates are rejected. In a line written in English, ``03/30/2023`` is read month
    first and ``03/04/2023`` (which could be either) is not read. ``evidence`` is the date as written.

    Example:
        >>> parse_date("Dernière mise à jour à 09h10 le 14/09")
        DateFact(date=None, partial='--09-14', source=None, evidence='14/09')
        >>> parse_date("23 Août 2025 08:40 (UTC+01:00)").date
        datetime.date(2025, 8, 23)
        >>> parse_date("Publié le 2023/04/03").date, parse_date("Posted 03/04/2023 10:15 AM").date
        (datetime.date(2023, 4, 3), None)
        >>> parse_date("le 31 février 2024").date is None
        True
    """
    english = bool(_RE_ENGLISH.search(text))
    m = _RE_ISO.search(text)
    if m:
        return DateFact(make_date(m.group(1), m.group(3), m.group(4)), None, None, m.group(0))
    m = _RE_DMY_NUM.search(text)
    if m:
        first, second, year = int(m.group(1)), int(m.group(3)), m.group(4)
        if english and first <= 12 < second:  # "03/30/2023": an English template's month first
            return DateFact(make_date(year, first, second), None, None, m.group(0))
        if english and first <= 12 and second <= 12 and first != second:
            return DateFact(None, None, None, None)  # either order: not read
        return DateFact(make_date(year, second, first), None, None, m.group(0))
    m = _RE_DMY_TEXT.search(text)
    if m:
        return DateFact(make_date(m.group(3), MONTHS[m.group(2).casefold()], m.group(1)), None, None, m.group(0))
    m = _RE_MDY_TEXT.search(text)
    if m:
        return DateFact(make_date(m.group(3), MONTHS[m.group(1).casefold()], m.group(2)), None, None, m.group(0))
    m = _RE_DM_TEXT.search(text)
    if m:
        return DateFact(None, _partial(MONTHS[m.group(2).casefold()], int(m.group(1))), None, m.group(0))
    m = _RE_DM_NUM.search(text)
    if m and 1 <= int(m.group(2)) <= 12 and not (english and int(m.group(1)) <= 12):
        return DateFact(None, _partial(int(m.group(2)), int(m.group(1))), None, m.group(0))
    return DateFact(None, None, None)


@functools.lru_cache(maxsize=4)
def _outlets_records(path: str = str(OUTLETS_FILE)) -> tuple:
    return tuple(pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records"))


def _outlet_row(url: str | None) -> dict | None:
    host = (urlsplit(url).hostname or "").lower() if url else ""
    if not host:
        return None
    host = host.removeprefix("www.").removeprefix("www-main.")
    best = None
    for row in _outlets_records():
        dom = row["domain"].lower()
        if dom and (host == dom or host.endswith("." + dom)) and (best is None or len(dom) > len(best["domain"])):
            best = row
    return best or {"domain": host, "outlet": host, "signatures": "", "url_date_format": ""}


#: Date forms of URL paths, each a whole path segment or a segment's prefix followed by a
#: separator: a year, month and day the URL's form shows as such, never an article number.
_URL_DATES = [
    r"/(?P<y>\d{4})/(?P<m>\d{2})(?P<d>\d{2})/",                 # /2014/1215/ (People's Daily)
    r"/(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/",                # /2015-08/31/ (Xinhua)
    r"/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)",       # /2019/09/11/
    r"/(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[/_-]|$)",       # /2019-09-11/
    r"/t?(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})[/_-]",           # /20240703/, /20251114-slug, /t20251030_
    r"[/_]t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_",               # _t20251030_
    r"/(?P<y>\d{4})(?P<m>\d{2})/(?P<d>\d{2})/",                 # /202209/14/
    r"[-_](?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})[_/]",             # slug-20220914_
]


def date_from_url(url: str | None) -> DateFact:
    """Read a publication date from a URL path, where its form says it is one.

    Forms: ``/2020/0914/``, ``/2015-08/31/``, ``/2025/07/31/``, ``/20240703/``, ``/20251114-``,
    ``t20251030_``, ``/202209/14/``, ``slug-20220914_``, ``/2010/01/`` (month only: partial),
    and per-outlet forms declared in ``data/lexicons/outlets.csv`` (``ddmmyy`` for Mediapart's
    ``/271219/``). Eight digits that end the path (``/20230412.html``) are an article number,
    not a date. ``evidence`` is the piece of the URL read.

    Example:
        >>> date_from_url("http://sn-sn.com/Chine/n/2014/1215/c31354-8822657.html").date
        datetime.date(2014, 12, 15)
        >>> date_from_url("http://french.xinhuanet.com/2015-08/31/c_134574151.htm").evidence
        '/2015-08/31/'
        >>> date_from_url("https://example.fr/actualite/20230412.html").date is None
        True
    """
    if not url:
        return DateFact(None, None, None)
    path = urlsplit(url).path
    for pat in _URL_DATES:
        m = re.search(pat, path)
        if m:
            d = make_date(m["y"], m["m"], m["d"])
            if d:
                return DateFact(d, None, "url", m.group(0))
    row = _outlet_row(url)
    if row and row.get("url_date_format") == "ddmmyy":
        m = re.search(r"/(\d{2})(\d{2})(\d{2})/", path)
        if m:
            d = make_date(2000 + int(m.group(3)), m.group(2), m.group(1))
            if d:
                return DateFact(d, None, "url", m.group(0))
    m = re.search(r"/(?P<y>(?:19|20)\d{2})(?:/|-)?(?P<m>\d{2})/", path)
    if m and 1 <= int(m["m"]) <= 12 and MIN_YEAR <= int(m["y"]) <= MAX_YEAR:
        return DateFact(None, f"{m['y']}-{m['m']}", "url", m.group(0))
    return DateFact(None, None, None)


def _resolve_year(month: int, day: int, ref: dt.date, *, max_days_before: int = 60, max_days_after: int = 2) -> dt.date | None:
    # the year that puts day/month in [ref - max_days_before, ref + max_days_after], if exactly one does
    hits = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        d = make_date(year, month, day)
        if d and -max_days_after <= (ref - d).days <= max_days_before:
            hits.append(d)
    return hits[0] if len(hits) == 1 else None


_AGENCIES = r"AFP|AP|Reuters|Xinhua|Kazinform|Sputnik|TASS|RIA Novosti|Anadolu|APS|MAP|APA|Trend|CRI|CGTN|ATS|Belga|EFE|DPA|ANSA"
#: "Pékin (AFP) -" (place in ordinary case: only with a known agency)
_RE_DATELINE_AGENCY = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Ý][\w'’.-]+(?: [A-ZÀ-Ý][\w'’.-]+)?)\s*\((?P<agency>" + _AGENCIES + r")\)\s*(?:--|-|–|—|:)")
#: "Astana, le 14 septembre 2022 -" (a place and a full date opening the lead)
_RE_DATELINE_FULL = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Ý][\w'’.-]+(?:[ -][A-ZÀ-Ý][\w'’.-]+)?),?\s+(?:le\s+)?(?P<day>\d{1,2})(?:er)?\s+"
    r"(?P<month>" + _M + r")\.?\s+(?P<year>\d{4})\s*(?P<agency>)(?:--|-|–|—|:)")
#: "ASTANA. KAZINFORM -"
_RE_DATELINE_DOT = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’ -]{1,40}?)\.\s+(?P<agency>[A-Z]{3,}(?: [A-Z]{2,})?)\s*(?:--|-|–|—)")


def find_dateline(lines: list[str]) -> dict | None:
    """Find a wire dateline at the start of one of the first lines of an article.

    Forms: ``BEIJING, 30 mars (Xinhua) --``, ``NUR-SULTAN, Kazakhstan (AP) –``,
    ``Pékin (AFP) -``, ``ASTANA. KAZINFORM -``, ``Astana, le 14 septembre 2022 -``, and a press
    release's ``BEIJING, 4 juillet 2024 /PRNewswire/ --``.

    Example:
        >>> find_dateline(["BEIJING, 30 mars (Xinhua) -- Le ministre chinois ..."])["month"]
        3
    """
    for line in lines[:3]:
        m = _RE_DATELINE.match(line)
        if m:
            place = m["place"].strip(" .-")
            if len(place) < 3 or place != place.upper():
                m = None
        for rx in (_RE_DATELINE_AGENCY, _RE_DATELINE_DOT, _RE_DATELINE_FULL):
            if m is None:
                m = rx.match(line)
        if not m:
            continue
        place = m["place"].strip(" .-")
        agency = m["agency"] or (m.groupdict().get("wire") or "")
        out = {"place": place.title() if place == place.upper() else place, "agency": agency.strip(),
               "line": line, "end": m.end()}
        if "month" in m.groupdict() and m["month"]:
            out.update(day=int(m["day"]), month=MONTHS[m["month"].casefold()], year=int(m["year"]) if m["year"] else None)
        return out
    return None


def _lead(text_clean: str, headline: str | None) -> list[str]:
    # the paragraphs after the headline (a kicker or a label left above it is not the lead)
    paras = [p for p in text_clean.split("\n") if p.strip()]
    if headline:
        form = normalize_for_matching(headline)
        at = next((k for k, p in enumerate(paras[:4]) if normalize_for_matching(p) == form), None)
        if at is not None:
            paras = paras[at + 1:]
    return paras


def _first_sentence(para: str) -> str:
    m = re.search(r"(?<!\bM)(?<!\bMme)[.!?](?:\s|$)", para)
    return para[: m.end()].strip() if m else para


def _speaks_of_past(sentence: str) -> bool:
    # "a rencontré jeudi": a past event; "se termine jeudi", "participe jeudi": a present that
    # may as well announce what is to come
    return is_past_tense(sentence)


def _speaks_of_future(sentence: str) -> bool:
    # a lead about what is to come ("se rendra jeudi", "devrait avoir lieu samedi", "à
    # l'occasion de la prochaine visite") names a day that is not on or before publication
    return any(_RE_FUTURE.fullmatch(w.casefold()) for w in _RE_TOKEN.findall(sentence))


def event_from_lead(lead: str, ref: dt.date | None, ref_source: str | None, captions: list[str]) -> DateFact:
    """Date the main event from the first sentence of the lead.

    An explicit date wins ("Le 29 mars 2024, ..."), unless ``ref`` shows it is background (more
    than 60 days before ``ref``) or still to come; a day and month without a year takes its
    year from ``ref`` when that puts it within 60 days before ``ref``. Otherwise "hier" /
    "avant-hier" count back from ``ref``, and a single weekday ("jeudi") is resolved to the
    latest such day on or before ``ref`` (strictly before for "jeudi dernier") when the sentence
    is in a past tense ("a rencontré jeudi"); in the present ("se termine jeudi") only when it is
    ``ref``'s own day; in a sentence about the future ("se rendra jeudi", "lundi prochain") never. Without
    ``ref``, a weekday is resolved only by a full date in the article's photo captions that
    falls on that very weekday.

    Example:
        >>> event_from_lead("Le président a rencontré jeudi à Beijing ...", dt.date(2018, 6, 8), "text", []).date
        datetime.date(2018, 6, 7)
    """
    text = _first_sentence(lead)
    m = _RE_DMY_TEXT.search(text)
    if m and not _RE_RANGE.search(text[max(0, m.start() - 12): m.end()]):
        d = make_date(m.group(3), MONTHS[m.group(2).casefold()], m.group(1))
        if d and (ref is None or -2 <= (ref - d).days <= 60):
            return DateFact(d, None, "text", m.group(0))
        if d:
            return DateFact(None, None, None)  # background or future: not this article's event
    m = _RE_DM_TEXT.search(text)
    if m and not _RE_RANGE.search(text[max(0, m.start() - 12): m.end() + 8]):
        month, day = MONTHS[m.group(2).casefold()], int(m.group(1))
        if ref:
            d = _resolve_year(month, day, ref)
            if d:
                return DateFact(d, None, f"text+{ref_source}", m.group(0))
        part = _partial(month, day)
        if part:
            return DateFact(None, part, None, m.group(0))
    found = list(_RE_WEEKDAY.finditer(text))
    if not found:
        rel = _RE_RELATIVE.search(text)
        if rel and ref:
            back = 2 if rel.group(0).casefold().startswith("avant") else 1
            return DateFact(ref - dt.timedelta(days=back), None, f"text+{ref_source}", rel.group(0))
        return DateFact(None, None, None)
    if len({w["wd"].casefold() for w in found}) != 1:
        return DateFact(None, None, None)
    if any(w["prochain"] for w in found) or _speaks_of_future(text):
        return DateFact(None, None, None)
    target = WEEKDAYS[found[0]["wd"].casefold()]
    dernier = all(w["dernier"] for w in found)
    if ref:
        back = (ref.weekday() - target) % 7
        if dernier and back == 0:
            back = 7
        if back and not (dernier or _speaks_of_past(text)):
            return DateFact(None, None, None)  # a present tense: this week's day, past or to come
        return DateFact(ref - dt.timedelta(days=back), None, f"text+{ref_source}", found[0].group(0).strip())
    for cap in captions:
        f = parse_date(cap)
        if f.date and f.date.weekday() == target:
            return DateFact(f.date, None, "text+caption", f"{found[0].group(0).strip()} ; {f.evidence}")
    return DateFact(None, None, None)


def _names_a_day(text: str) -> bool:
    # any weekday or day-and-month in the first sentence, even one too ambiguous to resolve
    first = _first_sentence(text)
    return bool(_RE_WEEKDAY.search(first) or _RE_DM_TEXT.search(first) or _RE_DMY_TEXT.search(first)
                or re.search(r"\b(?:hier|aujourd'hui|avant-hier|la veille|ce jour)\b", first, re.I))


def place_from_lead(lead: str) -> str | None:
    """Return the place the lead's first sentence names for the event ("... jeudi à Astana").

    Example:
        >>> place_from_lead("Le président chinois a rencontré lundi à Beijing le président kazakh.")
        'Beijing'
    """
    for m in _RE_PLACE.finditer(_first_sentence(lead)):
        place = m["place"].rstrip("'’")
        if place.split("-")[0].split(" ")[0] not in _NOT_PLACES and not place.isupper():
            return place
    return None


def derive_title(lead: list[str], *, max_words: int = 14) -> str | None:
    """Derive a title from the lead's first sentence, cut to ``max_words`` words.

    Example:
        >>> derive_title(["Le président kazakh a rencontré samedi Wang Yi. Suite."])
        'Le président kazakh a rencontré samedi Wang Yi'
    """
    if not lead:
        return None
    sentence = _first_sentence(lead[0]).rstrip(" .!?")
    words = sentence.split()
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


def outlet_from(url: str | None, removed_lines: list[tuple[int, str, str]], dateline: dict | None,
                text: str) -> tuple[str | None, str | None]:
    """Return ``(outlet, source)`` from the URL domain, a signature line, a dateline or a page template."""
    row = _outlet_row(url)
    if row:
        return row["outlet"], "url"
    table = _outlets_records()
    for _, line, rule in removed_lines:
        if rule != "outlet_signature":
            continue
        form = normalize_for_matching(line)
        for r in table:
            for sig in filter(None, (s.strip() for s in r.get("signatures", "").split("|"))):
                if normalize_for_matching(sig) in form:
                    return r["outlet"], "signature"
    if dateline:
        agency = normalize_for_matching(dateline["agency"])
        for r in table:
            if normalize_for_matching(r["outlet"]) == agency:
                return r["outlet"], "dateline"
    if table and "templates" in table[0]:
        for r in table:
            if r.get("templates") and re.search(r["templates"], text, re.I | re.M):
                return r["outlet"], "template"
    return None, None


#: the cleaning rules whose lines are the page's date stamps
STAMP_RULES = ("date_stamp", "upload_stamp")


def _stamps(cleaned: CleanResult) -> list[tuple[DateFact, str, bool]]:
    """The dates of the page's stamp lines, in order: ``(date, line, is_update)``."""
    out = []
    for _, line, rule in cleaned.removed:
        # a bare "Le 21 mai" on its own line is not a publication stamp: a stamp carries a
        # year, a time, or says what it is ("mis à jour", "publié", the site's address)
        if rule in STAMP_RULES and _RE_STAMP_EVIDENCE.search(line):
            f = parse_date(line)
            if f.date or f.partial:
                before = line[: line.find(f.evidence)] if f.evidence and f.evidence in line else line
                out.append((f, line.strip(), bool(_RE_UPDATE.search(before))))
    return out


def _candidate(date: dt.date, source: str, evidence: str | None) -> str:
    return f"{date.isoformat()} ({source}: {evidence})"


def _date_publication(facts: ArticleFacts, cleaned: CleanResult, *, url: str | None, page: dict,
                      dateline: dict | None) -> None:
    """Set ``published*`` from the page's stamp, the URL and the page's metadata (rule: module docstring)."""
    stamps = _stamps(cleaned)
    # the first stamp that is not an update is the publication's; else the first update
    stamp, stamp_line, update = next(((f, line, u) for f, line, u in stamps if not u),
                                     stamps[0] if stamps else (DateFact(None, None, None), None, False))
    from_url = date_from_url(url)
    if stamp.date and from_url.date and stamp.date != from_url.date:
        if update and stamp.date > from_url.date:
            facts.published, facts.published_source, facts.published_evidence = from_url.date, "url", from_url.evidence
        else:
            facts.published_candidates = " | ".join((_candidate(stamp.date, "text", stamp_line),
                                                     _candidate(from_url.date, "url", from_url.evidence)))
        return
    if stamp.date:
        facts.published, facts.published_source, facts.published_evidence = stamp.date, "text", stamp_line
        return
    if stamp.partial and from_url.date:
        same = (from_url.date.month, from_url.date.day) == (int(stamp.partial[2:4]), int(stamp.partial[5:7]))
        stamped = _resolve_year(int(stamp.partial[2:4]), int(stamp.partial[5:7]), from_url.date,
                                max_days_before=0, max_days_after=300)
        if same or (update and stamped and stamped > from_url.date):
            facts.published, facts.published_source, facts.published_evidence = from_url.date, "url", from_url.evidence
        else:
            facts.published_candidates = " | ".join((f"{stamp.partial} (text: {stamp_line})",
                                                     _candidate(from_url.date, "url", from_url.evidence)))
        return
    if from_url.date:
        facts.published, facts.published_source, facts.published_evidence = from_url.date, "url", from_url.evidence
        return
    if stamp.partial and from_url.partial:
        # "le 14/09" with a URL month "2020-09": the year is the URL's
        y, mo = from_url.partial.split("-")
        if stamp.partial[2:4] == mo:
            d = make_date(y, mo, stamp.partial[5:7])
            if d:
                facts.published, facts.published_source = d, "text+url"
                facts.published_evidence = f"{stamp_line} ; {from_url.evidence}"
                return
    value = page.get("published") or page.get("date")
    if value:
        f = parse_date(str(value))
        if f.date:
            facts.published, facts.published_source = f.date, "html" if page.get("date") else "metadata"
            facts.published_evidence = str(value)
            return
    facts.published_partial = stamp.partial or from_url.partial


def _dateline_date(dateline: dict | None, published: dt.date | None) -> dt.date | None:
    """The dateline's day: with its year, or the one within a week before (a day after) ``published``."""
    if not dateline or not dateline.get("month"):
        return None
    if dateline.get("year"):
        return make_date(dateline["year"], dateline["month"], dateline["day"])
    if published:
        return _resolve_year(dateline["month"], dateline["day"], published, max_days_before=7, max_days_after=1)
    return None


def extract_facts(text: str, cleaned: CleanResult, *, url: str | None = None, page: dict | None = None) -> ArticleFacts:
    """Extract title, outlet, publication and event dates and event place from one article.

    Args:
        text: the article as read.
        cleaned: its :func:`sinokaz_utils.clean.clean_text` result.
        url: the article's URL when known (metadata, table column, HTML canonical link).
        page: facts the source itself states (HTML page metadata, table columns): ``title``,
            ``date``/``published``, ``sitename``/``outlet``.

    Example:
        >>> from sinokaz_utils.clean import clean_text
        >>> raw = "BEIJING, 30 mars (Xinhua) -- Le ministre a tenu vendredi à Beijing un dialogue."
        >>> f = extract_facts(raw, clean_text(raw), url="http://french.news.cn/20240330/abc/c.html")
        >>> f.published, f.event_date, f.event_place
        (datetime.date(2024, 3, 30), datetime.date(2024, 3, 29), 'Beijing')
    """
    page = page or {}
    facts = ArticleFacts()
    lead = _lead(cleaned.text_clean, cleaned.headline)

    dateline = find_dateline(lead)
    _date_publication(facts, cleaned, url=url, page=page, dateline=dateline)
    dl_date = _dateline_date(dateline, facts.published)
    if not facts.published and dl_date and dateline.get("year") and not facts.published_candidates:
        # the sole evidence, with its year: the dispatch's day
        facts.published, facts.published_source = dl_date, "dateline"
        facts.published_evidence, facts.published_partial = dateline["line"][: dateline["end"]].strip(), None
    if not facts.published and not facts.published_partial and dateline and dateline.get("month") and not dl_date:
        facts.published_partial = _partial(dateline["month"], dateline["day"])

    # event date and place, from the lead
    ref = dl_date or facts.published
    ref_source = "dateline" if dl_date else facts.published_source
    captions = [line for _, line, rule in cleaned.removed if rule in ("photo_caption", "photo_credit")]
    if lead:
        # the dateline's own day is the reference, not an event date stated in the lead
        lead_text = lead[0][dateline["end"]:] if dateline and dateline["line"] == lead[0] else lead[0]
        ev = event_from_lead(lead_text, ref, ref_source, captions)
        if not ev.date and not ev.partial and len(lead) > 1 and not _names_a_day(lead_text):
            # a summary lead ("Le Kazakhstan et la Chine intensifient ...") followed by the
            # news itself: the second paragraph's first sentence dates the event
            ev = event_from_lead(lead[1], ref, ref_source, [])
        facts.event_date, facts.event_date_partial = ev.date, ev.partial
        facts.event_date_source = ev.source if ev.date else None
        facts.event_date_evidence = ev.evidence if ev.date or ev.partial else None
        place = place_from_lead(lead_text)
        if place:
            facts.event_place, facts.event_place_source = place, "text"
        elif dateline:
            facts.event_place, facts.event_place_source = dateline["place"], "dateline"

    # title
    if cleaned.headline:
        facts.title, facts.title_source = cleaned.headline, "headline"
    elif page.get("title"):
        facts.title, facts.title_source = str(page["title"]).strip(), "html" if "sitename" in page or "date" in page else "metadata"
    else:
        facts.title, facts.title_derived, facts.title_source = derive_title(lead), True, "lead"
        if facts.title is None:
            facts.title_source, facts.title_derived = None, False

    facts.outlet, facts.outlet_source = outlet_from(url, cleaned.removed, dateline, text)
    if facts.outlet is None and (page.get("sitename") or page.get("outlet")):
        facts.outlet = str(page.get("sitename") or page.get("outlet"))
        facts.outlet_source = "html" if page.get("sitename") else "metadata"
    return facts
