"""Accuracy of `diplotext.parse` on real texts the project did not write (eval/).

    .venv/bin/python bench/run --only accuracy      # or: .venv/bin/python bench/accuracy.py
    .venv/bin/python bench/accuracy.py --details    # + per-text misses on the dev part only
    .venv/bin/python bench/accuracy.py --fresh NEW/*.txt  # aggregate of a new batch only

Per split (dev, held-out) and genre it prints quote-span precision/recall/F1, speaker
accuracy for quotes whose speaker the text names, reported-speech recall and the share of
texts whose sentence count is exact; then pySBD's English Golden Rules, pass/fail per case.
The held-out part is reported in aggregate only: it is never used for tuning rules.

Matching rules (also in docs/benchmarks.md):
- Quote spans: a parser quote matches an annotated quote when their character spans overlap;
  pairs are made one to one, largest overlap first. Exact match: identical start and end.
  Parser quotes overlapping a span annotated as `other_marked` (a title in quotation marks)
  count neither way.
- Speakers (annotated quotes whose speaker is named): `correct` when the surname (last word
  of the name, accents and case ignored, a Jr./Sr./II/III/IV after it skipped) of the
  parser's speaker name (or, failing that, its resolved actor's name) equals the annotated
  speaker's surname; `wrong` when the parser names someone else (a person, a state or an
  organisation); `empty` when it finds the quote but names nobody; `missed` when it finds
  no quote there. Correct and wrong are shares of all named quotes, so a missed quote
  counts against the goal but not as wrong.
- Speakers given where the text names none (annotated quotes with speaker `null`, such as a
  spokesperson the text leaves unnamed or a document): `unnamed` counts those the parser
  finds, `unnamed_given` those it gives a speaker anyway. They are not in the goal's
  denominator, so a rule that guesses would look free there; this count is what it costs.
- Reported speech: an annotated item is found when a parser `reported_speech` span overlaps it.
- Sentences: the text's count is exact when the parser's number of sentences equals the
  annotated number.
- Transcript turns: measured only once the parser's `to_dict()` has a `turns` list of
  `{start, end, speaker, speaker_name}`: an annotated turn (label to the next label) is
  found when a parser turn overlaps it (one to one), and its speaker is judged as above.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
GOLDEN = ROOT / "tests" / "data" / "golden_rules" / "en.json"
SPLITS = ("dev", "heldout")
GENRES = ("news", "transcript", "statement")
GOALS = {"speaker_correct": 0.85, "speaker_wrong": 0.05, "span_f1": 0.85, "sentences_exact": 0.90}


def load_set(root: Path = EVAL) -> list[dict]:
    """Every annotated text: the annotation dict plus its `text`."""
    return [load_item(txt) for split in SPLITS for txt in sorted((root / split).glob("*.txt"))]


def load_item(txt: Path) -> dict:
    """One annotated text: ``NAME.json``'s annotation plus the ``text`` of ``NAME.txt``."""
    ann = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    return {**ann, "text": txt.read_text(encoding="utf-8")}


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """One-to-one pairs gold index -> pred index of overlapping spans, largest overlap first."""
    pairs = sorted(
        ((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for size, i, j in pairs:
        if size and i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def surname(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    words = "".join(c if c.isalnum() or c == "-" else " " for c in plain).split()
    while len(words) > 1 and words[-1] in SUFFIXES:  # "Lloyd J. Austin III" is Austin
        words.pop()
    return words[-1] if words else ""


def speaker_verdict(gold: str, pred: str | None) -> str:
    if not pred:
        return "empty"
    return "correct" if surname(pred) == surname(gold) else "wrong"


def _pred_name(q: dict, actors: dict) -> str | None:
    if q.get("speaker_name"):
        return q["speaker_name"]
    actor = actors.get(q.get("speaker") or "")
    return actor["name"] if actor else None


def _score_turns(gold: list[dict], pred: list[dict], actors: dict) -> Counter:
    """Turns found (spans overlap, one to one) and the speaker of each labelled, named turn."""
    c: Counter = Counter(turns=len(gold))
    pairs = match(gold, pred)
    c["turns_found"] = len(pairs)
    for i, g in enumerate(gold):
        if g["speaker"]:
            c["turns_named"] += 1
            found = i in pairs
            name = _pred_name(pred[pairs[i]], actors) if found else None
            c["turn_" + (speaker_verdict(g["speaker"], name) if found else "missed")] += 1
    return c


def score_text(item: dict, out: dict) -> Counter:
    """Counts for one text from its annotation and the parser's `to_dict()` output."""
    c: Counter = Counter(texts=1)
    gold = item["quotes"]
    neutral = item.get("other_marked", [])
    pred = [q for q in out["quotes"] if not any(_overlap(q, o) for o in neutral)]
    pairs = match(gold, pred)
    c.update(gold=len(gold), pred=len(pred), tp=len(pairs))
    c["exact"] = sum(
        (gold[i]["start"], gold[i]["end"]) == (pred[j]["start"], pred[j]["end"])
        for i, j in pairs.items()
    )
    for i, g in enumerate(gold):
        if g["speaker"]:
            c["named"] += 1
            verdict = (
                speaker_verdict(g["speaker"], _pred_name(pred[pairs[i]], out["actors"]))
                if i in pairs
                else "missed"
            )
            c[verdict] += 1
            if verdict == "empty":  # which rule read the quotation and named nobody
                c[EMPTY_BY + (pred[pairs[i]].get("rule") or "?")] += 1
        elif i in pairs:
            c["unnamed"] += 1
            c["unnamed_given"] += bool(_pred_name(pred[pairs[i]], out["actors"]))
    rep = out["reported_speech"]
    c["reported"] = len(item["reported"])
    c["reported_found"] = sum(any(_overlap(r, p) for p in rep) for r in item["reported"])
    c["sentences_exact"] = int(len(out["sentences"]) == item["sentences"])
    c["sentences_parser"], c["sentences_gold"] = len(out["sentences"]), item["sentences"]
    if "turns" in out and item.get("turns"):  # the parser does not expose turns (yet)
        c.update(_score_turns(item["turns"], out["turns"], out["actors"]))
    return c


#: Counter keys ``empty by:RULE``: named quotations the rule RULE read and left empty.
EMPTY_BY = "empty by:"


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def summarise(c: Counter) -> dict:
    p, r = _ratio(c["tp"], c["pred"]), _ratio(c["tp"], c["gold"])
    pe, re_ = _ratio(c["exact"], c["pred"]), _ratio(c["exact"], c["gold"])

    def f1(a, b):
        return 2 * a * b / (a + b) if a and b else (0.0 if a is not None and b else None)

    return {
        "texts": c["texts"],
        "quotes": c["gold"],
        "parser_quotes": c["pred"],
        "span_precision": p,
        "span_recall": r,
        "span_f1": f1(p, r),
        "exact_precision": pe,
        "exact_recall": re_,
        "exact_f1": f1(pe, re_),
        "named": c["named"],
        **{k: c[k] for k in ("correct", "wrong", "empty", "missed")},
        "speaker_correct": _ratio(c["correct"], c["named"]),
        "speaker_wrong": _ratio(c["wrong"], c["named"]),
        "unnamed": c["unnamed"],
        "unnamed_given": c["unnamed_given"],
        "reported": c["reported"],
        "reported_recall": _ratio(c["reported_found"], c["reported"]),
        "sentences_exact": _ratio(c["sentences_exact"], c["texts"]),
        "turns": c["turns"] or None,
        "turns_recall": _ratio(c["turns_found"], c["turns"]),
        "turn_speaker_correct": _ratio(c["turn_correct"], c["turns_named"]),
        "turn_speaker_wrong": _ratio(c["turn_wrong"], c["turns_named"]),
        "empty_by_rule": dict(
            sorted(
                ((k[len(EMPTY_BY) :], v) for k, v in c.items() if k.startswith(EMPTY_BY) and v),
                key=lambda kv: (-kv[1], kv[0]),
            )
        ),
    }


def met(s: dict) -> bool:
    return (
        (s["speaker_correct"] or 0) >= GOALS["speaker_correct"]
        and s["speaker_wrong"] is not None
        and s["speaker_wrong"] < GOALS["speaker_wrong"]
        and (s["span_f1"] or 0) >= GOALS["span_f1"]
        and (s["sentences_exact"] or 0) >= GOALS["sentences_exact"]
    )


def sentences_of(text: str) -> list[str]:
    import diplotext

    out = diplotext.parse(text).to_dict()
    return [text[s["start"] : s["end"]].strip() for s in out["sentences"]]


def golden_rules(path: Path = GOLDEN) -> list[dict]:
    """pySBD's English Golden Rules through diplotext's segmenter: one row per case."""
    rows = []
    for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
        got = sentences_of(case["text"])
        rows.append({**case, "got": got, "passed": got == case["expected"]})
    return rows


def _evaluate(items: list[dict]) -> tuple[dict, list[dict]]:
    import diplotext

    groups: dict[tuple[str, str], Counter] = {}
    per_text = []
    for item in items:
        c = score_text(item, diplotext.parse(item["text"]).to_dict())
        per_text.append({"id": item["id"], "split": item["split"], "genre": item["genre"], **c})
        for key in ((item["split"], item["genre"]), (item["split"], "all")):
            groups.setdefault(key, Counter()).update(c)
    splits = {
        split: {g: summarise(groups[(split, g)]) for g in (*GENRES, "all") if (split, g) in groups}
        for split in SPLITS
    }
    return splits, per_text


def run(root: Path = EVAL, golden: Path = GOLDEN) -> dict:
    """Every figure of the accuracy benchmark (printed by `bench/run --only accuracy`)."""
    splits, per_text = _evaluate(load_set(root))
    rules = golden_rules(golden)
    held = splits["heldout"]["all"]
    return {
        "goals": GOALS,
        "splits": splits,
        "golden_rules": {
            "passed": sum(r["passed"] for r in rules),
            "total": len(rules),
            "failed": [
                {k: r[k] for k in ("id", "text", "expected", "got")}
                for r in rules
                if not r["passed"]
            ],
        },
        "dev_texts": [t for t in per_text if t["split"] == "dev"],
        "met": met(held),
    }


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def to_markdown(res: dict) -> str:
    g = res["goals"]
    head = (
        "split", "genre", "texts", "quotes (parser)", "span P / R / F1", "exact F1", "named",
        "correct", "wrong", "empty", "missed", "unnamed: given a speaker", "reported recall",
        "sentences exact",
    )  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * 2 + "---|" + "---:|" * 9]
    for split, rows in res["splits"].items():
        for genre, s in rows.items():
            lines.append(
                f"| {split} | {genre} | {s['texts']} | {s['quotes']} ({s['parser_quotes']}) | "
                f"{_f(s['span_precision'])} / {_f(s['span_recall'])} / {_f(s['span_f1'])} | "
                f"{_f(s['exact_f1'])} | {s['named']} | "
                f"{s['correct']} ({_pct(s['speaker_correct'])}) | "
                f"{s['wrong']} ({_pct(s['speaker_wrong'])}) | {s['empty']} | {s['missed']} | "
                f"{s['unnamed_given']} of {s['unnamed']} | {_pct(s['reported_recall'])} | "
                f"{_pct(s['sentences_exact'])} |"
            )
    gr = res["golden_rules"]
    turns = sum(s["turns"] or 0 for rows in res["splits"].values() for s in [rows["all"]])
    lines += [
        "",
        "Transcript turns (speaker labels): not measured, the parser's output has no turns"
        if not turns
        else "Transcript turns found / speaker correct / wrong: "
        + "; ".join(
            f"{k} {_pct(v['all']['turns_recall'])} / {_pct(v['all']['turn_speaker_correct'])}"
            f" / {_pct(v['all']['turn_speaker_wrong'])}"
            for k, v in res["splits"].items()
        ),
        "",
        "Named quotations left empty, by the rule that read them: "
        + "; ".join(
            f"{k} "
            + (", ".join(f"{r} {n}" for r, n in v["all"]["empty_by_rule"].items()) or "none")
            for k, v in res["splits"].items()
        ),
        "",
        f"Goals (held-out, all genres): speaker correct >= {_pct(g['speaker_correct'])}, wrong < "
        f"{_pct(g['speaker_wrong'])}, span F1 >= {g['span_f1']}, sentence count exact on >= "
        f"{_pct(g['sentences_exact'])} of texts: {'met' if res['met'] else 'NOT met'}.",
        "",
        f"pySBD English Golden Rules: **{gr['passed']} of {gr['total']}** pass; failing: "
        + (", ".join(str(f["id"]) for f in gr["failed"]) or "none")
        + ".",
    ]
    return "\n".join(lines)


def _details(res: dict) -> str:
    out = ["Dev texts with a wrong sentence count, a missed quote or a wrong/empty speaker:"]
    for t in res["dev_texts"]:
        bad = []
        if not t.get("sentences_exact"):
            bad.append(f"sentences {t['sentences_parser']} (annotated {t['sentences_gold']})")
        if t.get("gold", 0) != t.get("tp", 0):
            bad.append(
                f"quotes {t.get('tp', 0)}/{t.get('gold', 0)} found, {t.get('pred', 0)} by parser"
            )
        for k in ("wrong", "empty"):
            if t.get(k):
                bad.append(f"{t[k]} {k} speaker")
        if bad:
            out.append(f"  {t['genre']:10} {t['id']}: " + "; ".join(bad))
    out.append("Golden Rules failing:")
    for f in res["golden_rules"]["failed"]:
        out.append(
            f"  {f['id']:2}. {f['text']!r}\n"
            f"      expected {f['expected']!r}\n      got      {f['got']!r}"
        )
    return "\n".join(out)


def fresh(paths: list[Path]) -> dict:
    """Aggregate figures for a batch of annotated texts (``NAME.txt`` beside ``NAME.json``),
    wherever they are: the measurement of new texts before any rule is written on them
    (docs/benchmarks.md, "fresh" batches). Nothing per text is returned."""
    import diplotext

    c: Counter = Counter()
    for item in map(load_item, paths):
        c.update(score_text(item, diplotext.parse(item["text"]).to_dict()))
    return summarise(c)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--details", action="store_true", help="per-text misses (dev only) and failing Golden Rules"
    )
    ap.add_argument(
        "--fresh",
        nargs="+",
        type=Path,
        metavar="TXT",
        help="only the aggregate figures of these annotated texts (a new batch, before tuning)",
    )
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "lib"))
    if args.fresh:
        missing = [p for p in args.fresh if not p.with_suffix(".json").is_file()]
        if missing:
            err = f"accuracy: error: no annotation beside {missing[0]} (NAME.json)"
            print(err, file=sys.stderr)
            return 2
        s = fresh(args.fresh)
        print(
            f"{s['texts']} texts, {s['named']} named: correct {_pct(s['speaker_correct'])}, "
            f"wrong {_pct(s['speaker_wrong'])} ({s['correct']}/{s['wrong']} of {s['named']}), "
            f"unnamed given a speaker {s['unnamed_given']} of {s['unnamed']}, "
            f"span F1 {_f(s['span_f1'])}, "
            f"sentences exact {_pct(s['sentences_exact'])}"
        )
        return 0
    res = run()
    print(to_markdown(res))
    if args.details:
        print("\n" + _details(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
