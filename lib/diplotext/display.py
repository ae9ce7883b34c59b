"""How figures and tables reach a notebook, a handout and a screen reader.

Every figure the lessons show is a :class:`FigureOutput`: a PNG, an **alt text** (written
from the data, so it says what the figure shows) and a **caption**. Displayed in a notebook
it produces two outputs:

1. ``image/png`` with ``metadata["image/png"]["alt"]`` (read by the handout template) and a
   ``text/plain`` of ``[Figure N: alt text]`` — what nbval compares, so a change in the
   data behind a figure fails the notebook test, while pixel noise does not;
2. the caption, as Markdown (``*Figure N. caption*``).

Tables are :class:`TableOutput`: escaped HTML plus an aligned plain-text version.

Colours: the Okabe-Ito palette (colour-blind safe); use :data:`PALETTE` / :func:`colour`.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

_ORDER = (
    "blue",
    "orange",
    "bluish_green",
    "vermillion",
    "reddish_purple",
    "sky_blue",
    "yellow",
    "grey",
)


def colour(i: int) -> str:
    """The i-th colour of the palette (cycling), for categorical data."""
    return PALETTE[_ORDER[i % len(_ORDER)]]


#: Hatches to pair with colours so that categories survive greyscale printing.
HATCHES: tuple[str, ...] = ("", "//", "..", "xx", "\\\\", "++", "--", "oo")


def png_bytes(fig: Any, dpi: int = 110) -> bytes:
    """Render a matplotlib figure to PNG bytes (no timestamp metadata) and close it."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


@dataclass(frozen=True, repr=False)
class FigureOutput:
    """A rendered figure with alt text and caption (see module docstring)."""

    png: bytes
    alt: str
    caption: str
    number: int | None = None
    width: int | None = None

    def __repr__(self) -> str:
        return f"[{self.label()}: {self.alt}]"

    def label(self) -> str:
        """ "Figure 3" or "Figure" when unnumbered."""
        return f"Figure {self.number}" if self.number is not None else "Figure"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        data = {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"[{self.label()}: {self.alt}]",
        }
        meta: dict[str, Any] = {"alt": self.alt, "caption": self.caption}
        if self.width:
            meta["width"] = self.width
        return data, {"image/png": meta}

    def caption_bundle(self) -> dict[str, str]:
        """The caption output: Markdown for screens and handouts, the same words as plain text."""
        return {
            "text/markdown": f"*{self.label()}. {md_escape(self.caption)}*",
            "text/plain": f"{self.label()}. {self.caption}",
        }

    def _ipython_display_(self) -> None:
        from IPython.display import display

        data, meta = self._repr_mimebundle_()
        display(data, raw=True, metadata=meta)
        display(self.caption_bundle(), raw=True)

    def save(self, path: str) -> None:
        """Write the PNG to ``path``."""
        with open(path, "wb") as fh:
            fh.write(self.png)


def md_escape(text: str) -> str:
    """Escape text for inline Markdown (no markup, no HTML from the data)."""
    out = html.escape(text, quote=False)
    for ch in "\\`*_[]#|<>":
        out = out.replace(ch, "\\" + ch)
    return out


@dataclass(frozen=True)
class TableOutput:
    """A table: header + rows of plain strings; shown as escaped HTML and aligned text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None

    @classmethod
    def from_rows(
        cls, header: Sequence[str], rows: Sequence[Sequence[Any]], caption: str | None = None
    ) -> TableOutput:
        """Build a table, turning every cell into a string (None -> "")."""
        return cls(
            tuple(str(h) for h in header),
            tuple(tuple("" if c is None else str(c) for c in r) for r in rows),
            caption,
        )

    def to_html(self) -> str:
        """The table as HTML; every cell is escaped."""
        parts = ['<table class="diplotext-table">']
        if self.caption:
            parts.append(f"<caption>{html.escape(self.caption)}</caption>")
        parts.append(
            "<thead><tr>"
            + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.header)
            + "</tr></thead>"
        )
        parts.append("<tbody>")
        for row in self.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
        return "".join(parts)

    def to_text(self, max_width: int = 60) -> str:
        """The table as aligned plain text (cells longer than ``max_width`` are wrapped)."""
        import textwrap

        cols = len(self.header)
        wrapped = [
            [textwrap.wrap(c, max_width) or [""] for c in (list(r) + [""] * cols)[:cols]]
            for r in (self.header, *self.rows)
        ]
        widths = [max(len(line) for row in wrapped for line in row[i]) for i in range(cols)]
        lines = []
        if self.caption:
            lines.append(self.caption)
        for n, row in enumerate(wrapped):
            height = max(len(cell) for cell in row)
            for k in range(height):
                lines.append(
                    "  ".join(
                        (cell[k] if k < len(cell) else "").ljust(widths[i])
                        for i, cell in enumerate(row)
                    ).rstrip()
                )
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.to_text()
