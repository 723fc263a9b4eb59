"""/health answers only while the database does."""

from __future__ import annotations

import os

import asyncpg
import pytest

from core.settings import Settings
from tests.conftest import DEFAULT_POSTGRES_URL, builtin_registry, fresh_postgres_database
from tests.fixtures.plugins import serving


@pytest.mark.postgres_only
async def test_health_is_unavailable_once_the_database_is_gone():
    async for url in fresh_postgres_database():
        async with serving(Settings(database_url=url), builtin_registry()) as client:
            # given a healthy server
            assert (await client.get("/health")).status_code == 200
            # when its database disappears under it
            admin_url = os.environ.get("HOCVIEC_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
            admin = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
            try:
                await admin.execute(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
            finally:
                await admin.close()
            response = await client.get("/health")
            # then health says so
            assert response.status_code == 503
            assert response.json() == {"status": "unavailable", "database": "down"}
