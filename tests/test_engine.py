"""The rule engine: rulers, the per-document state, rule ids, disabling, explain, imports."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

import pytest

import diplotext
from diplotext import datafiles, pipeline
from diplotext.errors import InputError
from diplotext.model import Document, Sentence
from diplotext.ruler import Ruler
from diplotext.state import State

LIB = Path(diplotext.__file__).parent
#: Modules every step may import: the shared machinery, never another step.
SHARED = {"datafiles", "model", "ruler", "spans", "state", "textindex", "wordlists", "errors"}
STEP_NAMES = [name for name, _ in pipeline.STEPS]


def step_files(step: str) -> list[Path]:
    package = LIB / step
    return sorted(package.glob("*.py")) if package.is_dir() else [LIB / f"{step}.py"]


# ----------------------------------------------------------------------------- Ruler


def one(state):
    return [1]


def two(state):
    return [2]


def three(state):
    return [3]


def test_ruler_orders_enables_and_disables_like_markdown_it():
    r = Ruler("demo", [one, three])
    r.before("three", two)
    assert [rid for rid, _ in r.rules()] == ["demo.one", "demo.two", "demo.three"]
    r.disable(["demo.two"])
    assert [rid for rid, _ in r.rules()] == ["demo.one", "demo.three"]
    assert len(r.all_rules()) == 3  # disabled rules are still listed
    r.enable("demo.two")
    r.after("demo.three", one, name="again")
    assert [rid for rid, _ in r.rules()] == ["demo.one", "demo.two", "demo.three", "demo.again"]
    r.at("demo.again", two)
    assert dict(r.rules())["demo.again"] is two
    assert next(rid for rid, _ in r.rules(disabled={"demo.one"})) == "demo.two"
    with pytest.raises(ValueError):
        r.push(one)  # an id is given once
    with pytest.raises(KeyError):
        r.disable("demo.nothing")


def test_decide_returns_the_first_answer_and_its_rule():
    def no_opinion(state):
        return None

    def says_no(state):
        return False

    state = State(Document("x"))
    r = Ruler("demo", [no_opinion, says_no, one])
    assert r.decide(state, "here") == ("demo.says_no", False)
    assert state.here == "here"
    state.disabled = frozenset({"demo.says_no"})
    assert r.decide(state, "here") == ("demo.one", [1])


# ----------------------------------------------------------------------------- State


def test_sentence_at_is_one_bisect_over_the_sentences():
    doc = Document(
        "One. Two.",
        sentences=(Sentence(0, 0, 4, 0, "r"), Sentence(1, 5, 9, 0, "r")),
    )
    state = State(doc)
    assert [state.sentence_index(i) for i in (0, 3, 4, 5, 8, 9)] == [0, 0, None, 1, 1, None]
    assert state.sentence_index(4, containing=False) == 0
    assert state.sentence_at(6) is doc.sentences[1]
    assert state.sentence_span(4) == (4, 4)


def test_state_without_segmentation_falls_back_to_crude_sentences():
    state = State(Document("First one. Second one.\nThird"))
    assert [state.text[s:e] for s, e in state.sentence_spans] == [
        "First one.",
        "Second one.",
        "Third",
    ]


def test_state_update_forgets_derived_lookups():
    state = State.new("Russia said. NATO said.")
    assert state.sentence_spans  # fallback spans, cached
    state.update(diplotext.segment.run(state))
    assert state.sentence_spans == tuple((s.start, s.end) for s in state.sentences)


# ----------------------------------------------------------------------------- rule ids


def test_every_rule_id_is_its_step_and_a_name_given_once():
    ids = [rid for _, rid, _ in pipeline.iter_rules()]
    assert len(ids) == len(set(ids))
    for step, rid, _fn in pipeline.iter_rules():
        assert rid.startswith(step + ".") and rid.count(".") == 1


def test_every_item_carries_the_id_of_a_listed_rule(seed_doc):
    ids = {rid for _, rid, _ in pipeline.iter_rules(readers=False)}
    items = [
        *seed_doc.paragraphs,
        *seed_doc.sentences,
        *seed_doc.formats,
        *seed_doc.mentions,
        *seed_doc.quotes,
        *seed_doc.reported_speech,
        *seed_doc.time_expressions,
        *seed_doc.devices,
        *seed_doc.frames,
    ]
    assert items and {item.rule for item in items} <= ids


def test_no_rule_module_types_a_rule_id_to_stamp_it():
    """Rule ids appear in docstrings and tables, never as an item's ``rule=`` value."""
    for step in STEP_NAMES:
        for path in step_files(step):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.keyword) and node.arg == "rule":
                    value = node.value
                    assert not (
                        isinstance(value, ast.Constant) and str(value.value).startswith(step)
                    ), f"{path.name}: rule={value.value!r}"


def _real_body(fn) -> list[ast.stmt]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return [s for s in body if not isinstance(s, ast.Pass)]


@pytest.mark.parametrize("rule_id", [rid for _, rid, _ in pipeline.iter_rules()])
def test_explain_shows_real_code_for_every_rule(rule_id):
    fn = next(f for _, rid, f in pipeline.iter_rules() if rid == rule_id)
    body = _real_body(fn)
    assert body, f"{rule_id} is a docstring-only stub"
    assert not (
        len(body) == 1
        and isinstance(body[0], ast.Return)
        and (body[0].value is None or isinstance(body[0].value, ast.Constant))
    ), f"{rule_id} returns a constant"
    out = diplotext.explain(rule_id)
    assert out.startswith(rule_id) and "def " + fn.__name__ in out
    assert len(inspect.getdoc(fn) or "") > 20


# ----------------------------------------------------------------------------- disable


def test_parse_can_disable_a_rule(seed_doc):
    inherited = [q for q in seed_doc.quotes if q.rule == "quotes.inherited"]
    assert inherited
    doc = diplotext.parse(seed_doc.text, seed_doc.metadata, disable=["quotes.inherited"])
    assert not [q for q in doc.quotes if q.rule == "quotes.inherited"]
    assert len(doc.quotes) == len(seed_doc.quotes)  # the quotations are still found
    # the other steps are untouched
    assert doc.sentences == seed_doc.sentences and doc.mentions == seed_doc.mentions
    # and the rule is back for the next parse
    assert diplotext.parse(seed_doc.text, seed_doc.metadata) == seed_doc


def test_disabling_an_item_rule_removes_its_items(seed_doc):
    doc = diplotext.parse(seed_doc.text, disable="rhetoric.evaluation_lexicon")
    assert not [d for d in doc.devices if d.category == "evaluation"]
    assert [d for d in seed_doc.devices if d.category == "evaluation"]


def test_disable_an_unknown_rule_is_one_clear_error():
    with pytest.raises(InputError, match="no such rule"):
        diplotext.parse("Russia said so.", disable=["quotes.no_such_rule"])


# ----------------------------------------------------------------------------- layout


def _imported_modules(path: Path) -> set[str]:
    """The diplotext modules a file imports (relative imports, resolved to their first part)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_package = path.parent != LIB
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            level = node.level - (1 if in_package else 0)
            if level == 0:
                continue  # inside the step's own package
            names = [node.module] if node.module else [a.name for a in node.names]
            out |= {n.split(".")[0] for n in names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("diplotext."):
            out.add(node.module.split(".")[1])  # type: ignore[union-attr]
    return out


@pytest.mark.parametrize("step", STEP_NAMES)
def test_steps_never_import_each_other(step):
    for path in step_files(step):
        imported = _imported_modules(path)
        assert imported <= SHARED, f"{path.relative_to(LIB)} imports {imported - SHARED}"


def test_model_imports_nothing_from_the_package():
    assert _imported_modules(LIB / "model.py") == set()


def test_one_reader_one_comment_syntax_and_one_clear_caches(tmp_path, monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["diplotext.load"], "seeds_dir", lambda: tmp_path)
    (tmp_path / "list.txt").write_text("# header\nalpha   # why\n[more]\nbeta\n", encoding="utf-8")
    assert datafiles.lines("seeds/list.txt") == ("alpha", "beta")
    assert datafiles.sections("seeds/list.txt") == {"": ("alpha",), "more": ("beta",)}
    (tmp_path / "list.txt").write_text("gamma\n", encoding="utf-8")
    assert datafiles.lines("seeds/list.txt") == ("alpha", "beta")  # cached
    datafiles.clear_caches()
    assert datafiles.lines("seeds/list.txt") == ("gamma",)
    datafiles.clear_caches()  # leave no file of this test in the caches


PARSER_MODULES = sorted(
    {
        *(LIB / f"{name}.py" for name in SHARED | {"pipeline", "present"}),
        *(path for step in STEP_NAMES for path in step_files(step)),
    }
)


@pytest.mark.parametrize("path", PARSER_MODULES, ids=lambda p: str(p.relative_to(LIB)))
def test_parser_files_are_a_page_or_two_and_functions_fit_on_a_screen(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 600
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            assert node.end_lineno - node.lineno < 60, f"{node.name} is too long"  # type: ignore[operator]
