"""Request dependencies, as annotated types: `def route(account: ApiUser, web: WebDep)`."""

from typing import Annotated

from fastapi import Depends, Path, Request
from starlette.datastructures import FormData

from sciatica_coach.store.accounts import Account
from sciatica_coach.web.auth import api_account, page_account
from sciatica_coach.web.context import Web, web_dependency


async def form_data(request: Request) -> FormData:
    """The submitted form, parsed once (the CSRF check has read it already)."""
    return await request.form()


WebDep = Annotated[Web, Depends(web_dependency)]
ApiUser = Annotated[Account, Depends(api_account)]
PageUser = Annotated[Account, Depends(page_account)]
Form = Annotated[FormData, Depends(form_data)]
# Row ids in paths: the database's INTEGER range, so a huge number is bad input, not a 500.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
