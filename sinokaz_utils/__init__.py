"""sinokaz: a research toolkit for French-language media coverage of China–Kazakhstan relations.

The public API is re-exported here lazily (importing ``sinokaz_utils`` does not load spaCy or
matplotlib until a function that needs them is used). Modules, by the one arrow of dependence:

config ← cache ← corpus (read, clean, dates, duplicates) ← nlp ← statements; nlp ← terms (words,
voice, units, the term matrix, keyness, collocations) ← analyses (keywords, topics, speakers, classes:
peers that never import each other; timeline); plotting depends on config only and never computes.
"""
from __future__ import annotations

import importlib

from .config import VERSION as __version__

# public name -> module that defines it; each module adds its own names here.
_EXPORTS = {
    # corpus layer
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "documents_table": "corpus",
    "normalize_for_matching": "read",
    # NLP and statements
    "load_nlp": "nlp",
    "extract_statements": "statements",
    "read_actors": "actors",
    "tokenize_corpus": "nlp", "stopwords": "nlp", "correct_lemma": "nlp", "resolve_role": "actors",
    # the terms layer
    "select_words": "terms", "select_terms": "terms", "assign_voice": "terms", "build_units": "terms",
    "segment_words": "terms", "TermMatrix": "terms", "term_matrix": "terms", "score_keyness": "terms",
    "find_collocates": "terms", "find_collocations": "terms",
    # analyses: topics and speakers
    "fit_topics": "topics", "select_k": "topics", "topic_prevalence": "topics", "topics_over_time": "topics", "count_quotes": "speakers", "speaker_keyness": "speakers", "speaker_similarity": "speakers", "find_formulas": "speakers",
    # analyses: lexical classes (Reinert) and correspondence analysis
    "classify_segments": "classes", "class_profiles": "classes", "typical_segments": "classes",
    "cross_classes": "classes", "segment_variables": "classes", "summarize_classes": "classes",
    "correspondence_analysis": "classes",
    # analyses: timeline and keywords
    "count_articles": "timeline", "extract_events": "timeline", "count_meetings": "timeline", "read_milestones": "timeline", "date_documents": "timeline", "keyword_trends": "keywords", "extract_kwic": "keywords", "compare_keyness": "keywords", "read_keyword_groups": "keywords",
    # figures
    "use_style": "plotting",
    "save_figure": "plotting",
    "skip_figure": "plotting", "color_for": "plotting", "plot_keyness": "plotting.terms",
    # notebooks
    "run_notebooks": "run",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sinokaz_utils' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))


__all__ = sorted(_EXPORTS) + ["__version__"]
