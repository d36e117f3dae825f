"""``ryhti codelists update`` against a local fake of the koodistot codelist API."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from ryhti.codelists import Registry
from ryhti.codelists.koodistot import KoodistotClient
from ryhti.codelists.snapshot import write_snapshot
from ryhti.codelists.update import build_from_url
from ryhti.errors import InputError
from tests.codelists.conftest import SNAPSHOT, FakeKoodistot

FIELDS = ("labels", "parent", "level", "status", "short_name", "descriptions")


def _facts(reg: Registry, list_id: str) -> dict[str, tuple[Any, ...]]:
    return {c.value: tuple(getattr(c, f) for f in FIELDS) for c in reg[list_id].codes}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def test_online_update_fetches_every_list_across_pages(
    fake_koodistot: FakeKoodistot, api_url: str, tmp_path: Path
) -> None:
    fake_koodistot.max_page = 50  # RY_Kaavamaarayslaji (268 codes) takes 6 pages
    out = tmp_path / "out"
    snapshot = build_from_url(api_url, timeout=5, page_size=1000)
    result = write_snapshot(snapshot, out, "2030-01-01")
    assert snapshot.problems == []
    fetched, committed = Registry(out), Registry(SNAPSHOT)
    assert fetched.names() == committed.names()
    for list_id in committed.names():
        assert _facts(fetched, list_id) == _facts(committed, list_id), list_id
        assert fetched[list_id].ordering == "official"  # koodistot always gives an order
    assert fetched["RY_Kaavamaarayslaji"]["asuinkerrostaloalue"].koodistot_id
    pages = [r for r in fake_koodistot.requests if "/RY_Kaavamaarayslaji/codes" in r]
    assert len(pages) == 6
    source = fetched.snapshot_info["sources"]["kunta_1_20240101"]
    assert source["kind"] == "url"
    assert source["url"] == f"{api_url}/coderegistries/jhs/codeschemes/kunta_1_20240101/codes"
    assert source["scheme_modified"] == "2025-06-12T00:00:00.000Z"
    # the project tables are not on koodistot: they are carried over with their provenance
    assert fetched.index["tables"] == committed.index["tables"]
    assert result.date == "2030-01-01"


def test_paging_by_offsets_when_there_is_no_next_link(
    fake_koodistot: FakeKoodistot, api_url: str
) -> None:
    fake_koodistot.paging = "offset"
    fake_koodistot.max_page = 100
    with KoodistotClient(api_url, timeout=5) as client:
        codes = client.fetch_codes("jhs", "kunta_1_20240101")
    assert len(codes) == 309
    assert len({c["codeValue"] for c in codes}) == 309
    offsets = [r for r in fake_koodistot.requests if "kunta_1_20240101/codes" in r]
    assert [r.split("from=")[1].split("&")[0] for r in offsets] == ["0", "100", "200", "300"]


def test_transient_server_errors_are_retried(fake_koodistot: FakeKoodistot, api_url: str) -> None:
    fake_koodistot.failures["/kaavakastap/codes"] = [503, 500]
    with KoodistotClient(api_url, timeout=5, retries=2) as client:
        assert len(client.fetch_codes("rytj", "kaavakastap")) == 19
    assert sum("/kaavakastap/codes" in r for r in fake_koodistot.requests) == 3


def test_persistent_server_error_is_an_input_error_naming_the_url(
    fake_koodistot: FakeKoodistot, api_url: str, tmp_path: Path
) -> None:
    fake_koodistot.failures["/kaavakastap/codes"] = [500] * 5
    out = tmp_path / "out"
    shutil.copytree(SNAPSHOT, out)
    before = _files(out)
    with pytest.raises(InputError) as info:
        build_from_url(api_url, timeout=5, retries=1)
    message = str(info.value)
    assert "HTTP 500" in message and "kaavakastap/codes" in message and "--from DIR" in message
    assert _files(out) == before  # nothing written


def test_unknown_scheme_is_a_clear_error(fake_koodistot: FakeKoodistot, api_url: str) -> None:
    with KoodistotClient(api_url, timeout=5) as client, pytest.raises(InputError, match="HTTP 404"):
        client.fetch_scheme("rytj", "RY_NoSuchList")
    del fake_koodistot.schemes[("rytj", "sailytysaika")]
    with pytest.raises(InputError, match=r"sailytysaika: no such code list on koodistot"):
        build_from_url(api_url, timeout=5)


def test_timeout(fake_koodistot: FakeKoodistot, api_url: str) -> None:
    fake_koodistot.delay = 1.0
    with (
        KoodistotClient(api_url, timeout=0.2, retries=0) as client,
        pytest.raises(InputError, match=r"did not answer within 0\.2 s"),
    ):
        client.fetch_codes("rytj", "julkisuus")


def test_unreachable_server(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with (
        KoodistotClient(f"http://127.0.0.1:{port}/api", timeout=2, retries=0) as client,
        pytest.raises(InputError, match="cannot reach koodistot"),
    ):
        client.fetch_codes("rytj", "julkisuus")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<html>maintenance</html>", "not JSON"),
        (json.dumps({"meta": {"code": 200}}), "no 'results' list"),
        (json.dumps({"results": [{"uri": "x"}]}), "without a 'codeValue'"),
        (
            json.dumps({"meta": {"totalResults": 5}, "results": [{"codeValue": "1"}]}),
            "paging does not advance",
        ),
        (
            json.dumps(
                {"meta": {"totalResults": 2}, "results": [{"codeValue": "1"}, {"codeValue": "1"}]}
            ),
            "announced 2 codes but sent 1",
        ),
    ],
)
def test_answers_of_the_wrong_shape(
    fake_koodistot: FakeKoodistot, api_url: str, body: str, message: str
) -> None:
    fake_koodistot.bodies["/julkisuus/codes"] = body
    with KoodistotClient(api_url, timeout=5) as client, pytest.raises(InputError, match=message):
        client.fetch_codes("rytj", "julkisuus")


def test_koodistot_fields_are_mapped(
    fake_koodistot: FakeKoodistot, api_url: str, tmp_path: Path
) -> None:
    codes = fake_koodistot.schemes[("rytj", "RY_Kaavalaji")]["codes"]
    # koodistot sometimes references the broader code by URI only
    codes[3]["broaderCode"] = {"uri": "http://uri.suomi.fi/codelist/rytj/RY_Kaavalaji/code/1"}
    codes[0]["prefLabel"] = {
        "fi": " Maakuntakaava ",
        "sv": "",
        "en": "Regional plan",
        "se": "Eanangoddeplána",
    }
    write_snapshot(build_from_url(api_url, timeout=5), tmp_path / "out", "2030-01-01")
    plan_types = Registry(tmp_path / "out")["RY_Kaavalaji"]
    assert plan_types.parent("11").value == "1"
    assert plan_types["1"].labels == {
        "fi": "Maakuntakaava",
        "en": "Regional plan",
        "se": "Eanangoddeplána",
    }
    assert plan_types["39"].status == "SUPERSEDED" and not plan_types["39"].usable
