// diplotext annotator (anywidget ESM). No imports, nothing from a network.
// Interaction (docs/annotator.md): one palette category is always selected; press on the
// first word and release on the last to mark; click a mark to select it, Delete or its
// Remove button removes it; keyboard: Tab reaches the text, arrows move between words,
// Shift+arrow extends, Enter marks, Delete removes the mark under the focus, Escape clears,
// digits 1-9 choose a category.

let counter = 0;

function h(tag, attrs = {}, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids) node.append(kid);
  return node;
}

function render({ model, el }) {
  const uid = `dt-annotator-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const text = model.get("text");
  const tokens = model.get("token_spans");
  const paragraphs = model.get("paragraph_spans");
  const sentences = new Map(model.get("sentence_starts").map(([s, n]) => [s, n]));
  const paletteOf = () => model.get("palette");
  const label = (id) => (paletteOf().find((c) => c.id === id) || { label: id }).label;
  const catIndex = (id) => paletteOf().findIndex((c) => c.id === id);

  let focusIdx = 0; // token with the roving tabindex
  let anchorIdx = null; // start of a keyboard selection (Shift+arrow)
  let selectedMark = null; // key "start:end:category" of the selected mark
  let drag = null; // {from, to} while the mouse is down

  const root = h("div", { class: "dt-annotator widget-annotator", role: "region", "aria-label": `Annotator: ${model.get("title")}` });
  const help = h("p", { class: "dt-help", id: `${uid}-help` });
  help.textContent =
    "Mouse: press on the first word and release on the last to mark them. Click a mark to " +
    "select it; Delete or Remove removes it. Keyboard: Tab to the text, arrows move between " +
    "words, Shift+arrows extend, Enter marks, Delete removes the mark under the cursor, " +
    "Escape clears, 1-9 choose a category.";

  // ---- student name
  const nameInput = h("input", { type: "text", class: "dt-student", id: `${uid}-student`, maxlength: 80, autocomplete: "off" });
  nameInput.value = model.get("student");
  nameInput.addEventListener("change", () => {
    model.set("student", nameInput.value);
    model.save_changes();
  });
  const nameRow = h("p", { class: "dt-student-row" },
    h("label", { for: `${uid}-student`, text: "Your name or pseudonym (nothing else about you): " }), nameInput);

  // ---- palette: radio buttons, one always checked
  const palette = h("fieldset", { class: "dt-palette" }, h("legend", { text: "Category to mark" }));
  // Built once; a category change only moves the check (keeps keyboard focus on the radios).
  const radios = [];
  paletteOf().forEach((c, i) => {
    const input = h("input", { type: "radio", name: `${uid}-cat`, value: c.id, id: `${uid}-cat-${i}` });
    input.addEventListener("change", () => {
      if (input.checked) {
        model.set("category", c.id);
        model.save_changes();
      }
    });
    radios.push(input);
    const swatch = h("span", { class: `dt-swatch dt-cat-${i % 8}`, "aria-hidden": "true" });
    palette.append(h("label", { for: `${uid}-cat-${i}`, title: c.description, class: "dt-palette-item" },
      input, swatch, `${i < 9 ? `${i + 1} ` : ""}${c.label}`));
  });
  function drawPalette() {
    for (const r of radios) r.checked = r.value === model.get("category");
  }

  // ---- the category being marked, in words (no colour-only cue). The extra class
  // widget-html-content is what tests/browser/test_lab.py reads as a view's output.
  const current = h("p", { class: "dt-current widget-html-content" });
  function drawCurrent() {
    current.replaceChildren("Marking as: ", h("b", { text: label(model.get("category")) }));
  }

  // ---- the text
  // data-lm-suppress-shortcuts (here and on every word, the focus target: Lumino tests the
  // target first): JupyterLab and Notebook 7 leave keys pressed in the text to the annotator
  // (else arrows move between cells and digits turn the cell into a heading).
  const textBox = h("div", { class: "dt-text", role: "group", "aria-label": "Text to mark", "aria-describedby": `${uid}-help`, "data-lm-suppress-shortcuts": "true" });
  const live = h("p", { class: "dt-status", role: "status", "aria-live": "polite" });
  const markList = h("ul", { class: "dt-marklist", "aria-label": "Your marks" });
  const removeBtn = h("button", { type: "button", class: "dt-remove-selected", text: "Remove selected mark" });
  const checkBtn = h("button", { type: "button", class: "dt-check", text: "Check my answers" });
  const downloadBtn = h("button", { type: "button", class: "dt-download", text: "Download my answers" });
  const feedback = h("div", { class: "dt-feedback", role: "region", "aria-label": "Check: your answers beside the parser's", "aria-live": "polite" });

  const key = (m) => `${m.start}:${m.end}:${m.category}`;
  const marks = () => model.get("marks");
  let tokenEls = [];

  function innermostAt(idx) {
    const [s, e] = tokens[idx];
    let best = null;
    for (const m of marks()) {
      if (m.start <= s && e <= m.end && (!best || m.end - m.start < best.end - best.start)) best = m;
    }
    return best;
  }

  function drawText() {
    const hadFocus = textBox.contains(document.activeElement);
    textBox.replaceChildren();
    tokenEls = [];
    const sorted = [...marks()].sort((a, b) => a.start - b.start || b.end - a.end || catIndex(a.category) - catIndex(b.category));
    let ti = 0;
    for (const [ps, pe, pn] of paragraphs) {
      const p = h("p", { class: "dt-para" }, h("span", { class: "dt-num dt-pnum", text: `¶${pn} ` }));
      const stack = [p];
      const open = [];
      let pos = ps;
      const emitText = (upto) => {
        if (upto > pos) stack[stack.length - 1].append(text.slice(pos, upto));
        pos = Math.max(pos, upto);
      };
      const closeUpTo = (at) => {
        while (open.length && open[open.length - 1].end <= at) {
          open.pop();
          stack.pop();
        }
      };
      const openAt = (at) => {
        for (const m of sorted) {
          if (m.start !== at || m.start < ps || m.end > pe) continue;
          if (open.some((o) => o === m)) continue;
          const i = catIndex(m.category);
          const selected = key(m) === selectedMark;
          const el = h("mark", {
            class: `dt-mark dt-cat-${i % 8}${selected ? " dt-mark-selected" : ""}`,
            "data-category": m.category, "data-start": m.start, "data-end": m.end,
          }, h("span", { class: "dt-mark-label", text: `${label(m.category)}${selected ? " (selected)" : ""}: ` }));
          stack[stack.length - 1].append(el);
          stack.push(el);
          open.push(m);
        }
      };
      while (ti < tokens.length && tokens[ti][0] < pe) {
        const [s, e] = tokens[ti];
        if (s < ps) { ti++; continue; }
        closeUpTo(s);
        if (sentences.has(s)) {
          emitText(s);
          stack[stack.length - 1].append(h("span", { class: "dt-num dt-snum", text: `[${sentences.get(s)}] ` }));
        }
        emitText(s);
        openAt(s);
        const tok = h("span", { class: "dt-token", tabindex: ti === focusIdx ? 0 : -1, "data-start": s, "data-end": e, "data-i": ti, "data-lm-suppress-shortcuts": "true", text: text.slice(s, e) });
        stack[stack.length - 1].append(tok);
        tokenEls[ti] = tok;
        pos = e;
        ti++;
        closeUpTo(e);
      }
      closeUpTo(pe);
      emitText(pe);
      textBox.append(p);
    }
    paintSelection();
    if (hadFocus && tokenEls[focusIdx]) tokenEls[focusIdx].focus();
    drawList();
  }

  function selRange() {
    if (drag) return [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)];
    if (anchorIdx === null) return [focusIdx, focusIdx];
    return [Math.min(anchorIdx, focusIdx), Math.max(anchorIdx, focusIdx)];
  }

  function paintSelection() {
    const [a, b] = selRange();
    const showing = drag || anchorIdx !== null;
    tokenEls.forEach((t, i) => {
      const on = showing && i >= a && i <= b;
      t.classList.toggle("dt-selected", on);
      t.tabIndex = i === focusIdx ? 0 : -1;
    });
  }

  function say(msg, kind = "info") {
    live.textContent = msg;
    live.dataset.kind = kind;
  }

  function words(a, b) {
    return text.slice(tokens[a][0], tokens[b][1]);
  }

  function addMark(a, b) {
    const start = tokens[a][0];
    const end = tokens[b][1];
    const category = model.get("category");
    const para = paragraphs.find(([ps, pe]) => ps <= start && end <= pe);
    if (!para) return say("Not marked: a mark stays within one paragraph.", "error");
    const ms = marks();
    if (ms.some((m) => m.start === start && m.end === end && m.category === category))
      return say(`Already marked as ${label(category)}.`, "error");
    const clash = ms.find((m) => (m.start < start && start < m.end && m.end < end) || (start < m.start && m.start < end && end < m.end));
    if (clash) return say(`Not marked: it half-overlaps your mark “${text.slice(clash.start, clash.end)}” (${label(clash.category)}); remove that first or mark inside it.`, "error");
    const mark = { start, end, category };
    window.__dtMarkEvent = performance.timeOrigin + performance.now(); // epoch ms, read by bench/run
    selectedMark = key(mark);
    anchorIdx = null;
    // in the kernel's order (start, longest first, palette order), so it needs no re-sort
    const order = (x, y) => x.start - y.start || y.end - x.end || catIndex(x.category) - catIndex(y.category);
    model.set("marks", [...ms, mark].sort(order));
    model.save_changes();
    say(`Marked “${words(a, b)}” as ${label(category)}.`);
  }

  function removeMark(m) {
    if (!m) return say("There is no mark here to remove.", "error");
    if (selectedMark === key(m)) selectedMark = null;
    model.set("marks", marks().filter((o) => key(o) !== key(m)));
    model.save_changes();
    say(`Removed the mark “${text.slice(m.start, m.end)}” (${label(m.category)}).`);
  }

  function selectMark(m) {
    selectedMark = key(m);
    drawText();
    say(`Selected the mark “${text.slice(m.start, m.end)}” (${label(m.category)}). Press Delete or Remove selected mark to remove it.`);
  }

  function drawList() {
    markList.replaceChildren();
    for (const m of marks()) {
      const btn = h("button", { type: "button", class: "dt-remove", "aria-label": `Remove the mark “${text.slice(m.start, m.end)}” (${label(m.category)})`, text: "Remove" });
      btn.addEventListener("click", () => removeMark(m));
      markList.append(h("li", { "data-category": m.category }, `${label(m.category)}: “${text.slice(m.start, m.end)}” `, btn));
    }
    if (!marks().length) markList.append(h("li", { class: "dt-empty", text: "No marks yet." }));
    removeBtn.disabled = !marks().some((m) => key(m) === selectedMark);
  }

  // ---- mouse
  const tokenIndex = (target) => {
    const t = target && target.closest ? target.closest(".dt-token") : null;
    return t && textBox.contains(t) ? Number(t.dataset.i) : null;
  };
  textBox.addEventListener("mousedown", (ev) => {
    if (ev.button !== 0) return;
    const i = tokenIndex(ev.target);
    const markEl = ev.target.closest && ev.target.closest(".dt-mark-label");
    if (i === null && !markEl) return;
    ev.preventDefault(); // no native text selection while marking
    if (i === null) return;
    drag = { from: i, to: i };
    focusIdx = i;
    anchorIdx = null;
    tokenEls[i].focus();
    paintSelection();
  });
  textBox.addEventListener("mouseover", (ev) => {
    if (!drag) return;
    const i = tokenIndex(ev.target);
    if (i !== null) {
      drag.to = i;
      paintSelection();
    }
  });
  textBox.addEventListener("click", (ev) => {
    const lab = ev.target.closest && ev.target.closest(".dt-mark-label");
    if (!lab) return;
    const el = lab.parentElement;
    const m = marks().find((o) => key(o) === `${el.dataset.start}:${el.dataset.end}:${el.dataset.category}`);
    if (m) selectMark(m);
  });
  const endDrag = (ev) => {
    if (!drag) return;
    const i = tokenIndex(ev.target);
    if (i !== null) drag.to = i;
    const { from, to } = drag;
    drag = null;
    focusIdx = to;
    const inside = from === to ? innermostAt(from) : null;
    if (inside) {
      selectMark(inside);
    } else {
      addMark(Math.min(from, to), Math.max(from, to));
    }
    paintSelection();
  };
  textBox.addEventListener("mouseup", endDrag);
  const onDocUp = (ev) => { if (drag && !textBox.contains(ev.target)) endDrag(ev); };
  document.addEventListener("mouseup", onDocUp);

  // ---- keyboard
  textBox.addEventListener("keydown", (ev) => {
    const i = tokenIndex(ev.target);
    if (i === null) return;
    focusIdx = i;
    const move = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (move !== undefined || ev.key === "Home" || ev.key === "End") {
      ev.preventDefault();
      ev.stopPropagation();
      if (ev.shiftKey) { if (anchorIdx === null) anchorIdx = i; } else anchorIdx = null;
      let to = i + (move || 0);
      if (ev.key === "Home") to = 0;
      if (ev.key === "End") to = tokens.length - 1;
      focusIdx = Math.max(0, Math.min(tokens.length - 1, to));
      paintSelection();
      tokenEls[focusIdx].focus();
      const [a, b] = selRange();
      if (anchorIdx !== null) say(`Selected “${words(a, b)}” (${b - a + 1} words). Enter marks it as ${label(model.get("category"))}.`);
      return;
    }
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      ev.stopPropagation();
      const [a, b] = selRange();
      addMark(a, b);
      return;
    }
    if (ev.key === "Delete" || ev.key === "Backspace") {
      ev.preventDefault();
      ev.stopPropagation();
      const sel = marks().find((m) => key(m) === selectedMark);
      const [s, e] = tokens[i];
      removeMark(sel && sel.start <= s && e <= sel.end ? sel : innermostAt(i));
      return;
    }
    if (ev.key === "Escape") {
      anchorIdx = null;
      selectedMark = null;
      drawText();
      say("Selection cleared.");
      return;
    }
    if (/^[1-9]$/.test(ev.key) && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      const c = paletteOf()[Number(ev.key) - 1];
      if (c) {
        ev.preventDefault();
        ev.stopPropagation();
        model.set("category", c.id);
        model.save_changes();
        say(`Category: ${c.label}.`);
      }
    }
  });
  textBox.addEventListener("focusin", (ev) => {
    const i = tokenIndex(ev.target);
    if (i !== null && i !== focusIdx) { focusIdx = i; paintSelection(); }
  });

  // ---- buttons
  removeBtn.addEventListener("click", () => removeMark(marks().find((m) => key(m) === selectedMark)));
  checkBtn.addEventListener("click", () => {
    model.set("check_count", model.get("check_count") + 1);
    model.save_changes();
  });
  downloadBtn.addEventListener("click", () => {
    const blob = new Blob([model.get("answers_json")], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: model.get("filename") });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });

  function drawStatus() {
    const s = model.get("status");
    if (s) say(s, model.get("status_kind"));
  }
  function drawFeedback() {
    feedback.innerHTML = model.get("feedback"); // built and escaped by diplotext (Python)
  }

  model.on("change:marks", drawText);
  model.on("change:category", () => { drawPalette(); drawCurrent(); });
  model.on("change:status", drawStatus);
  model.on("change:status_kind", drawStatus);
  model.on("change:feedback", drawFeedback);
  model.on("change:student", () => { if (nameInput.value !== model.get("student")) nameInput.value = model.get("student"); });

  const heading = h("p", { class: "dt-title" }, h("b", { text: model.get("title") }));
  const actions = h("p", { class: "dt-actions" }, removeBtn, " ", checkBtn, " ", downloadBtn);
  root.append(heading, help, nameRow, palette, current, textBox, live, h("p", { class: "dt-marks-title", text: "Your marks:" }), markList, actions, feedback);
  drawPalette();
  drawCurrent();
  drawText();
  drawStatus();
  drawFeedback();
  // Like the ipywidgets' own views: JupyterLab tools and tests/browser/test_lab.py find a
  // widget view by this class on the element it renders into.
  el.classList.add("jupyter-widgets");
  el.append(root);
  return () => document.removeEventListener("mouseup", onDocUp);
}

export default { render };
