"""What the hostile-input tests share: a client on a transport of the test's, and a transport
that records each request and answers from a list."""

from __future__ import annotations

from typing import Any

import httpx

from misaka_io import Misaka

BASE = "https://api.example.test"
TOKEN = "t0ken-for-tests"


def make(transport: httpx.BaseTransport, **kwargs: Any) -> Misaka:
    kwargs.setdefault("max_retries", 0)
    return Misaka(api_token=TOKEN, base_url=BASE, transport=transport, **kwargs)


class Recorder(httpx.BaseTransport):
    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer
