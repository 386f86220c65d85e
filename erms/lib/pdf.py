"""The one adapter to WeasyPrint: HTML in, PDF bytes and page count out.

Rendering is offline by construction: the URL fetcher serves only files under the
project's static folders (and the media folder, for the organisation's logo) and
``data:`` URLs. Anything else (http, https, ftp, other paths) is refused, so a letter
template or user text can never make the worker fetch from the network or read
arbitrary files.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedResource(ValueError):
    """A template asked for a resource outside the allowed local folders."""


def _allowed_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    roots.append(Path(settings.MEDIA_ROOT).resolve())
    return roots


class LocalOnlyFetcher(URLFetcher):
    """Serves ``file://`` URLs under the static and media folders and ``data:`` URLs; refuses the rest."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["file", "data"], allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        if parsed.scheme == "data":
            header, _, payload = url.partition(",")
            mime = header[5:].split(";")[0] or "text/plain"
            body = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if any(path.is_relative_to(root) for root in _allowed_roots()) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
        self.refused.append(url)
        raise RefusedResource(f"ERMS renders letters offline; refused to fetch {url}")


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int
    refused_urls: tuple[str, ...]


def static_base_url() -> str:
    """Base URL so templates can write ``css/letter.css`` or ``img/logo.png`` relative to static/."""
    return Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"


def render_pdf(html: str, *, base_url: str | None = None) -> RenderedPdf:
    fetcher = LocalOnlyFetcher()
    document = HTML(string=html, base_url=base_url or static_base_url(), url_fetcher=fetcher).render()
    data = document.write_pdf()
    return RenderedPdf(data=data, page_count=len(document.pages), refused_urls=tuple(fetcher.refused))
