"""`Idempotency-Key`: a write the browser may send more than once (a session played or a diary
entry logged offline, sent when the network returns; an answer lost on a poor connection,
sent again) carries a key it made; the server stores the write once with it, and a replay
answers with what the first request stored, marked `Idempotent-Replayed: true`.

Keys are per person: another person's key of the same value is another key."""

from typing import Annotated

from fastapi import Header, Response

KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_PATTERN = r"^[A-Za-z0-9_.:-]{8,64}$"

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=KEY_HEADER,
        pattern=KEY_PATTERN,
        description="A key the client makes for this write (8 to 64 letters, digits or "
        "`_.:-`, e.g. a UUID). Sent again, the write is not repeated: the answer is the "
        f"first request's result, with `{REPLAYED_HEADER}: true`.",
    ),
]


def mark_replayed(response: Response) -> None:
    response.headers[REPLAYED_HEADER] = "true"
