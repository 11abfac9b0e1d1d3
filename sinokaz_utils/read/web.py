"""Web pages saved from a browser or a scraper: the main text of one article per page.

What belongs here: extracting the article of an HTML page with trafilatura (navigation,
scripts, comments and footers left out) and the facts the page states about itself (title,
canonical URL, site name, date). What does not: press-database exports saved as HTML
(``europresse``, ``factiva``, ``nexis``), which hold many articles in one file.
"""
from __future__ import annotations

import re

from .text import normalize_for_matching


def read_html(html: str) -> tuple[str, dict]:
    """Extract the main text of an HTML page with trafilatura; return ``(text, page_facts)``.

    The text has one paragraph per line, the page's headline first (when the page has one);
    navigation, scripts, comments and footers are left out by trafilatura. ``page_facts`` holds
    the title, canonical URL, site name and the date the page's own metadata states.

    Example:
        >>> text, facts = read_html("<html><head><title>T</title></head><body><article>"
        ...     "<h1>Titre</h1><p>Le président chinois Xi Jinping a rencontré mercredi à Astana "
        ...     "son homologue kazakh Kassym-Jomart Tokaïev pour parler de coopération.</p>"
        ...     "</article></body></html>")
        >>> "Xi Jinping" in text
        True
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return "", {}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    body = (get("text") or "").strip()
    title = _strip_site_suffix((get("title") or "").strip(), get("sitename") or "")
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if title and (not lines or normalize_for_matching(lines[0]) != normalize_for_matching(title)):
        lines.insert(0, title)
    facts = {k: get(k) for k in ("title", "url", "sitename", "date") if get(k)}
    if title:
        facts["title"] = title
    return "\n".join(lines) if body else "", facts


def _strip_site_suffix(title: str, sitename: str) -> str:
    # page titles often end with the site's name: "Xi Jinping au Kazakhstan - Xinhua | French.news.cn"
    m = re.match(r"^(.{10,}?)\s+[|–—-]\s+(.{2,60})$", title)
    if not m:
        return title
    tail = normalize_for_matching(m.group(2))
    site = normalize_for_matching(sitename)
    if (site and (site in tail or tail in site)) or re.search(r"\w\.(?:cn|com|fr|kz|net|org)\b", tail):
        return _strip_site_suffix(m.group(1).strip(), sitename)
    return title

