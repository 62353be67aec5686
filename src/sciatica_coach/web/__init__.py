"""The web app (FastAPI, server-rendered pages, a small script for the session player)."""

from sciatica_coach.web.app import create_app
from sciatica_coach.web.settings import Settings, build_settings

__all__ = ["Settings", "build_settings", "create_app"]
