"""GET /v5/models through SGPClient: typed pages, filters as query params, cursor paging.

A real local HTTP server (pytest-httpserver) plays the API; the built-in demo is checked too.
"""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sgp.api import AuthenticationError, InvalidResponseError, SGPClient, UnprocessableEntityError
from sgp.demo import SAMPLE_MODELS, demo_client
from testkit.bodies import minimal_body

KEY = "sk-test-list-0123456789"


def paging_server(httpserver: HTTPServer, ids: list[str]) -> None:
    """Serve `ids` as the list endpoint does: `limit` per page after `starting_after`."""

    def handler(request: Request) -> Response:
        limit = int(request.args.get("limit", "100"))
        after = request.args.get("starting_after")
        start = ids.index(after) + 1 if after in ids else 0
        page = ids[start : start + limit]
        payload = {
            "object": "list",
            "items": [minimal_body(i) for i in page],
            "total": len(ids),
            "has_more": start + limit < len(ids),
            "limit": limit,
        }
        return Response(json.dumps(payload), content_type="application/json")

    httpserver.expect_request("/v5/models", method="GET").respond_with_handler(handler)


def client_for(httpserver: HTTPServer) -> SGPClient:
    return SGPClient(KEY, base_url=httpserver.url_for("/"), max_retries=0)


def methods_and_args(httpserver: HTTPServer) -> list[tuple[str, dict[str, str]]]:
    return [(request.method, dict(request.args)) for request, _ in httpserver.log]


def test_every_model_is_listed_exactly_once_across_pages(httpserver: HTTPServer) -> None:
    ids = [f"m{n}" for n in range(7)]
    paging_server(httpserver, ids)

    listed = [m.id for m in client_for(httpserver).iter_models(limit=3)]

    assert listed == ids
    sent = methods_and_args(httpserver)
    assert [args.get("starting_after") for _, args in sent] == [None, "m2", "m5"]
    assert {method for method, _ in sent} == {"GET"}


def test_a_page_is_typed_with_items_total_has_more_and_limit(httpserver: HTTPServer) -> None:
    paging_server(httpserver, ["a", "b", "c"])

    page = client_for(httpserver).list_models(limit=2)

    assert [m.id for m in page.items] == ["a", "b"]
    assert (page.total, page.has_more, page.limit) == (3, True, 2)


def test_filters_reach_the_server_as_query_params_and_unset_ones_are_not_sent(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request(
        "/v5/models",
        method="GET",
        query_string={
            "limit": "5",
            "model_vendor": "launch",
            "name": "llama 2",
            "sort_by": "name",
            "sort_order": "asc",
            "ending_before": "zz",
        },
    ).respond_with_json({"items": [], "has_more": False, "total": 0})

    page = client_for(httpserver).list_models(
        limit=5,
        model_vendor="launch",
        name="llama 2",
        sort_by="name",
        sort_order="asc",
        ending_before="zz",
    )

    assert page.items == []
    httpserver.check_assertions()
    assert "starting_after" not in methods_and_args(httpserver)[0][1]


def test_iterating_follows_the_cursor_with_the_same_filters(httpserver: HTTPServer) -> None:
    ids = ["x1", "x2", "x3"]
    paging_server(httpserver, ids)

    listed = list(client_for(httpserver).iter_models(limit=2, model_vendor="launch", name="x"))

    assert [m.id for m in listed] == ids
    for _, args in methods_and_args(httpserver):
        assert (args["model_vendor"], args["name"], args["limit"]) == ("launch", "x", "2")


def test_has_more_false_ends_the_listing(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v5/models").respond_with_json(
        {"items": [minimal_body("only")], "has_more": False, "total": 99}
    )

    assert [m.id for m in client_for(httpserver).iter_models(limit=1)] == ["only"]
    assert len(httpserver.log) == 1


def test_an_empty_page_ends_the_listing_even_if_the_server_claims_more(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/v5/models").respond_with_json(
        {"items": [], "has_more": True, "total": 5}
    )

    assert list(client_for(httpserver).iter_models()) == []
    assert len(httpserver.log) == 1


def test_a_cursor_that_does_not_advance_ends_the_listing(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v5/models").respond_with_json(
        {"items": [minimal_body("same1"), minimal_body("same2")], "has_more": True}
    )

    listed = [m.id for m in client_for(httpserver).iter_models(limit=2)]

    assert listed == ["same1", "same2"]
    assert len(httpserver.log) == 2


def test_an_invalid_item_is_named_by_position_and_id(httpserver: HTTPServer) -> None:
    broken = minimal_body("broken-one")
    del broken["status"]
    httpserver.expect_request("/v5/models").respond_with_json(
        {"items": [minimal_body("fine"), broken], "has_more": False}
    )

    with pytest.raises(InvalidResponseError) as caught:
        client_for(httpserver).list_models()

    assert "Item 1 (ID 'broken-one')" in caught.value.message
    assert caught.value.problems == ["items.1.status: Field required"]


def test_a_list_answer_that_is_not_an_object_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v5/models").respond_with_json([minimal_body("a")])

    with pytest.raises(InvalidResponseError):
        client_for(httpserver).list_models()


def test_a_refused_key_is_reported_and_never_appears_in_the_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v5/models").respond_with_json({"detail": "bad key"}, status=401)

    with pytest.raises(AuthenticationError):
        client_for(httpserver).list_models(name="a")

    request = httpserver.log[0][0]
    assert KEY not in request.url
    assert request.headers["x-api-key"] == KEY


def test_demo_lists_all_sample_models_once_in_small_pages() -> None:
    client = demo_client()
    everything = client.list_models(limit=1000)

    paged = [m.id for m in client.iter_models(limit=4)]

    assert len(everything.items) == everything.total == len(SAMPLE_MODELS)
    assert not everything.has_more
    assert sorted(paged) == sorted(m.id for m in everything.items)
    assert len(set(paged)) == len(paged)


def test_demo_filters_by_vendor_and_name_and_sorts() -> None:
    client = demo_client()

    launch = list(client.iter_models(model_vendor="launch"))
    llama = list(client.iter_models(name="LLAMA", sort_by="name", sort_order="asc", limit=2))

    assert launch and all(m.model_vendor == "launch" for m in launch)
    assert llama and all("llama" in m.name.lower() for m in llama)
    assert [m.name for m in llama] == sorted(m.name for m in llama)


def test_demo_ending_before_pages_backwards() -> None:
    client = demo_client()
    ids = [m.id for m in client.list_models(limit=1000).items]

    page = client.list_models(limit=3, ending_before=ids[10])

    assert [m.id for m in page.items] == ids[7:10]
    assert page.has_more


def test_demo_refuses_an_unknown_sort_order() -> None:
    with pytest.raises(UnprocessableEntityError):
        demo_client().list_models(sort_order="sideways")
