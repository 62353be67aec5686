"""`POST /api/register`, `/api/login`, `/api/logout`, and your account's data."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response

from sciatica_coach.web.auth import authenticate, register, sign_in, sign_out
from sciatica_coach.web.deps import ApiUser, WebDep
from sciatica_coach.web.limits import client_group
from sciatica_coach.web.schemas import AccountOut, Credentials, PasswordIn, Registration

router = APIRouter()


@router.get("/csrf")
def csrf(request: Request) -> dict[str, str]:
    """The CSRF token (also set as the `csrf_token` cookie): send it back in `X-CSRF-Token`."""
    token: str = request.state.csrf_token
    return {"csrf_token": token}


@router.post("/register", status_code=201)
def api_register(
    body: Registration, request: Request, response: Response, web: WebDep
) -> AccountOut:
    """Create an account (a patient unless `role` is "clinician") and sign in with it."""
    account = register(web, body.username, body.password, body.role, client_group(request))
    sign_in(web, request, response, account)
    return AccountOut(id=account.id, username=account.username, role=account.role)


@router.post("/login", responses={401: {"description": "Wrong name or password"}})
def api_login(body: Credentials, request: Request, response: Response, web: WebDep) -> AccountOut:
    account = authenticate(web, body.username, body.password, client_group(request))
    if account is None:
        raise HTTPException(status_code=401, detail="Wrong name or password")
    sign_in(web, request, response, account)
    return AccountOut(id=account.id, username=account.username, role=account.role)


@router.post("/logout", status_code=204)
def api_logout(request: Request, response: Response, web: WebDep) -> None:
    """End this session on the server (harmless without one)."""
    sign_out(web, request, response)


@router.get("/account/export")
def export_my_data(account: ApiUser, web: WebDep) -> dict[str, Any]:
    """Everything stored about you, as JSON."""
    from sciatica_coach.services.account import all_my_data

    return all_my_data(web.store, account.id, account.username)


@router.delete("/account", status_code=204)
def delete_my_account(
    body: PasswordIn, account: ApiUser, request: Request, response: Response, web: WebDep
) -> None:
    """Delete your account and all its data, for good (your password confirms it)."""
    from sciatica_coach.store.accounts import delete_user

    if authenticate(web, account.username, body.password, client_group(request)) is None:
        raise HTTPException(status_code=401, detail="Wrong password")
    sign_out(web, request, response)
    delete_user(web.store, account.id)
