"""URLs: canonical form (the deduplication key) and the private-address guard."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parley.errors import FetchFailed, PrivateAddress

# Query parameters that only track the click: two links to one article differ only here.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid", "_ga"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_http_url(value: str) -> bool:
    if "://" not in value:
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    '/' for an empty path. Anything that is not an absolute http(s) URL gives None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = ""
    if parts.query:
        query = urlencode([
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not (k.lower() in _TRACKING_NAMES or k.lower().startswith(_TRACKING_PREFIXES))
        ])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable unicast only: no loopback, private, link-local (cloud metadata at
    169.254.169.254), carrier-grade NAT, reserved or multicast ranges."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve_host(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"cannot resolve host {host!r}", detail=str(exc)) from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def check_public_url(url: str, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to a non-public address (unless allowed).

    Every resolved address must be public: a name with one public and one private
    address could be steered to the private one. (The HTTP client resolves the name
    again; a DNS-rebinding attacker could race that, which is acceptable for a CLI tool
    that fetches what its own user names.)"""
    if allow_private:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    for ip in resolve_host(host, port):
        if not is_public_address(ip):
            raise PrivateAddress(
                f"refused to fetch from a private address ({host} resolves to {ip}); use --allow-private",
                detail=url,
            )
