"""API test helpers: a DRF client signed in as a persona (session), and a token client."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api_for(db):
    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


@pytest.fixture
def token_client(db):
    def make(user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


def results(response) -> list[dict]:
    """Rows of a paginated list response."""
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data
