"""Check: a student's marks beside the parser's findings, as three lists and one question.

The overlap rule for "agreed" (also in docs/annotator.md):

1. Only marks and findings of the **same category** are compared.
2. A student mark and a parser finding **overlap** when the characters they share contain
   at least one letter or digit (sharing a space or a comma is not enough). So "Moscow"
   agrees with "Moscow", "the Kremlin" with "Kremlin", and a whole sentence with a cue
   word inside it.
3. Matching is **one to one**: among overlapping pairs, the pair sharing the most
   characters is matched first (ties: earlier in the text first), then the next, and each
   mark and each finding is used at most once. One student mark covering two parser items
   agrees with one of them; the other stays "found only by the parser".

Everything left over is "found only by you" or "found only by the parser". The parser is
a second reader that follows fixed rules and can be wrong: each of its items names its
rule, and ``dt.explain(rule, source=False)`` says what the rule does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Document
from .categories import Finding, find, get_category, resolve


@dataclass(frozen=True)
class Mark:
    """A student's mark: ``doc.text[start:end]`` marked as ``category``."""

    start: int
    end: int
    category: str
    text: str = ""


@dataclass(frozen=True)
class Agreement:
    """A student mark and the parser finding it was matched with."""

    student: Mark
    parser: Finding


_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[’'\-]\w+)*")


def words(text: str) -> list[tuple[int, int]]:
    """The words a student can mark: ``(start, end)`` of each (abbreviations like U.S. whole).

    >>> t = "The U.S. and Russia’s de-escalate."
    >>> [t[s:e] for s, e in words(t)]
    ['The', 'U.S.', 'and', 'Russia’s', 'de-escalate']
    """
    return [m.span() for m in _WORD.finditer(text)]


def _shares_word(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by spans a and b, or 0 when the shared part has no letter or digit."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if hi <= lo or not any(ch.isalnum() for ch in text[lo:hi]):
        return 0
    return hi - lo


def match(
    text: str, marks: Sequence[Mark], findings: Sequence[Finding]
) -> tuple[tuple[Agreement, ...], tuple[Mark, ...], tuple[Finding, ...]]:
    """Apply the overlap rule (module docstring): ``(agreed, student_only, parser_only)``."""
    pairs = []
    for i, m in enumerate(marks):
        for j, f in enumerate(findings):
            if m.category == f.category:
                shared = _shares_word(text, (m.start, m.end), (f.start, f.end))
                if shared:
                    pairs.append((-shared, min(m.start, f.start), i, j))
    pairs.sort()
    used_m: set[int] = set()
    used_f: set[int] = set()
    agreed = []
    for _neg, _pos, i, j in pairs:
        if i not in used_m and j not in used_f:
            used_m.add(i)
            used_f.add(j)
            agreed.append(Agreement(marks[i], findings[j]))
    agreed.sort(key=lambda a: (a.student.start, a.student.end, a.student.category))
    s_only = tuple(m for i, m in enumerate(marks) if i not in used_m)
    p_only = tuple(f for j, f in enumerate(findings) if j not in used_f)
    return tuple(agreed), s_only, p_only


def explain_rule(rule: str) -> str:
    """``dt.explain(rule, source=False)``, or a note when the rule is not known."""
    from ..pipeline import explain

    try:
        return explain(rule, source=False)
    except InputError:
        return f"{rule}: (no such rule in this version of the parser)"


PROMPT_DIFFER = (
    "Who is right, and why? Choose one item that only you or only the parser found, and "
    "argue with the words of the text whether it belongs to its category (read the parser's "
    "rule first: the parser follows fixed rules and can be wrong)."
)
PROMPT_AGREE = (
    "You and the parser agree on every item. Who is right, and why? Could you both have "
    "missed something, or could both be wrong about one item? Argue with the words of the text."
)


@dataclass(frozen=True, repr=False)
class Comparison:
    """The result of Check: agreed, found only by the student, found only by the parser.

    ``not_found`` lists typed phrases (``check_phrases``) that are not in the text. Shown
    in a notebook: three labelled lists and one prompt (escaped HTML); ``repr`` is the same
    as deterministic plain text.
    """

    doc: Document = field(compare=False)
    categories: tuple[str, ...]
    agreed: tuple[Agreement, ...]
    student_only: tuple[Mark, ...]
    parser_only: tuple[Finding, ...]
    not_found: tuple[tuple[str, str], ...] = ()

    @property
    def prompt(self) -> str:
        """The one question the comparison asks."""
        return PROMPT_DIFFER if self.student_only or self.parser_only else PROMPT_AGREE

    def explanation(self, finding: Finding) -> str:
        """What the rule behind a parser item does (``dt.explain(rule, source=False)``)."""
        return explain_rule(finding.rule)

    def counts(self) -> dict[str, int]:
        """``{"agreed": n, "student_only": n, "parser_only": n}``."""
        return {
            "agreed": len(self.agreed),
            "student_only": len(self.student_only),
            "parser_only": len(self.parser_only),
        }

    # -- helpers for both renderings
    def _where(self, pos: int) -> str:
        s = self.doc.sentence_at(pos)
        return f"sentence {s.index + 1}" if s else f"character {pos}"

    def _label(self, cat: str) -> str:
        return get_category(cat).label

    def _other_view(self, m: Mark) -> str:
        """What the parser calls a student-only span, if it found it under another category."""
        others = sorted(
            {
                f.category
                for f in find(self.doc, self.categories)
                if f.category != m.category
                and _shares_word(self.doc.text, (m.start, m.end), (f.start, f.end))
            }
        )
        return ", ".join(self._label(c) for c in others)

    # -- plain text
    def _plain_parser(self, f: Finding) -> str:
        detail = f"; {f.detail}" if f.detail else ""
        return f"rule {f.rule}{detail}"

    def rules(self) -> tuple[str, ...]:
        """The ids of the rules behind the parser's items, in first-use order."""
        found = [a.parser.rule for a in self.agreed] + [f.rule for f in self.parser_only]
        return tuple(dict.fromkeys(found))

    def _plain_rules(self) -> list[str]:
        if not self.rules():
            return []
        out = ["", "The parser's rules (dt.explain(rule) shows the code):"]
        for rule in self.rules():
            lines = self.explanation(Finding(0, 0, "", "", rule)).split("\n")
            what = " ".join(" ".join(lines[1:3]).split())
            out.append(f"  {rule}: {what}")
        return out

    def __repr__(self) -> str:
        cats = ", ".join(self._label(c) for c in self.categories)
        out = [
            f"Check: your answers beside the parser's ({cats})",
            "The parser is a second reader: it follows fixed rules and can be wrong.",
            "",
            f"Agreed ({len(self.agreed)}):",
        ]
        for n, a in enumerate(self.agreed, 1):
            out.append(f"  {n}. {self._label(a.student.category)}: {_q(a.student.text)} "
                       f"({self._where(a.student.start)}); parser: {_q(a.parser.text)}, "
                       f"{self._plain_parser(a.parser)}")  # fmt: skip
        out += ["", f"Found only by you ({len(self.student_only)}):"]
        for n, m in enumerate(self.student_only, 1):
            other = self._other_view(m)
            note = f"; the parser calls this: {other}" if other else ""
            out.append(
                f"  {n}. {self._label(m.category)}: {_q(m.text)} ({self._where(m.start)}){note}"
            )
        out += ["", f"Found only by the parser ({len(self.parser_only)}):"]
        for n, f in enumerate(self.parser_only, 1):
            out.append(f"  {n}. {self._label(f.category)}: {_q(f.text)} ({self._where(f.start)}); "
                       f"{self._plain_parser(f)}")  # fmt: skip
        for cat, phrase in self.not_found:
            out.append(f"Not in the text ({self._label(cat)}): {_q(phrase)}")
        out += self._plain_rules()
        out += ["", self.prompt]
        return "\n".join(out)

    # -- HTML
    def _repr_html_(self) -> str:
        e = html.escape
        cats = ", ".join(self._label(c) for c in self.categories)

        def parser_bits(f: Finding) -> str:
            detail = f" <span class='dt-detail'>({e(f.detail)})</span>" if f.detail else ""
            return (
                f"{detail} <details class='dt-why'><summary>rule <code>{e(f.rule)}</code>"
                f"</summary><pre>{e(self.explanation(f))}</pre></details>"
            )

        def section(title: str, key: str, items: list[str]) -> str:
            body = (
                "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>"
                if items
                else "<p><i>none</i></p>"
            )
            return (
                f"<section class='dt-list dt-{key}' aria-label='{e(title)}'>"
                f"<h4>{e(title)} ({len(items)})</h4>{body}</section>"
            )

        agreed = [
            f"<b>{e(self._label(a.student.category))}</b>: {e(_q(a.student.text))} "
            f"({e(self._where(a.student.start))}); parser: {e(_q(a.parser.text))}"
            + parser_bits(a.parser)
            for a in self.agreed
        ]
        mine = []
        for m in self.student_only:
            other = self._other_view(m)
            note = f"; the parser calls this: {e(other)}" if other else ""
            mine.append(
                f"<b>{e(self._label(m.category))}</b>: {e(_q(m.text))} "
                f"({e(self._where(m.start))}){note}"
            )
        parser = [
            f"<b>{e(self._label(f.category))}</b>: {e(_q(f.text))} ({e(self._where(f.start))})"
            + parser_bits(f)
            for f in self.parser_only
        ]
        missing = "".join(
            f"<p>Not in the text ({e(self._label(c))}): {e(_q(p))}</p>" for c, p in self.not_found
        )
        return (
            f"<div class='dt-comparison'><p><b>Check: your answers beside the parser's</b> "
            f"({e(cats)}). The parser is a second reader: it follows fixed rules and can be "
            f"wrong.</p>"
            + section("Agreed", "agreed", agreed)
            + section("Found only by you", "student-only", mine)
            + section("Found only by the parser", "parser-only", parser)
            + missing
            + f"<p class='dt-prompt'><b>{e(self.prompt)}</b></p></div>"
        )


def _q(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= n else text[: n - 1] + "…") + "”"


def compare(doc: Document, marks: Iterable[Mark], categories: Iterable[str]) -> Comparison:
    """Compare student ``marks`` with the parser's findings in ``categories``."""
    cats = resolve(categories)
    wanted = set(cats)
    ms = []
    for m in marks:
        if m.category not in wanted:
            raise InputError(
                f"a mark has category {m.category!r}, which this exercise does not ask for "
                f"({', '.join(cats)})"
            )
        if not 0 <= m.start < m.end <= len(doc.text):
            raise InputError(
                f"a mark spans {m.start}-{m.end}, outside the text (0-{len(doc.text)})"
            )
        ms.append(Mark(m.start, m.end, m.category, doc.text[m.start : m.end]))
    ms.sort(key=lambda m: (m.start, m.end, m.category))
    agreed, s_only, p_only = match(doc.text, ms, find(doc, cats))
    return Comparison(doc, cats, agreed, s_only, p_only)


def _phrase_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of ``phrase`` at word boundaries (case-insensitive if none exact)."""
    parts = phrase.split()
    if not parts:
        return []
    body = r"\s+".join(re.escape(w) for w in parts)
    pat = rf"(?<!\w){body}(?!\w)"
    hits = [m.span() for m in re.finditer(pat, text)]
    return hits or [m.span() for m in re.finditer(pat, text, re.IGNORECASE)]


def check_phrases(
    doc: Document,
    answers: Mapping[str, Iterable[str]],
    categories: Iterable[str] | None = None,
) -> Comparison:
    """Check typed answers: ``{"metonym": ["Moscow", "the Kremlin"], ...}``.

    Each phrase stands for every place it occurs in the text (at word boundaries, exact
    case first, else ignoring case). Phrases not in the text are listed as such.
    ``categories`` defaults to the keys of ``answers``; give more to compare them too.
    """
    if not isinstance(answers, Mapping):
        raise InputError('answers must be a dict such as {"metonym": ["Moscow"]}')
    cats = resolve(list(answers) + list(categories or ()))
    marks: list[Mark] = []
    missing: list[tuple[str, str]] = []
    for cat, phrases in answers.items():
        if isinstance(phrases, str):
            phrases = [phrases]
        for phrase in phrases:
            spans = _phrase_spans(doc.text, str(phrase))
            if not spans:
                missing.append((cat, str(phrase)))
            marks.extend(Mark(s, e, cat) for s, e in spans)
    marks = list(dict.fromkeys(marks))
    result = compare(doc, marks, cats)
    return Comparison(
        doc, result.categories, result.agreed, result.student_only, result.parser_only,
        tuple(missing),
    )  # fmt: skip
