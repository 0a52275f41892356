"""The documentation: generated pages are current, the examples run, the ids exist, the site builds strictly."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIGURES = ("map.svg", "timeline.svg", "network.svg")
RECORD_ID = re.compile(r"\b(?:evt|rel|act|loc|cit|eva)-[a-z0-9-]+\b")
SITE_PACKAGES = ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python")

pytestmark = pytest.mark.skipif(not (DOCS / "index.md").exists(), reason="needs a clone of the repository (docs/)")


def load_script(name: str) -> ModuleType:
    """The build-time module that writes the documentation's generated files: ``docs``, ``figures`` or one of the figures."""
    return importlib.import_module(f"sadr_iran_data._build.{name}")


def build_site(site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the repository's docs into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def require_site_packages() -> None:
    for name in SITE_PACKAGES:
        pytest.importorskip(name, reason=f"the docs need {name}: pip install -e '.[docs]'")


@pytest.fixture(scope="module")
def build_docs() -> ModuleType:
    return load_script("docs")


@pytest.fixture(scope="module")
def generated(build_docs) -> dict[str, str]:
    """Every generated page as the build writes it now, by file name (made once: the CLI page runs the command)."""
    return build_docs.pages(ROOT)


# --------------------------------------------------------------------------
# Generated pages
# --------------------------------------------------------------------------


def test_data_dictionary_is_current(generated):
    committed = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == generated["data-dictionary.md"], "docs/data-dictionary.md is stale: run sadr-iran-data build"


def test_data_dictionary_comes_from_the_declarations(generated):
    from sadr_iran_data.declarations.dictionary import render_markdown

    assert generated["data-dictionary.md"].endswith(render_markdown())


def test_readme_numbers_and_citation_are_current(build_docs):
    committed = (ROOT / "README.md").read_text(encoding="utf-8")
    assert committed == build_docs.readme(committed, ROOT), "README.md's generated blocks are stale: run sadr-iran-data build"
    assert "<!-- generated:numbers -->" in committed and "<!-- generated:citation -->" in committed


def test_loader_docstrings_list_their_tables_columns_with_descriptions_and_no_markup():
    import pydoc

    import sadr_iran_data as sid

    for name in sid.tables():
        loader = getattr(sid, f"load_{name}")
        doc = loader.__doc__
        for column in sid.declarations.TABLES[name].columns:
            assert f"``{column.name}`` ({column.type}" in doc, (name, column.name)
            assert " ".join(column.description.split()[:4]) in " ".join(doc.split()), (name, column.name)
        assert "<!--" not in pydoc.render_doc(loader), name
        assert doc.index("Notes") < doc.index("Examples"), name


def test_help_shows_no_markup_for_any_public_name():
    """``help()`` of the package and of every public name: the generated lists of columns, without the markers of 1.3."""
    import pydoc

    import sadr_iran_data as sid

    helped = [sid, *(getattr(sid, name) for name in sid.__all__ if not isinstance(getattr(sid, name), str))]
    for obj in helped:
        text = pydoc.render_doc(obj, renderer=pydoc.plaintext)
        assert "<!--" not in text and "-->" not in text and "generated:" not in text, getattr(obj, "__name__", obj)
    assert "``event_id`` (id): Stable id of the event." in pydoc.render_doc(sid.load_events, renderer=pydoc.plaintext)


def test_cli_reference_is_current(generated):
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == generated["cli.md"], "docs/cli.md is stale: run sadr-iran-data build"


def test_cli_reference_covers_every_command(build_docs, generated):
    page = generated["cli.md"]
    names = build_docs.commands()
    assert {"info", "tables", "show", "validate", "verify", "cite"} <= set(names)
    for name in names:
        assert f"$ sadr-iran-data {name} --help\nusage: sadr-iran-data {name}" in page


@pytest.mark.parametrize("name", ["citing.md", "changelog.md", "numbers.md"])
def test_other_generated_pages_are_current(generated, name):
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == generated[name], f"docs/{name} is stale: run sadr-iran-data build"


def test_citing_page_shows_the_bibtex_of_this_version(build_docs):
    import sadr_iran_data as sid

    assert sid.cite("bibtex") in build_docs.citing_page()


def test_changelog_page_is_the_changelog(build_docs):
    page = build_docs.changelog_page(ROOT)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert page.endswith(changelog.replace("](docs/", "]("))


def test_check_mode_reports_a_stale_page(build_docs, generated, tmp_path, monkeypatch):
    def pages(root: Path) -> dict[str, str]:
        """The pages the build generates for the repository, made once for the module."""
        assert root == ROOT
        return dict(generated)

    monkeypatch.setattr(build_docs, "pages", pages)
    build_docs.write(ROOT, tmp_path)
    assert build_docs.main(["--check", "--root", str(ROOT), "--docs", str(tmp_path)]) == 0
    (tmp_path / "cli.md").write_text("# edited by hand\n", encoding="utf-8")
    assert build_docs.stale(ROOT, tmp_path) == ["cli.md"]
    assert build_docs.main(["--check", "--root", str(ROOT), "--docs", str(tmp_path)]) == 1


# --------------------------------------------------------------------------
# Hand-written pages
# --------------------------------------------------------------------------


def test_every_id_in_the_codebook_exists(frames):
    text = (DOCS / "codebook.md").read_text(encoding="utf-8")
    mentioned = set(RECORD_ID.findall(text))
    assert len(mentioned) > 20
    shipped = {record_id for name, df in frames.items() for record_id in df.iloc[:, 0]}
    assert sorted(mentioned - shipped) == []


@pytest.mark.parametrize("page", ["index.md", "quickstart.md", "tables.md", "charts.md", "article.md", "datasette.md"])
def test_every_id_in_a_page_exists(frames, page):
    mentioned = set(RECORD_ID.findall((DOCS / page).read_text(encoding="utf-8")))
    shipped = {record_id for df in frames.values() for record_id in df.iloc[:, 0]}
    assert sorted(mentioned - shipped) == []


def _markdown_rows(text: str, heading: str) -> dict[str, set[str]]:
    """The first table after ``heading``: its first cell (a code span) -> the code spans of its second cell."""
    section = text[text.index(heading) :]
    rows = {}
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("| `") and len(cells) >= 2:
            rows[cells[0].strip("`")] = set(re.findall(r"`(\w+)`", cells[1]))
    return rows


def test_the_codebook_lists_each_relation_family_with_the_types_the_declaration_gives_it():
    from sadr_iran_data.declarations import RELATION_FAMILY, RELATION_TYPE

    rows = _markdown_rows((DOCS / "codebook.md").read_text(encoding="utf-8"), "### Relation families")
    assert list(rows) == list(RELATION_FAMILY.values)
    for family, kinds in rows.items():
        assert kinds == {t.value for t in RELATION_TYPE.terms if t.family == family}, family


def test_the_datasette_page_lists_the_facets_the_export_sets_up():
    import sadr_iran_data as sid
    from sadr_iran_data.declarations import TABLES
    from sadr_iran_data.formats.sqlite import DATABASE, _datasette_metadata

    text = (DOCS / "datasette.md").read_text(encoding="utf-8")
    tables = _datasette_metadata(tuple(TABLES))["databases"][DATABASE]["tables"]
    assert _markdown_rows(text, "### Facets") == {name: set(t["facets"]) for name, t in tables.items()}
    mapped = int(sid.load_events(wide=True)["latitude"].notna().sum())
    assert f"the {mapped} events whose place has a point" in text


def test_pages_link_the_figures():
    page = (DOCS / "charts.md").read_text(encoding="utf-8")
    for name in FIGURES:
        assert f"(figures/{name})" in page
        assert (DOCS / "figures" / name).exists()


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------


@pytest.mark.slow
def test_figures_are_deterministic_and_current(tmp_path, request):
    matplotlib = pytest.importorskip("matplotlib", reason="the figures need matplotlib: pip install -e '.[docs]'")
    make_figures = load_script("figures")
    first = request.getfixturevalue("figures_drawn")  # drawn once for the run, perhaps by another worker
    assert [p.name for p in first] == list(FIGURES)
    assert all(b"<dc:date>" not in p.read_bytes() for p in first)
    committed = {p.name: (DOCS / "figures" / p.name).read_bytes() for p in first}
    try:
        import networkx  # noqa: F401  (the committed network is laid out with it)
    except ImportError:
        networkx_missing = True
    else:
        networkx_missing = False
    creator = f"Matplotlib v{matplotlib.__version__},".encode()
    comparable = not networkx_missing and all(creator in data for data in committed.values())
    if comparable and all(committed[p.name] == p.read_bytes() for p in first):
        return  # the build that wrote them and this run drew the same bytes: deterministic, and current
    second = make_figures.make_figures(ROOT, tmp_path / "again")  # a drawing that changes from run to run, or a stale one?
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
    if networkx_missing:
        pytest.skip("the committed network figure is laid out with networkx: pip install -e '.[docs]'")
    for new in first:
        if creator not in committed[new.name]:
            pytest.skip(f"docs/figures/{new.name} was drawn by another matplotlib version than {matplotlib.__version__}")
        assert committed[new.name] == new.read_bytes(), f"docs/figures/{new.name} is stale: run sadr-iran-data build"


def test_network_layout_without_networkx(monkeypatch):
    pytest.importorskip("matplotlib", reason="the figures need matplotlib: pip install -e '.[docs]'")
    network = load_script("figures.network")
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx now raises ImportError
    nodes = ["a", "b", "c", "d", "e", "f"]
    edges = [("a", "b"), ("a", "c"), ("c", "d"), ("e", "f")]
    pos = network.network_layout(nodes, edges, hub_degree=2)
    assert set(pos) == set(nodes)
    assert len(set(pos.values())) == len(nodes)
    assert pos == network.network_layout(nodes, edges, hub_degree=2)


# --------------------------------------------------------------------------
# The site
# --------------------------------------------------------------------------


@pytest.mark.slow
def test_site_builds_strictly_without_external_assets(request):
    require_site_packages()
    site = request.getfixturevalue("site_built")  # built once for the run, perhaps by another worker for the browser's tests
    pages = ["index.html", "quickstart/index.html", "tables/index.html", "numbers/index.html", "charts/index.html"]
    pages += ["data-dictionary/index.html", "codebook/index.html", "citing/index.html", "releasing/index.html"]
    pages += ["changelog/index.html", "api/index.html", "cli/index.html"]
    for page in pages:
        assert (site / page).exists(), page
    for name in FIGURES:
        assert (site / "figures" / name).read_bytes() == (DOCS / "figures" / name).read_bytes()
    external = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.IGNORECASE)
    canonical = re.compile(r'<link rel="canonical" href="https://[^"]*">')  # the page's own address (site_url), not an asset
    for html in site.rglob("*.html"):
        text = canonical.sub("", html.read_text(encoding="utf-8"))
        assert not external.search(text), f"{html.relative_to(site)} loads an external asset"
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "load_events" in api and "&gt;&gt;&gt;" in api


# --------------------------------------------------------------------------
# The changelog's numbers
# --------------------------------------------------------------------------


def _release_section(version: str) -> str:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    start = text.index(f"## [{version}]")
    return " ".join(text[start : text.index("\n## [", start + 1)].split())


def test_the_1_4_0_changelog_states_the_shares_and_retirements_the_data_give():
    import yaml

    import sadr_iran_data as sid
    from sadr_iran_data.rules.shipped_text import covered, shipped_share

    section = _release_section("1.4.0")
    current = "1.4.0" if "1.4.0" in set(sid.releases()["version"]) else None
    rows = {name: sid.load(name, backend="arrow", version=current).to_pylist() for name in ("citations", "evidence", "cues")}
    (shipped, length), *_ = shipped_share(rows).values()
    assert f"cover {shipped:,} of the article's {length:,} characters ({shipped / length:.1%})" in section
    old = sid.load("evidence", backend="arrow", version="1.3.0").to_pylist()
    before = covered([(e["char_start"], e["char_end"]) for e in old])
    assert f"the quotes of 1.3.0 covered {before:,} ({before / length:.1%})" in section
    retired = yaml.safe_load((ROOT / "data" / "curated" / "retired.yaml").read_text(encoding="utf-8"))
    released = {e["evidence_id"] for e in old}
    evidence = [r for r in retired if r["retired_in"] == "1.4.0" and r["table"] == "evidence" and r["id"] in released]
    replaced = sum("replaced_by" in r for r in evidence)
    assert f"are retired, {len(evidence)} of the {len(old)}" in section
    assert f"{replaced} with `replaced_by`" in section and f"{len(evidence) - replaced} without" in section
