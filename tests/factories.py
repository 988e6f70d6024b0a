"""factory_boy factories for core records. Apps add their own factories in tests/<app>/factories.py."""

import datetime as dt

import factory

from sakip.core import services
from sakip.core.models import FiscalYear, Pemda, RoleAssignment, Unit, UnitHead, User

DEFAULT_PASSWORD = "Rahasia-Uji-2025"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = Pemda.Kind.KABUPATEN
    province = "Kalimantan Selatan"
    head_title = Pemda.HeadTitle.BUPATI
    timezone = Pemda.Zone.WITA
    seat = "Martapura"
    letterhead = "PEMERINTAH KABUPATEN UJI\nJl. Contoh No. 1"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Go through the service so default ranking categories exist, as in real use.
        return services.pemda_create(**dict(kwargs.items()))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    pemda = factory.SubFactory(PemdaFactory)
    type = Unit.Type.DINAS
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    short_name = factory.Sequence(lambda n: f"DU{n}")
    code = factory.Sequence(lambda n: f"U{n:03d}")

    @classmethod
    def _create(cls, model_class, *args, pemda, **kwargs):
        return services.unit_create(pemda=pemda, data=kwargs)


class UnitHeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitHead

    unit = factory.SubFactory(UnitFactory)
    pemda = factory.SelfAttribute("unit.pemda")
    name = factory.Sequence(lambda n: f"Dr. Kepala Uji {n}, M.Si.")
    nip = factory.Sequence(lambda n: f"19700101199803{n:04d}"[:18])
    rank = "Pembina Tk. I (IV/b)"
    title = factory.LazyAttribute(lambda o: f"Kepala {o.unit.name}")
    start_date = dt.date(2023, 1, 2)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    pemda = factory.SubFactory(PemdaFactory)
    username = factory.Sequence(lambda n: f"pengguna{n}")
    full_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(pemda, role=None, unit=None, **kwargs) -> User:
    user = UserFactory(pemda=pemda, **kwargs)
    if role:
        services.role_assign(user=user, role=role, unit=unit)
    return user


def make_year(pemda, year=2025, current=True) -> FiscalYear:
    return services.fiscal_year_create(pemda=pemda, year=year, is_current=current)


Role = RoleAssignment.Role
