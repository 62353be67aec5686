"""`POST /api/register`, `/api/login`, `/api/logout`."""

from fastapi import APIRouter, HTTPException, Request, Response

from sciatica_coach.web.auth import authenticate, register, sign_in, sign_out
from sciatica_coach.web.deps import WebDep
from sciatica_coach.web.schemas import AccountOut, Credentials, Registration

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
    account = register(web, body.username, body.password, body.role)
    sign_in(web, request, response, account)
    return AccountOut(id=account.id, username=account.username, role=account.role)


@router.post("/login", responses={401: {"description": "Wrong name or password"}})
def api_login(body: Credentials, request: Request, response: Response, web: WebDep) -> AccountOut:
    account = authenticate(web, body.username, body.password)
    if account is None:
        raise HTTPException(status_code=401, detail="Wrong name or password")
    sign_in(web, request, response, account)
    return AccountOut(id=account.id, username=account.username, role=account.role)


@router.post("/logout", status_code=204)
def api_logout(request: Request, response: Response, web: WebDep) -> None:
    """End this session on the server (harmless without one)."""
    sign_out(web, request, response)
