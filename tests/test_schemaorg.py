"""The schema.org description shared by the Croissant file and the documentation's home page."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data import identity
from sadr_iran_data._names import EXPORT_FORMATS
from sadr_iran_data.formats import schemaorg


def test_every_export_format_says_what_its_files_are():
    assert set(schemaorg.MEDIA_TYPES) == set(EXPORT_FORMATS), "give every export format its media type in schemaorg.MEDIA_TYPES"
    for format, types in schemaorg.MEDIA_TYPES.items():
        assert types and all(t.startswith(("application/", "text/", "http://", "https://")) for t in types), format


def test_the_home_page_offers_the_wheel_and_every_export_format_as_files_of_the_github_release():
    page = schemaorg.home_page()
    downloads = page["distribution"]
    release = f"{identity.REPOSITORY_URL}/releases/download/v{sid.__version__}/"
    assert all(d["@type"] == "DataDownload" and d["contentUrl"].startswith(release) for d in downloads)
    assert all(d["encodingFormat"] == "application/zip" for d in downloads)  # a wheel is a ZIP archive too
    assert downloads[0]["contentUrl"] == f"{release}sadr_iran_data-{sid.__version__}-py3-none-any.whl"
    assert f"pip install {identity.NAME}=={sid.__version__}" in downloads[0]["description"]
    for format, download in zip(EXPORT_FORMATS, downloads[1:], strict=True):
        assert download["contentUrl"] == f"{release}sadr-iran-data-{sid.__version__}-{format}.zip"
        assert f"--format {format}`" in download["description"]
        assert all(media in download["description"] for media in schemaorg.MEDIA_TYPES[format])
    assert len({d["contentUrl"] for d in downloads}) == len(downloads)


def test_the_source_article_is_the_identitys():
    article = schemaorg.source_article()
    source = identity.SOURCE
    assert (article["name"], article["url"], article["author"]["familyName"]) == (source.title, source.url, source.family)
    issue = article["isPartOf"]
    assert (issue["issueNumber"], issue["isPartOf"]["volumeNumber"]) == (str(source.issue), str(source.volume))
    assert issue["isPartOf"]["isPartOf"] == {"@type": "Periodical", "name": source.journal}


days = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


# The edges: no start at all, no end at all, one event, an end before the start of another, the first and last days.
@example([(None, None)])
@example([(None, datetime.date(2007, 3, 8)), (None, None)])
@example([(datetime.date(1980, 1, 1), None)])
@example([(datetime.date(2004, 4, 1), datetime.date(2004, 4, 1))])
@example([(datetime.date(2007, 1, 1), datetime.date(2001, 1, 1)), (datetime.date(2003, 1, 1), datetime.date(2002, 1, 1))])
@example([(datetime.date(1900, 1, 1), None), (None, datetime.date(2100, 12, 31)), (datetime.date(2000, 1, 1), datetime.date(2000, 1, 2))])
@settings(max_examples=30)
@given(st.lists(st.tuples(st.none() | days, st.none() | days), min_size=1))
def test_the_temporal_coverage_runs_from_the_earliest_start_to_the_latest_end(pairs):
    events = [{"date_start": start, "date_end": end} for start, end in pairs]
    starts = [s for s, _ in pairs if s is not None]
    ends = [e for _, e in pairs if e is not None]
    if not starts or not ends:
        with pytest.raises(ValueError, match="no span of time"):
            schemaorg.temporal_coverage(events)
        return
    first, last = schemaorg.temporal_coverage(events).split("/")
    assert datetime.date.fromisoformat(first) == min(starts)
    assert datetime.date.fromisoformat(last) == max(ends)


# The edges: each character that could end the element or start markup, alone, in a key, in the closing tag and a
# comment, beside a backslash and an escape already written out, and every kind of value nested.
@example("<")
@example(">")
@example("&")
@example("</script>")
@example("</SCRIPT ><!-- -->")
@example({"</script>": "<script>alert(1)</script>", "&amp;": ["&lt;", "\\<", "\\u003c", "]]>"]})
@example([None, True, False, 0, -(2**70), "", [], {}, {"a": [{"b": ["<>&"]}]}])
@settings(max_examples=25)
@given(
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner))
)
def test_the_script_text_is_the_json_and_cannot_close_its_element(data):
    text = schemaorg.script(data)
    assert json.loads(text) == data
    assert not set("<>&") & set(text)
