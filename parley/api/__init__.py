"""The HTTP interface: a FastAPI app serving the JSON API (``/api``) and the web pages,
both thin shells over ``parley.query``. ``parley serve`` runs it with uvicorn."""

from parley.api.app import create_app

__all__ = ["create_app"]
