"""Make seeds/geo/ne_110m_europe.geojson from Natural Earth 1:110m admin-0 countries.

Run by hand (not at install or lesson time); the output is committed. Steps:

    pip download geopandas==0.14.4 --no-deps -d /tmp/gp
    cd /tmp/gp && unzip -o geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    pip install --target /tmp/pyshp pyshp
    PYTHONPATH=/tmp/pyshp python scripts/make_geojson.py \
        /tmp/gp/geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

geopandas and pyshp are used only here; they are not dependencies of diplotext.
The script keeps the countries that reach into the box lon -12..60, lat 34..72, clips
their polygons to that box (Sutherland-Hodgman, exact for a rectangle), rounds
coordinates to 3 decimals and writes GeoJSON (RFC 7946, lon/lat order). It then prints
which country polygon contains a few test points (Simferopol for Crimea, Sukhumi,
Tskhinvali, Tiraspol), the check recorded in seeds/geo/README.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BBOX = (-12.0, 34.0, 60.0, 72.0)  # lon_min, lat_min, lon_max, lat_max
OUT = Path(__file__).resolve().parent.parent / "seeds" / "geo" / "ne_110m_europe.geojson"
CHECKS = {  # from seeds/context/places.csv
    "Crimea (Simferopol)": (34.102, 44.952),
    "Abkhazia (Sukhumi)": (41.015, 43.003),
    "South Ossetia (Tskhinvali)": (43.970, 42.225),
    "Transnistria (Tiraspol)": (29.633, 46.850),
}


def clip_ring(ring: list[tuple[float, float]], box: tuple[float, float, float, float]):
    """Clip a closed ring to an axis-aligned box (Sutherland-Hodgman)."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _ix(a, b, x=x0)),
        (lambda p: p[0] <= x1, lambda a, b: _ix(a, b, x=x1)),
        (lambda p: p[1] >= y0, lambda a, b: _ix(a, b, y=y0)),
        (lambda p: p[1] <= y1, lambda a, b: _ix(a, b, y=y1)),
    )
    pts = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not pts:
            break
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        pts = out
    if len(pts) < 3:
        return None
    return [*pts, pts[0]]


def _ix(a, b, x=None, y=None):
    (ax, ay), (bx, by) = a, b
    if x is not None:
        t = (x - ax) / (bx - ax)
        return (x, ay + t * (by - ay))
    t = (y - ay) / (by - ay)
    return (ax + t * (bx - ax), y)


def signed_area(ring) -> float:
    """Shoelace area (positive = counter-clockwise)."""
    return (
        sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))
        / 2
    )


def polygons(shape) -> list[list[list[tuple[float, float]]]]:
    """Group a shapefile polygon's parts into polygons: shell (clockwise in shapefiles) + holes."""
    parts = [*list(shape.parts), len(shape.points)]
    rings = [
        [tuple(p) for p in shape.points[parts[i] : parts[i + 1]]] for i in range(len(parts) - 1)
    ]
    polys: list[list[list[tuple[float, float]]]] = []
    for r in rings:
        if signed_area(r) <= 0 or not polys:  # clockwise = outer ring in shapefiles
            polys.append([r])
        else:
            polys[-1].append(r)
    return polys


def point_in_ring(pt, ring) -> bool:
    """Even-odd rule."""
    x, y = pt
    inside = False
    for i in range(len(ring) - 1):
        (ax, ay), (bx, by) = ring[i], ring[i + 1]
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def main(shp: str) -> None:
    import shapefile  # pyshp, installed only for this script

    reader = shapefile.Reader(shp)
    features = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        bx0, by0, bx1, by1 = sr.shape.bbox
        if bx1 < BBOX[0] or bx0 > BBOX[2] or by1 < BBOX[1] or by0 > BBOX[3]:
            continue
        out_polys = []
        for poly in polygons(sr.shape):
            clipped = [clip_ring(r, BBOX) for r in poly]
            if clipped[0] is None:
                continue
            # GeoJSON: outer rings counter-clockwise, holes clockwise (RFC 7946 sect. 3.1.6)
            rings = []
            for k, r in enumerate(c for c in clipped if c):
                r = [(round(x, 3), round(y, 3)) for x, y in r]
                if (signed_area(r) < 0) == (k == 0):
                    r = r[::-1]
                rings.append([list(p) for p in r])
            out_polys.append(rings)
        if not out_polys:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": rec["name"],
                    "iso_a3": rec["iso_a3"],
                    "continent": rec["continent"],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": out_polys},
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    doc = {
        "type": "FeatureCollection",
        "name": "ne_110m_europe",
        "bbox": list(BBOX),
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(features)} countries, {OUT.stat().st_size} bytes)")
    for label, pt in CHECKS.items():
        hits = [
            f["properties"]["name"]
            for f in features
            for poly in f["geometry"]["coordinates"]
            if point_in_ring(pt, [tuple(p) for p in poly[0]])
        ]
        print(f"{label} {pt}: inside {hits or 'no polygon'}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
