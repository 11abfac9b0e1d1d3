"""Dates, places, titles and outlets: each date form on real lines and URLs of the corpora."""
from __future__ import annotations

import datetime as dt

import pytest

from sinokaz_utils.clean import clean_text
from sinokaz_utils.dates import (date_from_url, derive_title, event_from_lead, extract_facts, find_dateline,
                                 make_date, parse_date, place_from_lead)
from sinokaz_utils.read import read_file

D = dt.date


@pytest.mark.parametrize("line, full, partial", [
    ("2018-06-08 10:20:25", D(2018, 6, 8), None),
    ("fmprc.gov.cn| Mis à jour : 2021-01-22", D(2021, 1, 22), None),
    ("23 Août 2025 08:40 (UTC+01:00)", D(2025, 8, 23), None),
    ("Xinhua 27.04.2025 08h42", D(2025, 4, 27), None),
    ("Sur http://french.cri.cn le 25 janvier 2010", D(2010, 1, 25), None),
    ("Dernière mise à jour à 09h10 le 14/09", None, "--09-14"),
    ("Dernière mise à jour à 10h52 le 10/01", None, "--01-10"),
    ("Il est ce 14 septembre au Kazakhstan", None, "--09-14"),
    ("le 31 février 2024", None, None),  # impossible: rejected, not shifted
    ("le 30 février", None, None),
    # day first, as French writes numeric dates; year first when the year comes first
    ("Dernière mise à jour à 09h20 le 03/11", None, "--11-03"),
    ("Publié le 03/11/2020 à 09h20", D(2020, 11, 3), None),
    ("Publié le 2023/04/03", D(2023, 4, 3), None),
    ("2023.04.03 10:15", D(2023, 4, 3), None),
    # an English template: month first where the day shows it, else not read
    ("March 30, 2023", D(2023, 3, 30), None),
    ("Thursday, March 30th, 2023 10:15 AM", D(2023, 3, 30), None),
    ("Posted 03/30/2023 10:15 AM", D(2023, 3, 30), None),
    ("Posted 03/04/2023 10:15 AM", None, None),
])
def test_parse_date_forms(line, full, partial):
    f = parse_date(line)
    assert (f.date, f.partial) == (full, partial)


@pytest.mark.parametrize("url, want", [
    ("http://sn-sn.com/Chine/n/2014/1215/c31354-8822657.html", D(2014, 12, 15)),
    ("http://french.xinhuanet.com/2015-08/31/c_134574151.htm", D(2015, 8, 31)),
    ("http://fr.cidca.gov.cn/2021-01/22/c_586771.htm", D(2021, 1, 22)),
    ("https://www.le-caucase.com/2017/05/19/chine-cooperations-kazakhstan/", D(2017, 5, 19)),
    ("https://francais.news-pravda.com/world/2025/07/31/510998.html", D(2025, 7, 31)),
    ("https://french.news.cn/20240703/19f7149e30d344f39ddc8dd89a876588/c.html", D(2024, 7, 3)),
    ("https://actumeridien.com/china/20251114-la-chine-et-le-kazakhstan-renforcent", D(2025, 11, 14)),
    ("https://www.mfa.gov.cn/fra/wjdt/wjhd/202510/t20251030_11744289.html", D(2025, 10, 30)),
    ("https://www.mediapart.fr/journal/international/271219/au-kazakhstan-l-inevitable-montee", D(2019, 12, 27)),
    ("http://french.peopledaily.com.cn/Chine/n3/2020/0914/c31354-9760000.html", D(2020, 9, 14)),
    ("http://french.peopledaily.com.cn/Chine/8426473.html", None),
    # the URL date forms of two other French outlets (RFI, Le Monde); the slugs are illustrative
    ("https://www.rfi.fr/fr/asie-pacifique/20220914-xi-jinping-au-kazakhstan", D(2022, 9, 14)),
    ("https://www.lemonde.fr/international/article/2022/09/14/xi-jinping-au-kazakhstan_6141600_3210.html", D(2022, 9, 14)),
    ("https://www.maliweb.net/international/xi-jinping-sentretient-avec-le-president-kazakh-3022305.html", None),
    ("https://news-24.fr/le-president-chinois-xi-promet-sa-souverainete/", None),
    # a date only where the form says so: an article number that happens to read as one is not
    ("https://www.example-actu.fr/2019/09/11/la-chine-et-le-kazakhstan/", D(2019, 9, 11)),
    ("https://www.example-actu.fr/monde/20190911-la-chine-et-le-kazakhstan", D(2019, 9, 11)),
    ("https://www.example-actu.fr/actualite/20190911.html", None),
    ("https://www.example-actu.fr/actualite/article-20190911.html", None),
    ("https://www.mfa.gov.cn/fra/gjhdq/yz/1716/1718", None),
])
def test_url_date_forms(url, want):
    assert date_from_url(url).date == want


def test_url_month_only_is_partial():
    f = date_from_url("https://eurokaznews.blogspot.com/2010/01/loleoduc-sino-kazakh-transporte-20.html")
    assert f.date is None and f.partial == "2010-01"


@pytest.mark.parametrize("line, place, month, day", [
    ("BEIJING, 30 mars (Xinhua) -- Le ministre chinois des Affaires étrangères ...", "Beijing", 3, 30),
    ("ASTANA, 2 juillet (Xinhua) -- Le président chinois Xi Jinping est arrivé mardi au Kazakhstan", "Astana", 7, 2),
    ("NUR-SULTAN, Kazakhstan (AP) – Le président chinois Xi Jinping a entamé mercredi", "Nur-Sultan", None, None),
])
def test_datelines(line, place, month, day):
    d = find_dateline([line])
    assert d["place"] == place and d.get("month") == month and d.get("day") == day


def test_no_dateline_in_ordinary_lead():
    assert find_dateline(["Le président chinois Xi Jinping a rencontré lundi à Beijing le président kazakh."]) is None


@pytest.mark.parametrize("lead, ref, want", [
    # weekday resolved to the latest such day on or before the reference
    ("Le président chinois Xi Jinping s'est entretenu avec son homologue kazakh Noursoultan Nazarbaïev jeudi à "
     "Beijing, les deux hommes ayant convenu de consolider l'amitié traditionnelle.", D(2018, 6, 8), D(2018, 6, 7)),
    ("Le président chinois Xi Jinping a rencontré lundi à Beijing le président kazakh Noursoultan Nazarbaïev, "
     "s'engageant à renforcer les relations bilatérales.", D(2015, 8, 31), D(2015, 8, 31)),
    ("Jeudi dernier à Pékin, Wang Yi a accueilli Murat Nurtleu.", D(2025, 11, 14), D(2025, 11, 13)),
    ("Jeudi dernier à Pékin, Wang Yi a accueilli Murat Nurtleu.", D(2025, 11, 13), D(2025, 11, 6)),
    # an explicit date wins, with or without a reference
    ("Le 28 octobre 2025, Wang Yi, membre du Bureau politique, s’est entretenu à Beijing avec le nouveau ministre.",
     None, D(2025, 10, 28)),
    ("Astana, Kasachstan - Le 16 juin 2025, le deuxième sommet entre la Chine et l'Asie centrale commence à Astana.",
     None, D(2025, 6, 16)),
    # nothing to resolve against: no date (never guess)
    ("Le président chinois Xi Jinping s’est entretenu mercredi, à Xi’an, avec le président kazakh.", None, None),
    # a range is not the event date
    ("c’est autour d’Astana d’accueillir le deuxième Sommet Chine-Asie centrale du 16 au 18 juin 2025.", None, None),
    # two different weekdays: ambiguous
    ("La sixième CICA se déroule mercredi et jeudi à Astana, capitale du Kazakhstan.", D(2022, 10, 13), None),
])
def test_event_from_lead(lead, ref, want):
    assert event_from_lead(lead, ref, "url" if ref else None, []).date == want


def test_weekday_resolved_by_a_caption_date_of_that_weekday():
    lead = ("Dans une première historique, le sommet chinois-central a été organisé dans un pays d’Asie centrale, en "
            "tant que dirigeants de Chine et cinq nations d’Asie centrale réunies mardi à Astana.")
    caption = ("Le président chinois Xi Jinping (3e L) et les dirigeants des cinq pays d'Asie centrale posent pour des "
               "photos lors du deuxième sommet chinois-Asie à Astana, Kazakhstan, 17 juin 2025. / Xinhua")
    assert event_from_lead(lead, None, None, [caption]).date == D(2025, 6, 17)
    # a caption date on another weekday proves nothing
    assert event_from_lead(lead.replace("mardi", "jeudi"), None, None, [caption]).date is None


def test_impossible_dates_rejected():
    assert make_date(2023, 2, 29) is None and make_date(2024, 2, 29) == D(2024, 2, 29)
    assert make_date(2024, 13, 1) is None and make_date(1850, 1, 1) is None


def test_place_from_lead():
    assert place_from_lead("Le vice-président chinois Wang Qishan a rencontré le président kazakh Kassym-Jomart "
                           "Tokayev jeudi à Astana alors qu’il assistait au sixième sommet.") == "Astana"
    assert place_from_lead("Le président chinois Xi Jinping s’est entretenu mercredi, à Xi’an, avec le président "
                           "kazakh Kassym-Jomart Tokaïev.") == "Xi’an"
    assert place_from_lead("Le 15 juillet 2025, Wang Yi a rencontré à Tianjin Murat Nurtleu.") == "Tianjin"
    assert place_from_lead("Plusieurs manifestations anti-chinoises ont été organisées ce samedi au Kazakhstan.") is None


def test_derived_title_is_flagged(raw_dir):
    doc = read_file(raw_dir / "002_d2da79301447a48e.txt", root=raw_dir)
    f = extract_facts(doc.text, clean_text(doc.text))
    assert f.title_derived and f.title_source == "lead"
    assert f.title.startswith("Le président kazakh Kassym-Jomart Tokaïev a rencontré samedi")
    assert derive_title([]) is None


def test_seed_facts_without_metadata(raw_dir):
    """The text alone gives 001's dates; 002's stamp has no year: partial kept, no date."""
    doc = read_file(raw_dir / "001_7838cbda7f5bb796.txt", root=raw_dir)
    f = extract_facts(doc.text, clean_text(doc.text))
    assert (f.published, f.published_source) == (D(2018, 6, 8), "text")
    assert (f.event_date, f.event_place) == (D(2018, 6, 7), "Beijing")
    assert f.title_source == "headline" and not f.title_derived
    doc = read_file(raw_dir / "002_d2da79301447a48e.txt", root=raw_dir)
    f = extract_facts(doc.text, clean_text(doc.text))
    assert f.published is None and f.published_partial == "--09-14" and f.event_date is None
    assert (f.outlet, f.outlet_source) == ("Le Quotidien du Peuple en ligne", "template")


def test_stamp_partial_takes_the_url_year():
    text = ("Dernière mise à jour à 09h10 le 14/09\nLe président kazakh Kassym-Jomart Tokaïev a rencontré samedi "
            "le conseiller d'Etat et ministre des Affaires étrangères de Chine, Wang Yi.")
    f = extract_facts(text, clean_text(text), url="http://french.peopledaily.com.cn/Chine/n3/2020/09/9760000.html")
    assert (f.published, f.published_source) == (D(2020, 9, 14), "text+url")
    assert f.event_date == D(2020, 9, 12)


def test_outlets_from_url_and_signature(raw_dir):
    doc = read_file(raw_dir / "000_2fa27e3e7f02c325.txt", root=raw_dir)
    f = extract_facts(doc.text, clean_text(doc.text))
    assert (f.outlet, f.outlet_source) == ("Global Times", "signature")
    f = extract_facts(doc.text, clean_text(doc.text), url="https://www.unknown-site.example/x")
    assert (f.outlet, f.outlet_source) == ("unknown-site.example", "url")


def test_corpus_dev_dates_never_wrong(corpus_dev):
    """Every date extracted from corpus_dev (text + URL) equals the gold, where the gold has one."""
    import csv

    gold = {r["doc_id"]: r for r in csv.DictReader(open(corpus_dev / "gold" / "documents.csv", encoding="utf-8"))}
    urls = {r["doc_id"]: r["url"] for r in csv.DictReader(open(corpus_dev / "urls.csv", encoding="utf-8"))}
    raw = corpus_dev / "raw"
    wrong, right = [], 0
    for doc_id, g in gold.items():
        doc = read_file(raw / f"{doc_id}.txt", root=raw)
        f = extract_facts(doc.text, clean_text(doc.text), url=urls.get(doc_id))
        for field in ("published", "event_date"):
            got = getattr(f, field)
            if g[field] and got:
                if got.isoformat() == g[field]:
                    right += 1
                else:
                    wrong.append((doc_id, field, got, g[field]))
    assert wrong == []
    assert right >= 36


@pytest.mark.parametrize("lead, ref, want", [
    # a067: a weekday in a sentence about what is to come is not resolved backwards
    ("Jeudi, Xi devrait s’envoler pour Samarkand, en Ouzbékistan voisin, pour un sommet de l’Organisation de "
     "coopération de Shanghai.", D(2022, 9, 14), None),
    # a047: a preview
    ("A l'occasion de la prochaine visite du président chinois Xi Jinping à Astana, le Kazakhstan souhaite exploiter "
     "davantage son potentiel de coopération avec la Chine, a indiqué mardi un responsable.", D(2017, 6, 7), None),
    # a071: "hier" counts back from the reference date
    ("Le président chinois Xi Jinping est arrivé, hier, au Kazakhstan, pour sa première visite à l’étranger depuis "
     "le début de la pandémie.", D(2022, 9, 15), D(2022, 9, 14)),
    # a090 (background date): an explicit date far before the reference is not the event
    ("C'est la cinquième visite de M. Xi au Kazakhstan, après sa précédente visite d'Etat le 14 septembre 2022.",
     D(2024, 7, 3), None),
])
def test_event_never_guessed_from_future_or_background(lead, ref, want):
    assert event_from_lead(lead, ref, "url", []).date == want


@pytest.mark.parametrize("line, place, agency", [
    ("Pékin (AFP) - La Chine a promis mercredi de soutenir le Kazakhstan.", "Pékin", "AFP"),
    ("ASTANA. KAZINFORM - Le président Kassym-Jomart Tokaïev a reçu mardi l'ambassadeur de Chine.", "Astana", "KAZINFORM"),
    ("Astana, le 14 septembre 2022 - Le président chinois Xi Jinping a rencontré mercredi Kassym-Jomart Tokaïev.",
     "Astana", ""),
    # a press release
    ("BEIJING, 4 juillet 2024 /PRNewswire/ -- La Chine et le Kazakhstan se sont toujours soutenus mutuellement.",
     "Beijing", "PRNewswire"),
])
def test_agency_dateline_forms(line, place, agency):
    d = find_dateline([line])
    assert (d["place"], d["agency"]) == (place, agency)


# --------------------------------------------------------------------------- issue 13: dates that are never wrong


def test_every_date_carries_its_evidence(corpus_dev):
    import csv

    urls = {r["doc_id"]: r["url"] for r in csv.DictReader(open(corpus_dev / "urls.csv", encoding="utf-8"))}
    raw = corpus_dev / "raw"
    for path in sorted(raw.glob("*.txt")):
        doc = read_file(path, root=raw)
        url = urls.get(doc.doc_id)
        f = extract_facts(doc.text, clean_text(doc.text, url=url), url=url)
        if f.published:
            assert f.published_evidence and (f.published_evidence in doc.text or f.published_evidence in url), doc.doc_id
        if f.event_date:
            assert f.event_date_evidence and f.event_date_evidence.split(" ; ")[0] in doc.text, doc.doc_id


def test_a_stamp_and_a_url_that_disagree_leave_the_date_empty_with_both_kept(raw_dir):
    """Seed 001's stamp says 2018-06-08; a URL saying 2018-06-09 disagrees: no date, two candidates."""
    doc = read_file(raw_dir / "001_7838cbda7f5bb796.txt", root=raw_dir)
    url = "https://www.example-actu.fr/2018/06/09/chine-kazakhstan/"
    f = extract_facts(doc.text, clean_text(doc.text, url=url), url=url)
    assert f.published is None
    assert f.published_candidates == "2018-06-08 (text: 2018-06-08 10:20:25) | 2018-06-09 (url: /2018/06/09/)"
    # the same URL's date with the stamp's: agreement
    url = "https://www.example-actu.fr/2018/06/08/chine-kazakhstan/"
    f = extract_facts(doc.text, clean_text(doc.text, url=url), url=url)
    assert (f.published, f.published_source, f.published_evidence) == (D(2018, 6, 8), "text", "2018-06-08 10:20:25")


def test_an_update_stamp_after_the_url_date_keeps_the_url_date(raw_dir):
    """Seed 002's People's Daily stamp 'Dernière mise à jour … le 14/09' is an update: with a URL
    date two days before it, the URL dates the publication."""
    doc = read_file(raw_dir / "002_d2da79301447a48e.txt", root=raw_dir)
    url = "http://french.peopledaily.com.cn/Chine/n3/2020/0912/c31354-9760000.html"
    f = extract_facts(doc.text, clean_text(doc.text, url=url), url=url)
    assert (f.published, f.published_source, f.published_evidence) == (D(2020, 9, 12), "url", "/2020/0912/")
    assert f.published_candidates is None


def test_an_english_date_line_above_a_french_article_is_its_stamp(raw_dir):
    doc = read_file(raw_dir / "003_280498be22c27ec9.txt", root=raw_dir)
    text = "March 30, 2024\n" + doc.text
    r = clean_text(text)
    assert (1, "March 30, 2024", "date_stamp") in r.removed
    f = extract_facts(text, r)
    assert (f.published, f.published_evidence) == (D(2024, 3, 30), "March 30, 2024")
    assert f.event_date == D(2024, 3, 29)  # "vendredi à Beijing"


def test_a_weekday_in_the_present_tense_is_not_resolved_backwards(shared_dir):
    """corpus_press p003, published Tuesday 29 Nov 2022: 'se termine jeudi' is the coming Thursday."""
    raw = shared_dir / "corpus_press" / "raw"
    doc = read_file(raw / "p003.txt", root=raw)
    f = extract_facts(doc.text, clean_text(doc.text), page={"published": "2022-11-29"})
    assert f.event_date is None
    lead = "Le président chinois a rencontré jeudi son homologue."
    assert event_from_lead(lead, D(2022, 11, 29), "url", []).date == D(2022, 11, 24)
    # the present on the publication's own weekday is that day
    assert event_from_lead("Le mois de l’espace se termine mardi.", D(2022, 11, 29), "url", []).date == D(2022, 11, 29)
