"""A second yardstick: the framework alone. One FastAPI route that reads a cookie and answers
a validated response model, with no middleware, no session and no database, served by the same
uvicorn. The app's figures minus this are what the app itself adds."""

from fastapi import Cookie, FastAPI
from pydantic import BaseModel

app = FastAPI()


class Answer(BaseModel):
    verdict: str
    days: int


@app.get("/api/progress")
def progress(session: str | None = Cookie(default=None)) -> Answer:
    return Answer(verdict="too_early", days=0 if session is None else 1)
