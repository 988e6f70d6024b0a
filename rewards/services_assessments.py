"""External assessments (issue #9): types per Pemda and results per unit and year.

Writes need ``P.ASSESSMENT_MANAGE`` (the Admin SAKIP) in the object's Pemda. Bad input is refused with
a ``ValidationError`` in Bahasa Indonesia and nothing is saved:

* a type: code (slug, unique in the Pemda), kind score/level, ``min < max``, bands with a code and a
  label each, codes unique, ``min`` inside the type's range, ordered from the highest ``min`` down
  (strictly), the lowest starting at the type's ``min``;
* an assessment: value inside the type's range (a whole number for a level type), a band that is one
  of the type's (derived from the value when left empty), year 2015–2100, one per unit, type and
  year, evidence a PDF/image/spreadsheet (type read from the bytes, size limit as other evidence) or
  a link.

Pure helpers (:func:`parse_bands`, :func:`type_problems`, :func:`band_for`) carry the rules so the
forms, the API and the demo refuse the same things with the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from evaluations.services import check_evidence
from rewards.assessment_defaults import DEFAULT_TYPES, KIND_LEVEL, KIND_SCORE
from rewards.models import Assessment, AssessmentType
from sakip.core.models import Pemda, Unit
from sakip.core.permissions import P, has_perm
from sakip.lib.numbers import format_number, to_decimal

MAX_UPLOAD_MB = 10
SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _require_manage(user, pemda_id: int) -> None:
    if getattr(user, "pemda_id", None) != pemda_id or not has_perm(user, P.ASSESSMENT_MANAGE):
        raise _deny()


def _num(value) -> Decimal | None:
    number = None if isinstance(value, bool) else to_decimal(value)
    return number if number is not None and number.is_finite() else None


# --- pure rules ----------------------------------------------------------------------------------


def parse_bands(raw) -> tuple[list[dict], list[str]]:
    """``(bands as [{code, label, min: Decimal}], problems)`` from stored or entered rows (order kept)."""
    if raw in (None, ""):
        return [], []
    if not isinstance(raw, list | tuple):
        return [], [_("Kategori harus berupa daftar.")]
    bands, problems = [], []
    for n, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            problems.append(_("Kategori ke-%(n)s tidak lengkap.") % {"n": n})
            continue
        code = str(item.get("code") or "").strip()
        label = str(item.get("label") or "").strip()
        low = _num(item.get("min"))
        if not code or not set(code) <= SLUG_CHARS:
            problems.append(_("Kode kategori ke-%(n)s harus huruf kecil, angka atau garis bawah.") % {"n": n})
        if not label:
            problems.append(_("Nama kategori ke-%(n)s wajib diisi.") % {"n": n})
        if low is None:
            problems.append(_("Batas bawah kategori ke-%(n)s harus berupa angka.") % {"n": n})
        bands.append({"code": code, "label": label, "min": low})
    return bands, problems


def type_problems(*, code: str, kind: str, min_value, max_value, bands) -> list[str]:
    """Everything wrong with a type definition (empty list: valid). ``bands`` as stored or entered."""
    problems = []
    if not code or not set(code) <= SLUG_CHARS:
        problems.append(_("Kode jenis penilaian harus huruf kecil, angka atau garis bawah."))
    if kind not in (KIND_SCORE, KIND_LEVEL):
        problems.append(_("Jenis nilai harus “nilai” atau “level”."))
    low, high = _num(min_value), _num(max_value)
    if low is None or high is None:
        problems.append(_("Nilai terendah dan tertinggi harus berupa angka."))
        return problems
    if low >= high:
        problems.append(_("Nilai terendah harus lebih kecil dari nilai tertinggi."))
    if kind == KIND_LEVEL and (low != low.to_integral_value() or high != high.to_integral_value()):
        problems.append(_("Rentang jenis level harus bilangan bulat."))
    parsed, found = parse_bands(bands)
    problems += found
    if found:
        return problems
    codes = [b["code"] for b in parsed]
    if len(set(codes)) != len(codes):
        problems.append(_("Kode kategori tidak boleh berulang."))
    for band in parsed:
        if not low <= band["min"] <= high:
            values = {
                "b": band["label"],
                "lo": format_number(low, 2, strip=True),
                "hi": format_number(high, 2, strip=True),
            }
            problems.append(_("Batas bawah kategori %(b)s harus di antara %(lo)s dan %(hi)s.") % values)
    mins = [b["min"] for b in parsed]
    if any(a <= b for a, b in zip(mins, mins[1:], strict=False)):
        problems.append(_("Kategori harus urut dari batas bawah tertinggi ke terendah, tanpa batas yang sama."))
    if parsed and mins[-1] != low:
        problems.append(
            _("Kategori terendah harus mulai dari nilai terendah (%(v)s).") % {"v": format_number(low, 2, strip=True)}
        )
    return problems


def band_for(value: Decimal | None, bands: Sequence[Mapping]) -> str:
    """The code of the band ``value`` falls in (largest ``min`` not above it), or "" (no band / no value)."""
    if value is None:
        return ""
    best = None
    for band in bands:
        low = _num(band.get("min"))
        if low is not None and value >= low and (best is None or low > best[0]):
            best = (low, str(band.get("code", "")))
    return best[1] if best else ""


def band_label(code: str, bands: Sequence[Mapping]) -> str:
    return next((str(b.get("label") or code) for b in bands if b.get("code") == code), code)


def stored_bands(bands: Sequence[Mapping]) -> list[dict]:
    return [{"code": b["code"], "label": b["label"], "min": str(b["min"])} for b in bands]


# --- types -----------------------------------------------------------------------------------------


def ensure_default_types(pemda: Pemda) -> int:
    """Install the default types (Ombudsman, SPIP, IKM) when the Pemda has no type yet. Returns how many."""
    if AssessmentType.objects.filter(pemda=pemda).exists():
        return 0
    with transaction.atomic():
        for row in DEFAULT_TYPES:
            AssessmentType.objects.get_or_create(
                pemda=pemda,
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "issuer": row["issuer"],
                    "kind": row["kind"],
                    "min_value": Decimal(row["min"]),
                    "max_value": Decimal(row["max"]),
                    "higher_is_better": row["higher_is_better"],
                    "bands": [dict(b) for b in row["bands"]],
                    "description": row["description"],
                },
            )
    return len(DEFAULT_TYPES)


FIELDS = ("code", "name", "issuer", "kind", "min_value", "max_value", "higher_is_better", "description", "is_active")


@transaction.atomic
def type_save(*, user, pemda: Pemda, data: Mapping, instance: AssessmentType | None = None) -> AssessmentType:
    """Create or update a type from ``data`` (model field names plus ``bands``); validated first."""
    _require_manage(user, pemda.pk)
    if instance is not None and instance.pemda_id != pemda.pk:
        raise _deny()
    obj = instance or AssessmentType(pemda=pemda)
    old_code = instance.code if instance is not None else None
    for name in FIELDS:
        if name in data:
            setattr(obj, name, data[name])
    obj.code = str(obj.code or "").strip().lower()
    raw_bands = data.get("bands", obj.bands)
    problems = type_problems(
        code=obj.code, kind=obj.kind, min_value=obj.min_value, max_value=obj.max_value, bands=raw_bands
    )
    if instance is not None and old_code != obj.code and instance.results.exists():
        problems.append(
            _("Kode tidak dapat diubah karena sudah ada hasil penilaian; kode dipakai peringkat dan aturan.")
        )
    if problems:
        raise ValidationError(problems)
    obj.bands = stored_bands(parse_bands(raw_bands)[0])
    obj.min_value, obj.max_value = _num(obj.min_value), _num(obj.max_value)
    if AssessmentType.objects.filter(pemda=pemda, code=obj.code).exclude(pk=obj.pk).exists():
        raise ValidationError({"code": _("Kode %(c)s sudah dipakai jenis penilaian lain.") % {"c": obj.code}})
    obj.full_clean(exclude=["pemda"])
    if instance is not None and instance.results.exists():
        outside = instance.results.exclude(value__gte=obj.min_value, value__lte=obj.max_value).count()
        if outside:
            raise ValidationError(
                {"min_value": _("%(n)s hasil penilaian berada di luar rentang baru.") % {"n": outside}}
            )
    obj.save()
    return obj


@transaction.atomic
def type_delete(*, user, assessment_type: AssessmentType) -> None:
    _require_manage(user, assessment_type.pemda_id)
    if assessment_type.results.exists():
        raise ValidationError(_("Jenis penilaian yang sudah memiliki hasil tidak dapat dihapus; nonaktifkan saja."))
    assessment_type.delete()


# --- assessments -----------------------------------------------------------------------------------


def value_problems(assessment_type: AssessmentType, value, band: str = "") -> dict[str, str]:
    """Field → message for a value outside the type's range or an unknown band."""
    problems = {}
    number = _num(value)
    low, high = assessment_type.min_value, assessment_type.max_value
    if number is None:
        problems["value"] = _("Nilai harus berupa angka.")
    elif not low <= number <= high:
        values = {"lo": format_number(low, 2, strip=True), "hi": format_number(high, 2, strip=True)}
        values["t"] = assessment_type.name
        problems["value"] = _("Nilai %(t)s harus di antara %(lo)s dan %(hi)s.") % values
    elif assessment_type.kind == KIND_LEVEL and number != number.to_integral_value():
        problems["value"] = _("Nilai %(t)s berupa level bilangan bulat.") % {"t": assessment_type.name}
    codes = [str(b.get("code")) for b in assessment_type.bands or ()]
    if band and band not in codes:
        known = ", ".join(codes) or "—"
        problems["band"] = _("Kategori “%(b)s” tidak dikenal untuk %(t)s; pilih: %(k)s.") % {
            "b": band,
            "t": assessment_type.name,
            "k": known,
        }
    return problems


@transaction.atomic
def assessment_save(
    *,
    user,
    unit: Unit,
    assessment_type: AssessmentType,
    year: int,
    value,
    band: str = "",
    assessed_on=None,
    evidence=None,
    evidence_url: str = "",
    note: str = "",
    instance: Assessment | None = None,
) -> Assessment:
    """Create or update one unit's assessment of ``year``; the band is derived when left empty."""
    _require_manage(user, unit.pemda_id)
    if assessment_type.pemda_id != unit.pemda_id or (instance is not None and instance.pemda_id != unit.pemda_id):
        raise _deny()
    band = (band or "").strip()
    problems = value_problems(assessment_type, value, band)
    if not isinstance(year, int) or not 2015 <= year <= 2100:
        problems["year"] = _("Tahun harus di antara 2015 dan 2100.")
    if not assessment_type.is_active and (instance is None or instance.type_id != assessment_type.pk):
        problems["type"] = _("Jenis penilaian %(t)s tidak aktif.") % {"t": assessment_type.name}
    if problems:
        raise ValidationError(problems)
    duplicate = Assessment.objects.filter(unit=unit, type=assessment_type, year=year)
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        raise ValidationError(
            {
                "year": _("%(u)s sudah memiliki penilaian %(t)s tahun %(y)s; ubah data yang ada.")
                % {"u": unit.name, "t": assessment_type.name, "y": year}
            }
        )
    if evidence is not None:
        check_evidence(evidence, max_mb=MAX_UPLOAD_MB)
    number = _num(value)
    obj = instance or Assessment(pemda_id=unit.pemda_id, created_by=user)
    obj.unit, obj.type, obj.year, obj.value = unit, assessment_type, year, number
    obj.band = band or band_for(number, assessment_type.bands or ())
    obj.assessed_on, obj.evidence_url, obj.note = assessed_on, (evidence_url or "").strip(), (note or "").strip()
    obj.full_clean(exclude=["evidence", "pemda", "created_by"])
    if evidence is not None:
        name = (getattr(evidence, "name", "") or "bukti").rsplit("/", 1)[-1][:100]
        obj.evidence.save(name, evidence, save=False)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        if evidence is not None:
            obj.evidence.storage.delete(obj.evidence.name)
        raise ValidationError({"year": _("Penilaian untuk unit, jenis dan tahun ini sudah ada.")}) from None
    return obj


@transaction.atomic
def assessment_delete(*, user, assessment: Assessment) -> None:
    _require_manage(user, assessment.pemda_id)
    stored = assessment.evidence.name if assessment.evidence else ""
    storage = assessment.evidence.storage if stored else None
    assessment.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
