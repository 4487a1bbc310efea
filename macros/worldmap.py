"""Country outlines as SVG paths, drawn at build time from a bundled Natural Earth file.

The outlines are Natural Earth's public-domain 1:110m countries, as the npm
package world-atlas 2.0.2 redistributes them in TopoJSON (macros/data/, kept
unchanged with its licence). Decoding TopoJSON takes a few lines, so no
mapping library and no tile server are needed: the map is plain inline SVG.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pycountry

WORLD_FILE = Path(__file__).resolve().parent / "data" / "world-atlas-2.0.2-countries-110m.json"
NORTH, SOUTH = 84.0, -58.0  # Antarctica and the far north carry no partner: cropped
LEFT_OUT = {"AQ"}  # Antarctica, which the crop would flatten into a bar
SCALE = 2  # SVG units per degree: whole numbers are precise enough and keep the markup small
WIDTH, HEIGHT = 360 * SCALE, int((NORTH - SOUTH) * SCALE)


@cache
def outlines() -> dict[str, str]:
    """SVG path data of every country, keyed by ISO 3166-1 alpha-2 code."""
    topology = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id", ""))
        if country is None or geometry.get("type") is None or country.alpha_2 in LEFT_OUT:
            continue  # disputed areas without an ISO code, and what the crop would flatten
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        paths[country.alpha_2] = "".join(rings)
    return paths


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON's quantisation and delta encoding: arcs in longitude/latitude."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list) -> str:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    path, previous = [], None
    for lon, lat in points:
        point = _project(lon, lat)
        if point == previous:
            continue
        # a ring that crosses the antimeridian jumps across the map: lift the pen instead
        jump = previous is None or abs(point[0] - previous[0]) > 180 * SCALE
        path.append(("M" if jump else "L") + f"{point[0]},{point[1]}")
        previous = point
    return "".join(path) + "Z"


def _project(longitude: float, latitude: float) -> tuple[int, int]:
    """Equirectangular: fair enough at this scale, and trivially reproducible."""
    latitude = max(SOUTH, min(NORTH, latitude))
    return round((longitude + 180.0) * SCALE), round((NORTH - latitude) * SCALE)
