"""`sciatica serve`: the web app on this machine, or a clinic's workers behind a proxy."""

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network interface).")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")  # fmt: skip
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes sharing the port. More than one needs PostgreSQL "
                   "for real concurrency; sessions live in the database, so any worker "
                   "serves anyone.")  # fmt: skip
@click.option("--behind-proxy", is_flag=True,
              help="Trust X-Forwarded-For/-Proto from a reverse proxy on this machine "
                   "(login limits then count the real client address).")  # fmt: skip
def serve(host: str, port: int, workers: int, behind_proxy: bool) -> None:
    """Start the web app and print its address (Ctrl+C stops it).

    The database is $SCIATICA_DB, or the SQLite file in your user data folder."""
    import uvicorn

    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    click.echo(f"Sciatica Coach: open http://{shown}:{port}/ in your browser (Ctrl+C stops it).")
    uvicorn.run(
        "sciatica_coach.web.asgi:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,  # an access log would write every URL, and URLs hold entry ids
        proxy_headers=behind_proxy,
        forwarded_allow_ips="127.0.0.1" if behind_proxy else None,
    )
