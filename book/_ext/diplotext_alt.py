"""Sphinx extension: keep diplotext's alt text on notebook figures in the web book.

myst-nb turns an ``image/png`` output into an image node and copies only ``width`` and
``height`` from the output's metadata, so Sphinx's HTML writer falls back to the file name
for ``alt`` (``alt="3f9c...e1.png"``). diplotext writes the real description into the
output metadata (``output.metadata["image/png"]["alt"]``, see diplotext.display); this
extension copies it onto the node. An image without alt text in the notebook is reported
as a warning, which fails the ``-W`` build.
"""

from __future__ import annotations

from typing import Any

from myst_nb.core.render import NbElementRenderer
from sphinx.util import logging

LOG = logging.getLogger(__name__)

_render_image = NbElementRenderer.render_image


def render_image_with_alt(self: NbElementRenderer, data: Any) -> list:
    """:meth:`NbElementRenderer.render_image`, then ``alt`` from the output's metadata."""
    nodes = _render_image(self, data)
    alt = (data.output_metadata.get(data.mime_type) or {}).get("alt")
    if isinstance(alt, str) and alt.strip():
        for node in nodes:
            node["alt"] = alt.strip()
    else:
        LOG.warning("a notebook figure has no alt text in its output metadata", location=None)
    return nodes


def setup(app: Any) -> dict[str, Any]:
    NbElementRenderer.render_image = render_image_with_alt
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
