"""Shared models: the tenant (Pemda), its units and officials, years and periods, users and roles.

Every domain record belongs to exactly one Pemda (``pemda`` foreign key). Records exposed in URLs
carry a random ``uid`` so that identifiers are not guessable sequences across tenants.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sakip.lib.dates import MONTHS_ID, ROMAN, month_name

nip_validator = RegexValidator(
    r"^\d{18}$",
    _("NIP harus terdiri dari tepat 18 angka tanpa spasi."),
    code="invalid_nip",
)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class PublicModel(TimeStampedModel):
    """A timestamped model with a random public identifier used in URLs."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class Pemda(PublicModel):
    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    class HeadTitle(models.TextChoices):
        BUPATI = "Bupati", _("Bupati")
        WALI_KOTA = "Wali Kota", _("Wali Kota")
        GUBERNUR = "Gubernur", _("Gubernur")

    class Zone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    name = models.CharField(_("nama"), max_length=120, unique=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    province = models.CharField(_("provinsi"), max_length=80)
    head_title = models.CharField(_("sebutan kepala daerah"), max_length=20, choices=HeadTitle.choices)
    seat = models.CharField(
        _("ibu kota / tempat penandatanganan"), max_length=80, blank=True, help_text=_("Misalnya Martapura.")
    )
    letterhead = models.TextField(
        _("baris kop surat"),
        blank=True,
        help_text=_("Satu baris per baris kop, misalnya PEMERINTAH KABUPATEN BANJAR / alamat / telepon."),
    )
    logo = models.ImageField(_("logo"), upload_to="pemda-logo/", blank=True)
    timezone = models.CharField(_("zona waktu"), max_length=20, choices=Zone.choices, default=Zone.WIB)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Pemda")
        verbose_name_plural = _("Pemda")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def letterhead_lines(self) -> list[str]:
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()]

    @property
    def zone_label(self) -> str:
        return self.Zone(self.timezone).name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class RankingCategory(PublicModel):
    """A group of units ranked against each other (perangkat daerah, kecamatan, UPTD, ...)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="ranking_categories")
    code = models.SlugField(_("kode"), max_length=30)
    name = models.CharField(_("nama"), max_length=80)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    history = HistoricalRecords()

    # Stored as data when a Pemda is created: plain Indonesian names, never the creator's UI language.
    DEFAULTS = (("pd", "Perangkat Daerah"), ("kecamatan", "Kecamatan"), ("uptd", "UPTD"))

    class Meta:
        verbose_name = _("kategori peringkat")
        verbose_name_plural = _("kategori peringkat")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["pemda", "code"], name="uniq_rankcat_code")]

    def __str__(self) -> str:
        return self.name


class Unit(PublicModel):
    class Type(models.TextChoices):
        SETDA = "setda", _("Sekretariat Daerah")
        SETWAN = "setwan", _("Sekretariat DPRD")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        UPTD = "uptd", _("UPTD / Puskesmas")
        RSUD = "rsud", _("RSUD")
        BAGIAN = "bagian", _("Bagian")

    # The parent types each unit type may sit under (None = may stand at the top).
    ALLOWED_PARENTS: dict[str, set[str | None]] = {
        Type.KELURAHAN: {Type.KECAMATAN},
        Type.UPTD: {Type.DINAS, Type.BADAN},
        Type.RSUD: {Type.DINAS, None},
        Type.BAGIAN: {Type.SETDA, Type.SETWAN},
    }
    # Default ranking category code per unit type.
    DEFAULT_CATEGORY = {
        Type.KECAMATAN: "kecamatan",
        Type.UPTD: "uptd",
        Type.KELURAHAN: "kecamatan",
        Type.RSUD: "uptd",
    }

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    type = models.CharField(_("jenis"), max_length=12, choices=Type.choices)
    name = models.CharField(_("nama"), max_length=160)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    code = models.CharField(
        _("kode"),
        max_length=30,
        validators=[
            RegexValidator(r"^[A-Za-z0-9.\-_]+$", _("Kode hanya boleh berisi huruf, angka, titik dan tanda hubung."))
        ],
    )
    ranking_category = models.ForeignKey(
        RankingCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("kategori peringkat"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "code"], name="uniq_unit_code"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]
        indexes = [models.Index(fields=["pemda", "is_active", "type"])]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.parent_id:
            parent = self.parent
            if self.pemda_id and parent.pemda_id != self.pemda_id:
                errors.setdefault("parent", []).append(_("Unit induk harus berasal dari Pemda yang sama."))
            else:
                node, seen = parent, set()
                while node is not None and node.pk not in seen:
                    if self.pk and node.pk == self.pk:
                        errors.setdefault("parent", []).append(
                            _("Unit induk tidak boleh unit ini sendiri atau bawahannya.")
                        )
                        break
                    seen.add(node.pk)
                    node = node.parent
        allowed = self.ALLOWED_PARENTS.get(self.type)
        if allowed is not None:
            parent_type = self.parent.type if self.parent_id else None
            if parent_type not in allowed:
                names = ", ".join(str(self.Type(t).label) for t in allowed if t)
                errors.setdefault("parent", []).append(
                    _("%(type)s harus berada di bawah unit berjenis %(parents)s.")
                    % {"type": self.Type(self.type).label, "parents": names}
                )
        if self.ranking_category_id and self.pemda_id and self.ranking_category.pemda_id != self.pemda_id:
            errors.setdefault("ranking_category", []).append(_("Kategori peringkat harus milik Pemda yang sama."))
        if errors:
            raise ValidationError(errors)

    def head_on(self, date: dt.date) -> UnitHead | None:
        """The head (definitive or acting) in office on ``date``; prefetched ``heads`` are reused."""
        heads = [h for h in self.heads.all() if h.start_date <= date and (h.end_date is None or h.end_date >= date)]
        heads.sort(key=lambda h: h.start_date, reverse=True)
        return heads[0] if heads else None


class UnitHead(PublicModel):
    """The head of a unit as a dated assignment (definitive, or Plt./Plh./Pj.)."""

    class Acting(models.TextChoices):
        NONE = "", _("Definitif")
        PLT = "Plt.", _("Plt. (Pelaksana Tugas)")
        PLH = "Plh.", _("Plh. (Pelaksana Harian)")
        PJ = "Pj.", _("Pj. (Penjabat)")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="heads")
    name = models.CharField(_("nama lengkap dengan gelar"), max_length=160)
    nip = models.CharField(_("NIP"), max_length=18, validators=[nip_validator])
    rank = models.CharField(
        _("pangkat / golongan"), max_length=80, blank=True, help_text=_("Misalnya Pembina Tk. I (IV/b).")
    )
    title = models.CharField(_("jabatan"), max_length=160, help_text=_("Misalnya Kepala Dinas Kesehatan."))
    acting = models.CharField(_("status"), max_length=4, choices=Acting.choices, blank=True, default="")
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    user = models.ForeignKey(
        "core.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headships",
        verbose_name=_("akun portal"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kepala unit")
        verbose_name_plural = _("kepala unit")
        ordering = ["unit", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")), name="head_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_title} – {self.name}"

    @property
    def display_title(self) -> str:
        return f"{self.acting} {self.title}".strip()

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
        if self.unit_id and self.start_date:
            overlapping = UnitHead.objects.filter(unit_id=self.unit_id, acting=self.acting).exclude(pk=self.pk)
            end = self.end_date or dt.date.max
            overlapping = overlapping.filter(start_date__lte=end).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
            )
            if overlapping.exists():
                raise ValidationError(
                    {
                        "start_date": _(
                            "Masa jabatan ini tumpang tindih dengan penugasan kepala lain pada unit yang sama."
                        )
                    }
                )


class FiscalYear(PublicModel):
    """A fiscal year of a Pemda with its reporting calendar (used by realisation and PK deadlines)."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Bulanan")
        QUARTERLY = "quarterly", _("Triwulanan")

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    is_current = models.BooleanField(_("tahun berjalan"), default=False)
    frequency = models.CharField(
        _("frekuensi pelaporan realisasi"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    deadline_day = models.PositiveSmallIntegerField(
        _("batas lapor (tanggal bulan berikutnya)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    grace_days = models.PositiveSmallIntegerField(
        _("masa tenggang (hari)"), default=5, validators=[MaxValueValidator(60)]
    )
    pk_deadline = models.DateField(
        _("batas penandatanganan PK"), null=True, blank=True, help_text=_("Kosong: akhir Januari tahun ini.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tahun anggaran")
        verbose_name_plural = _("tahun anggaran")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "year"], name="uniq_fiscal_year"),
            models.UniqueConstraint(fields=["pemda"], condition=Q(is_current=True), name="one_current_year"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def pk_deadline_date(self) -> dt.date:
        return self.pk_deadline or dt.date(self.year, 1, 31)

    def reporting_periods(self):
        kind = Period.Kind.MONTH if self.frequency == self.Frequency.MONTHLY else Period.Kind.QUARTER
        return self.periods.filter(kind=kind)


class Period(models.Model):
    """A month or a quarter of a fiscal year. Created with the year (12 months + 4 quarters)."""

    class Kind(models.TextChoices):
        MONTH = "month", _("Bulan")
        QUARTER = "quarter", _("Triwulan")

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["fiscal_year", "kind", "number"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "kind", "number"], name="uniq_period")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        year = self.start_date.year
        if self.kind == self.Kind.MONTH:
            return f"{month_name(self.number)} {year}"
        return _("Triwulan %(roman)s %(year)s") % {"roman": ROMAN[self.number], "year": year}

    @property
    def short_label(self) -> str:
        if self.kind == self.Kind.MONTH:
            return MONTHS_ID[self.number][:3]
        return f"TW {ROMAN[self.number]}"

    @staticmethod
    def bounds(year: int, kind: str, number: int) -> tuple[dt.date, dt.date]:
        if kind == Period.Kind.MONTH:
            first_month, last_month = number, number
        else:
            first_month, last_month = 3 * number - 2, 3 * number
        last_day = calendar.monthrange(year, last_month)[1]
        return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


class UserManagerWithPemda(UserManager):
    def get_queryset(self):
        return super().get_queryset().select_related("pemda")


class User(AbstractUser):
    """A portal user. ``pemda`` is the tenant the user works in (empty only for platform operators)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, null=True, blank=True, related_name="users")
    full_name = models.CharField(_("nama lengkap"), max_length=160, blank=True)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManagerWithPemda()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class RoleAssignment(PublicModel):
    """A role held by a user within one Pemda, scoped to a unit where the role needs one."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin SAKIP")
        OPERATOR = "operator", _("Operator OPD")
        KEPALA = "kepala", _("Kepala OPD")
        EVALUATOR = "evaluator", _("Evaluator Inspektorat")
        PIMPINAN = "pimpinan", _("Pimpinan")

    class Position(models.TextChoices):
        NONE = "", _("—")
        KEPALA_DAERAH = "kepala_daerah", _("Bupati / Wali Kota / Gubernur")
        WAKIL = "wakil", _("Wakil kepala daerah")
        SEKDA = "sekda", _("Sekretaris Daerah")

    UNIT_ROLES = {Role.OPERATOR, Role.KEPALA}

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="role_assignments")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments", verbose_name=_("unit")
    )
    is_team_lead = models.BooleanField(_("ketua tim"), default=False)
    position = models.CharField(_("jabatan pimpinan"), max_length=16, choices=Position.choices, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="uniq_role_unit"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(unit__isnull=True), name="uniq_role_pemda_wide"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["operator", "kepala"]) | Q(unit__isnull=False), name="unit_role_needs_unit"
            ),
        ]

    def __str__(self) -> str:
        label = self.get_role_display()
        if self.unit_id:
            label = f"{label} – {self.unit.label}"
        return label

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.role in self.UNIT_ROLES and not self.unit_id:
            errors.setdefault("unit", []).append(_("Peran ini wajib dikaitkan dengan satu unit."))
        if self.unit_id and self.pemda_id and self.unit.pemda_id != self.pemda_id:
            errors.setdefault("unit", []).append(_("Unit harus berasal dari Pemda yang sama."))
        if self.user_id and self.pemda_id and self.user.pemda_id != self.pemda_id:
            errors.setdefault("user", []).append(_("Pengguna terdaftar di Pemda lain."))
        if self.is_team_lead and self.role != self.Role.EVALUATOR:
            errors.setdefault("is_team_lead", []).append(_("Ketua tim hanya berlaku untuk evaluator."))
        if self.position and self.role != self.Role.PIMPINAN:
            errors.setdefault("position", []).append(_("Jabatan pimpinan hanya berlaku untuk peran Pimpinan."))
        if errors:
            raise ValidationError(errors)


class Notification(TimeStampedModel):
    """An in-portal notice for one user (reminders, returned submissions, reports ready)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    # A key makes a notice idempotent: the same (user, key) is never created twice.
    key = models.CharField(max_length=120, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], condition=~Q(key=""), name="uniq_notification_key")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title
