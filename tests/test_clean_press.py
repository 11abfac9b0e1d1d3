"""Cleaning on the web versions of mainstream French press (../shared/corpus_press, from an Europresse
export): captions and credits separated by blank lines, credits naming a photographer and the outlet,
embedded posts' signatures, slide shows.

Every line below is read from the files; the rules were written on half A of corpus_press
(tests/halves.py) and kept only where they did not hurt half B, corpus_dev and the seeds, nor
remove content from the other 267 articles of the Europresse export corpus_press was drawn from
(../shared/exports/europresse).
"""
from __future__ import annotations

import csv
import re

import pytest

from sinokaz_utils.clean import clean_text, find_repeated_lines
from sinokaz_utils.read import normalize_for_matching, read_file


@pytest.fixture(scope="module")
def press(corpus_press):
    """``{doc_id: CleanResult}`` for corpus_press, cleaned as ``sinokaz documents`` does (outlets as sites)."""
    raw = corpus_press / "raw"
    with open(corpus_press / "metadata.csv", encoding="utf-8") as f:
        outlets = {r["doc_id"]: r["outlet"] for r in csv.DictReader(f)}
    docs = [read_file(p, root=raw) for p in sorted(raw.glob("*.txt"))]
    repeats = find_repeated_lines(docs, outlets=outlets)
    return {d.doc_id: clean_text(d.text, repeats=repeats[d.doc_id]) for d in docs}


def _lines(corpus_press, doc_id: str) -> list[str]:
    return (corpus_press / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")


def _removed(result) -> dict[str, str]:
    return {line: rule for _, line, rule in result.removed}


def _kept(result) -> set[str]:
    return set(result.text_clean.split("\n"))


def test_a_caption_across_a_blank_line_from_its_credit(corpus_press, press):
    """p002: an agency caption ends with the picture's date and no stop; a blank line parts it from its credit."""
    lines = _lines(corpus_press, "p002")
    caption, credit = lines[30], lines[32]
    assert caption.startswith("Thomas Pesquet lors d'une conférence") and credit == "© AFP - JULIEN DE ROSA"
    removed = _removed(press["p002"])
    assert (removed[caption], removed[credit]) == ("photo_caption", "photo_credit")
    # the paragraphs around it stay
    assert {lines[28], lines[34]} <= _kept(press["p002"])


def test_a_caption_ending_with_a_photographer_and_the_outlet(corpus_press, press):
    """p025: "… à Marseille. Christophe Lucet / "Sud Ouest"": a name, a slash, the source."""
    line = _lines(corpus_press, "p025")[12]
    assert line.endswith('Christophe Lucet / "Sud Ouest"')
    assert _removed(press["p025"])[line] == "photo_caption"


def test_intertitles_of_press_articles_are_kept(corpus_press, press):
    """Short lines between paragraphs that head the article's own sections stay, in every half-A article."""
    intertitles = {"p002": ['- "Sinistre spectacle" -'], "p004": ["Le goût du voyage", "« Chi va piano va sano e va lontano »",
                                                                   "SON PROFIL..."],
                   "p005": ["- Bonne entente, facteur capital -", "- Se doucher et rêver avec la gravité -"],
                   "p006": ["Possible de grimper les cols mythiques du Tour de France"],
                   "p010": ['Thomas Pesquet : "Rendez-vous sur la lune dans quelques années"'],
                   "p015": ["« Un centre du XXIe siècle »", "Des logements dans l'actuelle caserne ?"],
                   "p025": ['"Des cadavres qui flottaient"', 'Traversées "épouvantables"', '"Harcèlement administratif"',
                            "Morts sans sépulture"]}
    for doc_id, titles in intertitles.items():
        lines = set(_lines(corpus_press, doc_id))
        for t in titles:
            assert t in lines, (doc_id, t)
            assert t in _kept(press[doc_id]), (doc_id, t)


def test_no_content_line_of_corpus_press_is_lost(corpus_press, press):
    """Lines the gold does not list as boilerplate are all in text_clean (the scorer's rule)."""
    with open(corpus_press / "gold" / "documents.csv", encoding="utf-8") as f:
        gold = {r["doc_id"]: r for r in csv.DictReader(f)}
    lost = []
    for doc_id, g in gold.items():
        bp = {normalize_for_matching(b) for b in g["boilerplate_lines"].split(" || ")}
        cleaned = normalize_for_matching(press[doc_id].text_clean)
        for line in _lines(corpus_press, doc_id):
            form = normalize_for_matching(line)
            if form and form not in bp and form not in cleaned:
                lost.append((doc_id, line[:60]))
    assert lost == []


def test_a_slide_show_loses_its_counters_and_credits_keeps_its_captions(corpus_press, press):
    """p010: twelve slides, each "k/12 -", then the picture's credit ("Thomas Pesquet" alone on its line) or
    the credit glued to the caption; counters and lone credits go, captions (sentences) stay."""
    lines = [line for line in _lines(corpus_press, "p010") if line.strip()]
    removed, kept = _removed(press["p010"]), _kept(press["p010"])
    counters = [line for line in lines if line.endswith("/12 -")]
    assert len(counters) == 12 and {removed[c] for c in counters} == {"slide_counter"}
    assert removed["Thomas Pesquet"] == "photo_credit" and "Thomas Pesquet" not in kept
    glued = [line for line in lines if line.startswith("Thomas Pesquet ") and len(line) > 40]
    assert len(glued) >= 4 and all(line in kept for line in glued)
    # a slide counter is not a date: it is no stamp for the dating rules
    assert all(rule != "date_stamp" for rule in removed.values())


def test_an_embedded_posts_signature_stays_for_the_statements(corpus_press, press):
    """p010: "- Thomas Pesquet (@Thom_astro) August 31, 2022" says who wrote the post above it
    (statements.rules.embedded_posts); removed by its shape, the same rule took a line the gold of
    half B counts as content, so it was not kept."""
    line = _lines(corpus_press, "p010")[8]
    assert line == "- Thomas Pesquet (@Thom_astro) August 31, 2022" and line in _kept(press["p010"])


def test_a_credit_glued_to_its_caption(corpus_press):
    """p001: the export glued each credit to its caption ("© TF1L’astronaute français…"): a caption by
    its start; p024: an intertitle glued to its paragraph ("« Des stéréotypes absolument faux »Les
    freins…") starts with no credit and is content."""
    from sinokaz_utils.clean import is_caption

    glued = [line for line in _lines(corpus_press, "p001") if re.match(r"© \S*[a-z0-9][A-ZÀ-Ý]", line)]
    assert len(glued) == 3 and all(is_caption(line) for line in glued)
    intertitle = next(line for line in _lines(corpus_press, "p024") if line.startswith("« Des stéréotypes"))
    assert not is_caption(intertitle)


def test_the_start_of_a_removed_caption_printed_again_alone(corpus_press):
    """A page prints a picture's title (or its alternative text) apart from its caption: p002's agency
    caption, with its start again on a line of its own further down, loses both; the article stays."""
    lines = _lines(corpus_press, "p002")
    caption = lines[30]
    start = " ".join(caption.split()[:7])  # "Thomas Pesquet lors d'une conférence au Congrès"
    text = "\n".join(lines[:36] + [start, ""] + lines[36:])
    r = clean_text(text)
    assert {line: rule for _, line, rule in r.removed}[start] == "photo_caption"
    plain = clean_text("\n".join(lines))
    assert r.text_clean == plain.text_clean and r.headline == plain.headline


# Lines copied from other articles of the Europresse export corpus_press was drawn from
# (../shared/exports/europresse/pesquet_19-11-21_a_26-10-23.HTML: Le Parisien, Le Point, Télérama,
# HuffPost, Dernières Nouvelles, Ouest-France), with the rule that removes them.
EXPORT_FURNITURE = [
    ("VIDÉO. Thomas Pesquet : « La Lune, c'est le rêve de tout le monde »", "media_link"),
    ("VIDÉO. Le prestidigitateur Maxime Tabart réalise un tour de magie", "media_link"),
    ("Vidéo. Thomas Pesquet, deuxième au classement des personnalités préférées des Français.", "media_link"),
    ("Voir le tweet", "embedded_post"),
    ("» Suivez toutes les infos de TV Magazine sur Facebook et Twitter.", "share_bar"),
    ("Propos recueillis par Marc Belpois", "byline"),
    ("Propos recueillis par Philippe LEMOINE.", "byline"),
    ("Recueilli par Gérald Camier et Clément Gassi", "byline"),
    ("Photo Audoin Desforges pour Télérama", "photo_credit"),
    ("Jean VENTOUILLAC.", "byline"),
    ("Gaëlle FLEITOUR.", "byline"),
    ("LISE BOULESTEIX et SAMI SADIK", "byline"),
    ("Par Frédéric Autran et Julien Gester Envoyé spécial à Washington", "byline"),
    ("Florence Chédotal [email protected]", "footer"),
    ("Cet article a également été publié dans les éditions suivantes : Nièvre, page 3", "footer"),
    ("est réservée aux abonné(e)s. Découvrez l'offre Premium :", "paywall"),
    ("Cet article est réservé aux abonnés Abonnez-vous pour en profiter", "paywall"),
]
# content lines of the same articles, of the same shapes
EXPORT_CONTENT = [
    "JENNIFER. Comment voyez-vous les effets du réchauffement climatique depuis l'espace ?",
    "CLARA. La célébrité et la médiatisation vous pèsent-elles ?",
    # an embedded post's own words (a statement), with its link
    "EN IMAGES. Top 50 : voici les personnalités préférées des Français de 2022https://t.co/UNHv2jdL0y",
    "Curiosité, audace et bagou",
    "Le retour du Poinçonnet ?",
]


@pytest.mark.parametrize("line, rule", EXPORT_FURNITURE)
def test_furniture_of_other_press_pages(line, rule):
    from sinokaz_utils.clean import load_rules, match_line

    rules = load_rules()
    lines = ["Un titre d'article de presse", "Le premier paragraphe de l'article est ici.", "Un autre paragraphe.", line]
    matched = [r.name for r in rules.rules if match_line(line, r, shapes=rules.shapes)]
    assert matched and matched[0] == rule, matched
    assert ({line: rule for _, line, rule in clean_text("\n".join(lines)).removed}).get(line) == rule


@pytest.mark.parametrize("line", EXPORT_CONTENT)
def test_content_of_other_press_pages(line):
    from sinokaz_utils.clean import load_rules, match_line

    rules = load_rules()
    assert [r.name for r in rules.rules if match_line(line, r, shapes=rules.shapes)] == []


def test_a_video_link_shape_at_the_top_is_the_headline(raw_dir):
    """A page whose own headline reads like a link ("VIDÉO. …") keeps it, as its headline."""
    lines = (raw_dir / "003_280498be22c27ec9.txt").read_text(encoding="utf-8").split("\n")
    headline = "VIDÉO. Le prestidigitateur Maxime Tabart réalise un tour de magie"
    r = clean_text("\n".join([headline] + lines[1:]))
    assert r.headline == headline


def test_a_name_alone_closing_the_article_is_its_signature(corpus_press):
    """La Nouvelle République, L'Express, Le Progrès sign below the text ("Jean-Sébastien Le Berre",
    "Samir Touzani"), above the export's closing line: the name goes; the same name between two
    paragraphs, and the article, stay (p025)."""
    lines = "\n".join(_lines(corpus_press, "p025")).rstrip().split("\n")
    assert lines[-1].startswith("Cet article est paru dans")
    plain = clean_text("\n".join(lines))
    for name in ("Jean-Sébastien Le Berre", "Samir Touzani"):
        r = clean_text("\n".join(lines[:-1] + [name, ""] + lines[-1:]))
        assert r.text_clean == plain.text_clean and (name, "byline") in [(line, rule) for _, line, rule in r.removed]
        inside = clean_text("\n".join(lines[:-4] + [name, ""] + lines[-4:]))
        assert name in inside.text_clean.split("\n")


def test_the_headline_of_another_article_between_paragraphs(corpus_press, press):
    """p003 (La Montagne): "Connaissez-vous le radiotélescope de Nançay (Cher) ?" links to another
    article: a town and its département in brackets, as regional dailies title; the article's own
    headline of that shape stays its headline, and a sentence naming the same place stays."""
    lines = _lines(corpus_press, "p003")
    link = lines[10]
    assert link == "Connaissez-vous le radiotélescope de Nançay (Cher) ?"
    assert _removed(press["p003"])[link] == "linked_headline"
    assert press["p003"].headline == lines[0] and lines[0].endswith("à Guéret (Creuse)")
    prose = "Le radiotélescope de Nançay (Cher) a été inauguré en 1965 par le général de Gaulle."
    r = clean_text("\n".join(lines[:10] + [prose, ""] + lines[11:]))
    assert prose in _kept(r)


def test_a_caption_ending_with_its_source_between_paragraphs(corpus_press):
    """Sud Ouest and Le Monde end a caption with its source after the last stop (export lines below);
    between two paragraphs of p025 it goes; a dispatch sentence its agency signs, told in the past,
    stays, and so does the same caption closing the article (where an agency signs its dispatch)."""
    lines = "\n".join(_lines(corpus_press, "p025")).rstrip().split("\n")
    dispatch = "Les deux parties ont signé plusieurs accords de coopération, a indiqué l'agence. Reuters"
    for caption in ("Avec un peu de matériel et un peu d'expérience, n'importe quel amateur peut participer à ce "
                    "rendez-vous de la Nasa. Reuters",
                    "La classe 2022 des astronautes européens, qui inclut ceux qui intègrent la réserve du Corps "
                    "des astronautes. Capture d'écran ESA"):
        r = clean_text("\n".join(lines[:8] + [caption, "", dispatch, ""] + lines[8:]))
        removed = {line: rule for _, line, rule in r.removed}
        assert removed.get(caption) == "photo_caption" and dispatch not in removed
        closing = clean_text("\n".join(lines[:-1] + [caption, ""] + lines[-1:]))
        assert caption in _kept(closing)
