"""`sciatica serve`: the web app on this machine, or a clinic's workers behind a proxy."""

import ipaddress
import os
from collections.abc import MutableMapping

import click

LOOPBACK_HOSTS = "localhost,127.0.0.1,::1"


def hosts_setting(
    host: str, environ: MutableMapping[str, str], behind_proxy: bool = False
) -> str | None:
    """Set SCIATICA_HOSTS for the workers when it is not set: on loopback only this machine's
    own names (a web page elsewhere whose name resolves to 127.0.0.1 gets nothing: DNS
    rebinding); on other addresses, or behind a proxy (which passes its own site's name on),
    any name ("*"). Returns a hint to print, or None."""
    if environ.get("SCIATICA_HOSTS"):
        return None
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback and not behind_proxy:
        environ["SCIATICA_HOSTS"] = LOOPBACK_HOSTS
        return None
    environ["SCIATICA_HOSTS"] = "*"
    return (
        "Any Host name is answered: set SCIATICA_HOSTS to this server's names, "
        "comma-separated (e.g. SCIATICA_HOSTS=coach.example.org), to answer only those."
    )


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

    The database is $SCIATICA_DB, or the SQLite file in your user data folder. Only the Host
    names in $SCIATICA_HOSTS (comma-separated) are answered; unset, this machine's own names
    on loopback, any name on other addresses."""
    import uvicorn

    hint = hosts_setting(host, os.environ, behind_proxy)  # the workers inherit the environment
    if hint:
        click.echo(hint)
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
