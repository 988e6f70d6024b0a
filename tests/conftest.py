"""Personas shared by the whole suite (design §9).

``pemda`` / ``unit_a`` / ``unit_b`` and the users: ``admin``, ``operator_a``, ``kepala_a``,
``operator_b``, ``evaluator``, ``evaluator_lead``, ``pimpinan``, and ``other_admin`` /
``other_unit`` of a second Pemda. ``client_for(user)`` returns a logged-in test client.
"""

import pytest
from django.test import Client

from sakip.core import services
from tests.factories import (
    PemdaFactory,
    Role,
    UnitFactory,
    UnitHeadFactory,
    UserFactory,
    make_year,
)


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def pemda(db):
    return PemdaFactory(name="Kabupaten Banjar Uji")


@pytest.fixture
def year(pemda):
    return make_year(pemda, 2025, current=True)


@pytest.fixture
def unit_a(pemda):
    unit = UnitFactory(pemda=pemda, name="Dinas Kesehatan", short_name="Dinkes", code="1.02.01")
    UnitHeadFactory(unit=unit, name="dr. Kepala Dinkes, M.Kes.", nip="197001011998031001")
    return unit


@pytest.fixture
def unit_b(pemda):
    unit = UnitFactory(
        pemda=pemda, name="Kecamatan Astambul", short_name="Kec. Astambul", code="7.01.02", type="kecamatan"
    )
    UnitHeadFactory(unit=unit, name="Camat Astambul, S.STP.", nip="198002022005011002")
    return unit


def _user(pemda, username, role=None, unit=None, **role_kwargs):
    user = UserFactory(pemda=pemda, username=username, full_name=username.replace("_", " ").title())
    if role:
        services.role_assign(user=user, role=role, unit=unit, **role_kwargs)
    return user


@pytest.fixture
def admin(pemda):
    return _user(pemda, "admin_sakip", Role.ADMIN)


@pytest.fixture
def operator_a(pemda, unit_a):
    return _user(pemda, "operator_a", Role.OPERATOR, unit_a)


@pytest.fixture
def kepala_a(pemda, unit_a):
    return _user(pemda, "kepala_a", Role.KEPALA, unit_a)


@pytest.fixture
def operator_b(pemda, unit_b):
    return _user(pemda, "operator_b", Role.OPERATOR, unit_b)


@pytest.fixture
def evaluator(pemda):
    return _user(pemda, "evaluator", Role.EVALUATOR)


@pytest.fixture
def evaluator_lead(pemda):
    return _user(pemda, "ketua_tim", Role.EVALUATOR, is_team_lead=True)


@pytest.fixture
def pimpinan(pemda):
    return _user(pemda, "bupati", Role.PIMPINAN, position="kepala_daerah")


@pytest.fixture
def other_pemda(db):
    return PemdaFactory(name="Kota Lain Uji", kind="kota", head_title="Wali Kota")


@pytest.fixture
def other_unit(other_pemda):
    return UnitFactory(pemda=other_pemda, name="Dinas Kesehatan Kota Lain", code="1.02.01")


@pytest.fixture
def other_admin(other_pemda):
    return _user(other_pemda, "admin_lain", Role.ADMIN)


@pytest.fixture
def personas(admin, operator_a, kepala_a, operator_b, evaluator, pimpinan, other_admin):
    return {
        "admin": admin,
        "operator_a": operator_a,
        "kepala_a": kepala_a,
        "operator_b": operator_b,
        "evaluator": evaluator,
        "pimpinan": pimpinan,
        "other_admin": other_admin,
    }


@pytest.fixture
def client_for(db):
    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
