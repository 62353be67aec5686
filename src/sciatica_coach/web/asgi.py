"""The app as a server loads it (settings from the environment: SCIATICA_DB,
SCIATICA_SECRET_KEY, SCIATICA_COOKIE_SECURE):

    uvicorn --factory sciatica_coach.web.asgi:app_from_environment
"""

from fastapi import FastAPI

from sciatica_coach.web.app import create_app
from sciatica_coach.web.settings import build_settings


def app_from_environment() -> FastAPI:
    return create_app(build_settings())
