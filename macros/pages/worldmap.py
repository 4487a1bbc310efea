"""Country outlines as SVG paths, drawn at build time from a bundled Natural Earth file.

The outlines are Natural Earth's public-domain 1:110m countries, as the npm
package world-atlas 2.0.2 redistributes them in TopoJSON (macros/data/, kept
unchanged with its licence). Decoding TopoJSON takes a few lines, so no
mapping library and no tile server are needed: the map is plain inline SVG.

A partner's country is highlighted on its metropolitan territory only: the
largest landmass and the islands near it (Corsica with France; French Guiana,
an ocean away, stays plain land). A country too small to see at the map's
scale (Brunei) is marked with a dot and its name instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry


WORLD_FILE = Path(__file__).resolve().parent / "data" / "world-atlas-2.0.2-countries-110m.json"
NORTH, SOUTH = 84.0, -58.0  # Antarctica and the far north carry no partner: cropped
LEFT_OUT = {"AQ"}  # Antarctica, which the crop would flatten into a bar
SCALE = 2  # SVG units per degree: whole numbers are precise enough and keep the markup small
WIDTH, HEIGHT = 360 * SCALE, int((NORTH - SOUTH) * SCALE)
HOME = "VN"  # the ministry's country: marked apart from the partners'
NEAR = 12.0  # degrees: islands closer than this to the mainland belong to the metropolitan territory
SMALL = 8  # SVG units (4 degrees): a metropolitan territory smaller than this each way gets a dot


@dataclass(frozen=True)
class Country:
    """One country's outline: its metropolitan territory, what lies far from it, and where to put a dot."""

    metropolitan: str  # SVG path data
    overseas: str      # SVG path data, "" when the country has no distant territory
    centre: tuple[int, int]
    small: bool


@cache
def countries() -> dict[str, Country]:
    """Every country's outline, keyed by ISO 3166-1 alpha-2 code."""
    topology = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    found = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id", ""))
        if country is None or geometry.get("type") is None or country.alpha_2 in LEFT_OUT:
            continue  # disputed areas without an ISO code, and what the crop would flatten
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        found[country.alpha_2] = _country([[_points(ring, arcs) for ring in polygon] for polygon in polygons])
    return found


def _country(polygons: list[list[list[tuple[float, float]]]]) -> Country:
    boxes = [_box(polygon[0]) for polygon in polygons]
    mainland = max(range(len(polygons)), key=lambda index: _area(polygons[index][0]))
    near = {mainland}
    grown = True
    while grown:  # single linkage: an island near a kept one is kept, so archipelagos stay whole
        grown = False
        for index, box in enumerate(boxes):
            if index not in near and any(_gap(box, boxes[kept]) < NEAR for kept in near):
                near.add(index)
                grown = True
    west, south, east, north = _union(boxes[index] for index in near)
    (left, top), (right, bottom) = _project(west, north), _project(east, south)
    return Country(
        metropolitan="".join(_path(ring) for index in sorted(near) for ring in polygons[index]),
        overseas="".join(_path(ring) for index in range(len(polygons)) if index not in near for ring in polygons[index]),
        centre=((left + right) // 2, (top + bottom) // 2),
        small=right - left < SMALL and bottom - top < SMALL,
    )


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


def _points(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _path(points: list[tuple[float, float]]) -> str:
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


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lons, lats = [lon for lon, _ in points], [lat for _, lat in points]
    return min(lons), min(lats), max(lons), max(lats)


def _union(boxes) -> tuple[float, float, float, float]:
    west, south, east, north = zip(*boxes)
    return min(west), min(south), max(east), max(north)


def _gap(a: tuple, b: tuple) -> float:
    """Degrees between two boxes (0 when they overlap): the larger of the east-west and north-south gaps."""
    return max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3], 0.0)


def _area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def _project(longitude: float, latitude: float) -> tuple[int, int]:
    """Equirectangular: fair enough at this scale, and trivially reproducible."""
    latitude = max(SOUTH, min(NORTH, latitude))
    return round((longitude + 180.0) * SCALE), round((NORTH - latitude) * SCALE)
