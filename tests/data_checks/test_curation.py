"""Data tests for the curation: coverage of every sentence, coding rules, dates, citations."""

from __future__ import annotations

import datetime
import re

import pandas as pd
import pytest

import sadr_iran_data as sid
from conftest import ROOT, needs_repository


def _published_by() -> pd.Timestamp:
    """The article's publication bound: the sourced latest day it is known to have been out."""
    article = sid.load_citations().query("kind == 'article' and cited_in.isna()").iloc[0]
    return pd.Timestamp(article["published_by"])


PUBLISHED_BY = _published_by()
EARLIEST = pd.Timestamp("1980-01-01")

# Words in the evidence that license each hedged certainty (docs/codebook.md).
CUES = {
    "known": r"It is known",
    "rumored": r"rumored",
    "likely": r"likely|appears?|believed",
    "alleged": r"alleged|fears",
    "claimed": r"claim|viewed|seen as|believed|perceived|For many in Tehran|representative",
    "expected": r"\b(could|can|may|would|will|if|If|in case|objective|aim|possibly|likely)\b",
}


@needs_repository
def test_ledger_is_current_and_every_sentence_is_accounted_for(source_text):
    from sadr_iran_data._build.ledger import build_ledger, dump_ledger, problems, read_ledger, split_sentences

    committed = read_ledger(ROOT)
    evidence = sid.load("evidence", backend="arrow").to_pylist()
    fresh = build_ledger(source_text, evidence, committed)
    assert dump_ledger(fresh) == (ROOT / "data/curated/ledger.yaml").read_text(encoding="utf-8"), "run: sadr-iran-data build"
    assert not problems(fresh)
    # the ledger tiles the article: no text outside a sentence except white space
    spans = split_sentences(source_text)
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    assert all(source_text[i].isspace() for i in range(len(source_text)) if i not in covered)
    assert sum(1 for e in fresh if e["no_fact"]) <= 8, "no_fact is for headings and asides, not for skipping facts"


def test_every_footnote_is_a_citation_of_the_article(frames, source_text):
    citations = frames["citations"]
    article = citations.query("kind == 'article' and cited_in.isna()")
    assert len(article) == 1
    notes = citations.dropna(subset=["note_number"]).sort_values("note_number")
    assert notes["note_number"].tolist() == list(range(1, 7))
    assert (notes["cited_in"] == article["citation_id"].iloc[0]).all()
    for note in notes.itertuples():
        marker = f"[{note.note_number}]"
        assert marker in source_text, marker
        quotes = frames["evidence"].query("record_id == @note.citation_id")["quote"]
        assert any(q.startswith(f"{note.note_number}. ") for q in quotes)


def test_every_footnote_supports_some_record(frames):
    cited = set(frames["events"]["citation_id"].dropna()) | set(frames["relations"]["citation_id"].dropna())
    footnotes = set(frames["citations"].dropna(subset=["note_number"])["citation_id"])
    assert footnotes <= cited, footnotes - cited


@pytest.mark.parametrize("name", ["events", "relations"])
def test_dates_lie_between_1980_and_publication_unless_forecast(frames, name):
    df = frames[name]
    starts = df["date_start"].dropna()
    assert (starts >= EARLIEST).all(), df.loc[starts[starts < EARLIEST].index, df.columns[0]].tolist()
    ends = df["date_end"]
    # a forecast: an open interval from the publication year, hedged as expected or likely
    forecasts = df["date_edtf"].str.fullmatch("2007/..") & df["certainty"].isin(["expected", "likely"])
    assert (ends[~forecasts].dropna() <= PUBLISHED_BY).all()
    assert ends[~forecasts].notna().all(), "only forecasts may leave date_end open"
    assert (df["date_start"].dropna() <= PUBLISHED_BY).all()


@pytest.mark.parametrize("name", ["events", "relations"])
def test_edtf_agrees_with_the_dates(frames, name):
    from sadr_iran_data._build.curated import period as edtf_bounds

    for row in frames[name].itertuples():
        start, end = edtf_bounds(row.date_edtf, PUBLISHED_BY.date())
        assert (pd.Timestamp(start) if start else pd.NaT) is row.date_start or pd.Timestamp(start) == row.date_start, row[1]
        if not pd.isna(row.date_end):
            assert pd.Timestamp(end) == row.date_end, row[1]


@pytest.mark.parametrize("name", ["events", "relations"])
def test_precision_matches_the_edtf_shape(frames, name):
    shapes = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}", "decade": r"\d{3}X"}
    for row in frames[name].itertuples():
        if row.date_precision in shapes:
            first = row.date_edtf.split("/")[0]
            assert re.fullmatch(shapes[row.date_precision], first), (row[1], row.date_edtf, row.date_precision)


@pytest.mark.parametrize("name", ["events", "relations"])
def test_hedged_certainty_is_backed_by_the_quoted_wording(frames, name):
    evidence = frames["evidence"]
    pk = sid.declarations.TABLES[name].primary_key
    for row in frames[name].itertuples():
        cue = CUES.get(row.certainty)
        if cue is None:
            continue
        record_id = getattr(row, pk)
        quotes = " ".join(evidence.query("record_id == @record_id")["quote"])
        assert re.search(cue, quotes), (record_id, row.certainty, quotes[:120])


def test_rumours_and_hedges_in_the_text_are_all_coded(frames, source_text):
    """Every hedge word of the article lies inside evidence of a row coded with a hedged certainty."""
    evidence = frames["evidence"]
    hedged = set(frames["events"].query("certainty != 'stated'")["event_id"]) | set(
        frames["relations"].query("certainty != 'stated'")["relation_id"]
    )
    spans = evidence[evidence["record_id"].isin(hedged)][["char_start", "char_end"]].to_numpy()
    for word in ("rumored", "It is known", "likely", "alleged", "appears"):
        for match in re.finditer(word, source_text):
            assert any(s <= match.start() and match.end() <= e for s, e in spans), (word, match.start())


def test_support_relations_have_their_form(frames):
    relations = frames["relations"]
    supports = relations["relation_type"] == "supports"
    assert relations.loc[supports, "support_form"].notna().all()
    assert relations.loc[~supports, "support_form"].isna().all()
    assert set(relations.loc[supports, "support_form"]) >= {"weapons", "training", "funds", "military"}


def test_each_event_actor_refers_to_an_actor_named_in_or_implied_by_the_event(frames):
    links = frames["event_actors"]
    assert links["event_id"].isin(frames["events"]["event_id"]).all()
    assert not links.duplicated(["event_id", "actor_id"]).any()


def test_known_dates_lie_inside_or_near_the_articles_dating(frames):
    events = frames["events"].dropna(subset=["known_date"])
    assert len(events) >= 5
    for row in events.itertuples():
        assert row.known_date_source
        if pd.notna(row.date_start):
            assert row.date_start <= row.known_date <= row.date_end, row.event_id


def test_core_actors_exist(frames):
    actors = frames["actors"].set_index("actor_id")
    assert actors.loc["act-moqtada-al-sadr", "actor_type"] == "person"
    assert actors.loc["act-mahdi-army", "actor_type"] == "armed_group"
    assert actors.loc["act-iran", "actor_type"] == "state"
    assert actors.loc["act-qods-force", "parent_actor_id"] == "act-irgc"
    aliases = {a for values in actors["aliases"] for a in values}
    for spelling in ("Muqtada al-Sadr", "Quds Force", "Hizballah", "Dawa"):
        assert spelling in aliases


def test_the_publication_bound_is_sourced_and_after_the_latest_printed_date(source_text):
    article = sid.load_citations().query("kind == 'article' and cited_in.isna()").iloc[0]
    assert article["published_by_source"], "published_by needs its source"
    printed = [datetime.datetime.strptime(m, "%B %d, %Y").date() for m in re.findall(r"[A-Z][a-z]+ \d{1,2}, \d{4}", source_text)]
    assert max(printed) == datetime.date(2007, 1, 2)
    assert max(printed) <= PUBLISHED_BY.date() < datetime.date(2008, 1, 1)
    assert article["date"].year == PUBLISHED_BY.year


def test_the_adversaries_of_the_qods_force_trainings_are_typed_alike(frames):
    """'the Russians', 'the Serbs' and 'the Israelis' are named alike by the article, and typed alike (codebook R3)."""
    links = frames["event_actors"]
    adversaries = links[links["event_id"].isin(["evt-0014", "evt-0015", "evt-0016"]) & ~links["role"].isin(["initiator", "recipient"])]
    types = frames["actors"].set_index("actor_id").loc[sorted(set(adversaries["actor_id"])), "actor_type"]
    assert len(types) == 3 and types.nunique() == 1, types.to_dict()
