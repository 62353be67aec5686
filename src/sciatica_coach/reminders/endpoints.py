"""Which push service addresses the server posts to.

A subscription's endpoint comes from the browser, so from the person: anyone signed in could
hand the server any URL and have it post there. Only `https` URLs on public addresses are
taken: no address on this machine, the local network or a cloud's metadata service, checked
when the subscription is saved (the URL as written) and again before each send (where the
name resolves to then). Redirects are not followed. The tests' stand-in push service on
loopback is allowed only by a setting tests use (`push_allow_loopback`)."""

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from sciatica_coach.errors import InvalidInput

MAX_LENGTH = 2000
_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa", ".lan")
ALLOWED = "the https address of a browser's push service"

Resolver = Callable[..., list[tuple[Any, ...]]]


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _allowed_address(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_loopback: bool
) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global or (allow_loopback and address.is_loopback)


def check_endpoint(url: str, allow_loopback: bool = False) -> str:
    """The endpoint as given, if the server may post to it; bad input on `endpoint` if not."""
    if not isinstance(url, str) or not url or len(url) > MAX_LENGTH:
        raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidInput("endpoint", "(withheld)", ALLOWED) from None
    host = (parts.hostname or "").lower()
    if not host or parts.username is not None or parts.password is not None or parts.fragment:
        raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    address = _address(host)
    loopback = address is not None and address.is_loopback
    if parts.scheme != "https" and not (allow_loopback and loopback and parts.scheme == "http"):
        raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    if address is not None:
        if not _allowed_address(address, allow_loopback):
            raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    elif host == _LOCAL_NAMES[0] or host.endswith(_LOCAL_NAMES[1:]) or "." not in host:
        raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    if port is not None and not 0 < port < 65536:
        raise InvalidInput("endpoint", "(withheld)", ALLOWED)
    return url


def resolves_to_public(
    url: str, allow_loopback: bool = False, resolve: Resolver = socket.getaddrinfo
) -> bool:
    """Whether every address the endpoint's host name has now is one the server may post to
    (False when the name does not resolve)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        found = resolve(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {_address(str(info[4][0]).split("%", 1)[0]) for info in found}
    return bool(addresses) and all(
        a is not None and _allowed_address(a, allow_loopback) for a in addresses
    )
