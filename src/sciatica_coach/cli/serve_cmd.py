"""`sciatica serve`: the web app on this machine."""

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network interface).")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")  # fmt: skip
def serve(host: str, port: int) -> None:
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
        log_level="warning",
        proxy_headers=False,
    )
