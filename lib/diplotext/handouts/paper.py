"""Print each thing once: what a handout leaves out or sets differently on paper.

:func:`numbered_text_once`: an annotator exercise's answer sheet (its static view, the
numbered text with answer lines) prints the numbered text; a lesson with eight annotator
exercises on one text would print it eight times (lesson 03: 40 pages instead of 33). On
paper the text is printed the first time it appears (an annotator's sheet or a section
that shows it); every later sheet for the same text keeps its heading and its answer
lines and, instead of the text, says where it is: "Mark on the numbered text printed with
Exercise 1 (page 3); use a different colour or symbol for this exercise." The page number
is filled in by WeasyPrint (``target-counter()`` in ``handout.css``); a browser shows the
sentence without it. Different texts (lesson 05 has two) each print once.

:func:`tables_as_records`: a long table of running text (references, stated positions)
prints as a list, one record per row, every cell kept and labelled with its column's
name; :func:`records_as_table` reads such a list back as the table (the booklet merges
the lessons' references row by row).

Both work on the handout's HTML (after sanitising), from the markup that
:mod:`diplotext.annotator` and :func:`diplotext.render.numbered_text` write: the
committed outputs are used as they are. docs/handouts.md, "Printing each thing once".
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

#: Class of an annotator's static view (the answer sheet).
SHEET_CLASS = "dt-annotator-static"
#: Class of the numbered text (:func:`diplotext.render.numbered_text`).
TEXT_CLASS = "diplotext-numbered"
#: Class added to an answer sheet whose text is printed elsewhere (kept on one page).
POINTER_SHEET_CLASS = "text-elsewhere"
#: Id of the n-th distinct numbered text printed (1-based).
TEXT_ID = "numbered-text-{}"

_EXERCISE = re.compile(r"\bExercise\s+\d+[\w.]*")
_SPACES = re.compile(r"\s+")


def _key(block: Any) -> str:
    return _SPACES.sub(" ", block.get_text(" ", strip=True))


def _where(block: Any) -> str:
    """Where a printed text is, in words: "with Exercise 1" (the exercise before its
    answer sheet) or "under “The text, numbered”" (the heading before it)."""
    if block.find_parent(class_=SHEET_CLASS) is not None:
        exercise = block.find_previous("section", class_="exercise")
        match = _EXERCISE.search(exercise.get_text(" ", strip=True)) if exercise else None
        if match:
            return f"printed with {match.group(0)}"
    heading = block.find_previous(re.compile(r"^h[1-6]$"))
    if heading is not None:
        title = heading.get_text(" ", strip=True).rstrip("¶").strip()
        if title:
            return f"printed under “{title}”"
    return "printed earlier in this handout"


def _pointer(soup: BeautifulSoup, target: str, where: str) -> Any:
    """The paragraph that replaces a repeated text: it names and links the first one."""
    p = soup.new_tag("p", attrs={"class": "numbered-text-ref"})
    p.append("Mark on ")
    a = soup.new_tag("a", attrs={"class": "text-ref", "href": f"#{target}"})
    a.string = f"the numbered text {where}"
    p.append(a)
    p.append("; use a different colour or symbol for this exercise.")
    return p


def numbered_text_once(soup: BeautifulSoup) -> int:
    """Print each numbered text once (module docstring), in place; returns how many
    repeated copies were replaced by a pointer. Only copies inside an answer sheet are
    replaced: a text a lesson shows on purpose (a ``TextView``) always prints."""
    first: dict[str, tuple[str, str]] = {}
    replaced = 0
    for block in soup.find_all(class_=TEXT_CLASS):
        if block.find_parent(class_=TEXT_CLASS) is not None:
            continue
        key = _key(block)
        if key not in first:
            target = block.get("id") or TEXT_ID.format(len(first) + 1)
            block["id"] = target
            first[key] = (target, _where(block))
        elif (sheet := block.find_parent(class_=SHEET_CLASS)) is not None:
            sheet["class"] = [*sheet.get("class", []), POINTER_SHEET_CLASS]
            block.replace_with(_pointer(soup, *first[key]))
            replaced += 1
    return replaced


# ---------------------------------------------------------------- long tables as records
#: A table prints as records when it has more body rows than this (a short table is
#: kept on one page as a table: ``exporters.SHORT_TABLE_ROWS``) or more characters of
#: text than this (about a page of narrow table columns) ...
RECORD_MIN_ROWS = 12
RECORD_MIN_CHARS = 2500
#: ... and a column of running text: cells averaging more characters than this and at
#: least four words (references, stated positions, quotations).
RECORD_PROSE_CHARS = 30
#: Columns whose cells average at most this many characters share the record's first line.
RECORD_SHORT_CHARS = 25
#: A list read back as a table has at most this many columns (the markup may come from a
#: notebook: anything else is left as it is).
RECORD_MAX_COLUMNS = 50


def _cells(row: Any) -> list[Any]:
    return row.find_all(["td", "th"], recursive=False)


def _table_parts(table: Any) -> tuple[list[str], list[list[Any]]] | None:
    """(header labels, body rows as cell lists) of a plain table, or ``None`` when it has
    no header row, spans cells, holds a table or has rows of another length."""
    if table.find("table") is not None:
        return None
    rows = [_cells(r) for r in table.find_all("tr")]
    if len(rows) < 2 or not rows[0] or any(c.name != "th" for c in rows[0]):
        return None
    width = len(rows[0])
    for cells in rows:
        if len(cells) != width or any(
            c.has_attr("colspan") or c.has_attr("rowspan") for c in cells
        ):
            return None
    return [_key(c) for c in rows[0]], rows[1:]


def _averages(body: list[list[Any]]) -> list[tuple[float, float]]:
    """(characters, words) per cell, averaged over the rows, for each column."""
    texts = [[_key(row[i]) for row in body] for i in range(len(body[0]))]
    return [
        (sum(map(len, col)) / len(col), sum(len(t.split()) for t in col) / len(col))
        for col in texts
    ]


def records_layout(table: Any) -> list[bool] | None:
    """For a table that prints better as records, which columns are short (they share
    the first line; the first column, the row's key, always does); ``None`` for a table
    that stays a table."""
    parts = _table_parts(table)
    if parts is None:
        return None
    chars = sum(len(_key(cell)) for row in parts[1] for cell in row)
    if len(parts[1]) <= RECORD_MIN_ROWS and chars <= RECORD_MIN_CHARS:
        return None
    averages = _averages(parts[1])
    if not any(chars > RECORD_PROSE_CHARS and words >= 4 for chars, words in averages):
        return None
    return [i == 0 or chars <= RECORD_SHORT_CHARS for i, (chars, _) in enumerate(averages)]


def _field(soup: BeautifulSoup, label: str, cell: Any, cls: str, column: int) -> Any:
    span = soup.new_tag("span", attrs={"class": cls, "data-column": str(column)})
    if label:
        name = soup.new_tag("span", attrs={"class": "record-label"})
        name.string = f"{label}: "
        span.append(name)
    value = soup.new_tag("span", attrs={"class": "record-value"})
    value.extend(list(cell.contents))
    span.append(value)
    return span


def _record(soup: BeautifulSoup, labels: list[str], cells: list[Any], short: list[bool]) -> Any:
    """One row as ``<li class="record">``: its short cells on a first line (the first one
    unlabelled, as the row's key), then each longer cell as a labelled line."""
    li = soup.new_tag("li", attrs={"class": "record", "data-key": _key(cells[0])})
    head = soup.new_tag("p", attrs={"class": "record-head"})
    for i in (i for i, s in enumerate(short) if s and _key(cells[i])):
        if head.contents:
            head.append(" · ")
        label = "" if not head.contents and i == 0 else labels[i]
        cls = "record-key" if not label else "record-item"
        head.append(_field(soup, label, cells[i], cls, i))
    if head.contents:
        li.append(head)
    for i in (i for i, s in enumerate(short) if not s and _key(cells[i])):
        line = soup.new_tag("p", attrs={"class": "record-field"})
        line.append(_field(soup, labels[i], cells[i], "record-item", i))
        li.append(line)
    return li


def table_as_records(soup: BeautifulSoup, table: Any, short: list[bool]) -> Any:
    """Replace ``table`` by a list of records (:func:`records_layout`); returns the list.

    Every row becomes one ``<li>`` with every non-empty cell, labelled with its column's
    header; the caption, if any, becomes the list's first paragraph."""
    labels, body = _table_parts(table) or ([], [])
    wrapper = soup.new_tag("div", attrs={"class": "record-list"})
    caption = table.find("caption", recursive=False)
    if caption is not None:
        p = soup.new_tag("p", attrs={"class": "record-caption"})
        p.extend(list(caption.contents))
        wrapper.append(p)
    ul = soup.new_tag("ul", attrs={"class": "records", "data-columns": " | ".join(labels)})
    ul.extend([_record(soup, labels, cells, short) for cells in body])
    wrapper.append(ul)
    table.replace_with(wrapper)
    return wrapper


def tables_as_records(root: Any, soup: BeautifulSoup | None = None) -> int:
    """Print every long table of running text in ``root`` (a page, or a part of ``soup``)
    as a list of records, in place: in narrow table columns prose wraps into tall cells,
    and WeasyPrint's automatic table layout measures every cell (a 75-row table of
    references was most of a lesson's layout time). Returns how many tables were
    converted."""
    done = 0
    for table in root.find_all("table"):
        if (
            len(table.get_text()) <= RECORD_MIN_CHARS
            and len(table.find_all("tr")) <= RECORD_MIN_ROWS
        ):
            continue  # short: no need to look closer
        short = records_layout(table)
        if short is not None:
            table_as_records(soup or root, table, short)
            done += 1
    return done


def records_as_table(soup: BeautifulSoup, wrapper: Any) -> Any | None:
    """The inverse of :func:`table_as_records` (for the booklet, which merges the lessons'
    references row by row): the table again, an empty cell where a record had none.
    Markup that :func:`table_as_records` did not write (a notebook can write any class
    and ``data-`` attribute) is left as it is: ``None``."""
    ul = wrapper.find("ul", class_="records")
    labels = (ul.get("data-columns") or "").split(" | ") if ul is not None else []
    if ul is None or not 0 < len(labels) <= RECORD_MAX_COLUMNS:
        return None
    columns = [str(f["data-column"]) for f in ul.select("[data-column]")]
    if not all(c.isdigit() and int(c) < len(labels) for c in columns):
        return None
    table = soup.new_tag("table", attrs={"class": "diplotext-table"})
    caption = wrapper.find("p", class_="record-caption", recursive=False)
    if caption is not None:
        table.append(soup.new_tag("caption"))
        table.caption.extend(list(caption.contents))
    head = soup.new_tag("tr")
    for label in labels:
        th = soup.new_tag("th")
        th.string = label
        head.append(th)
    thead, tbody = soup.new_tag("thead"), soup.new_tag("tbody")
    thead.append(head)
    for li in ul.find_all("li", class_="record", recursive=False):
        cells = [soup.new_tag("td") for _ in labels]
        for field in li.select("[data-column]"):
            value = field.find(class_="record-value")
            if value is not None:
                cells[int(field["data-column"])].extend(list(value.contents))
        row = soup.new_tag("tr")
        row.extend(cells)
        tbody.append(row)
    table.extend([thead, tbody])
    wrapper.replace_with(table)
    return table
