"""Who said what: reported statements in French press and wire copy, with their speakers.

The method, one module per step:

- ``lexicons``: the facts, as data — French reporting verbs matched by lemma with the positions
  in which each may cue speech (``data/lexicons/speech_verbs.csv``), role nouns, collective and
  document speakers;
- ``quotes``: quotation marks, as printed or as exported;
- ``resolve``: who a name, a role noun, a pronoun or a collective designates within the article
  (the gazetteer of ``actors``, the persons the entity recogniser finds);
- ``cues``: which words of a parsed sentence are cues, and of what kind (verb before or after the
  content, incise with the subject inverted, participle, narrative infinitive, "comme" incise,
  quoted words in a reporting verb's clause);
- ``rules``: one rule per kind of cue — what was said and where its speaker is written — and
  "selon X", "X : « ... »";
- ``continuations``: sentences that go on with the last speaker's words without a cue of their own;
- ``pipeline``: the candidate sentences parsed in the worker that tagged them, each article read
  in order (quotations running across sentences and broken by incises), the cached table.

Why rules and a parse together: the parser finds the subject of a speech verb wherever the
sentence puts it ("M. Xi, qui ..., a déclaré"); the rules know French reporting conventions the
small model often misparses (postposed "a déclaré M. Wang", "a-t-il ajouté", "selon lui").

What does not belong here: the gazetteer facts and role tenures (``actors`` and ``data/``),
tokenisation (``nlp``), any analysis of the statements (``speakers``).

Example:
    >>> from sinokaz_utils.corpus import load_corpus
    >>> st = extract_statements(load_corpus())
    >>> sorted(set(st.speaker_type))
    ['collective', 'document', 'person']
"""
from __future__ import annotations

from .lexicons import read_speech_verbs
from .pipeline import (STATEMENT_COLUMNS, build_statements, candidate_sentences, extract_statements,
                       unknown_name_sentences)

# the names the tests of the candidate filters have always used
_candidate_sentences = candidate_sentences
_unknown_name_sentences = unknown_name_sentences

__all__ = ["STATEMENT_COLUMNS", "build_statements", "extract_statements", "read_speech_verbs"]
