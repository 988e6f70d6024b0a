"""Sentences of the SK and the award certificate (piagam), built from a decision and its snapshot.

Called inside ``translation.override("id")``: the documents are official Indonesian texts. The
"mengingat" list is the generic national basis (no Pemda configuration yet): the regional
government law, the SAKIP regulation, the AKIP evaluation regulation and, for sanctions on an
official, the civil-servant discipline regulation.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from sakip.lib.numbers import format_number, format_rupiah

from ..models import REWARD_TYPES, Decision, DecisionType, Target

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}
DISCIPLINE_TYPES = {
    DecisionType.PENUNDAAN_TPP, DecisionType.PEMOTONGAN_TPP, DecisionType.DEMOSI, DecisionType.MUTASI,
    DecisionType.PEMBEBASAN, DecisionType.TEGURAN_LISAN, DecisionType.TEGURAN_TERTULIS,
    DecisionType.PERNYATAAN_TIDAK_PUAS, DecisionType.PEMBERHENTIAN,
}  # fmt: skip


def who(decision: Decision) -> str:
    """The addressee: the unit, or the official (name, NIP, position) of the unit."""
    if decision.target == Target.OFFICIAL and decision.official_name:
        parts = [decision.official_name]
        if decision.official_nip:
            parts.append(_("NIP %(nip)s") % {"nip": decision.official_nip})
        if decision.official_position:
            parts.append(decision.official_position)
        parts.append(_("pada %(u)s") % {"u": decision.unit.name})
        return ", ".join(parts)
    if decision.target == Target.HEAD and decision.official_name:
        parts = [decision.official_name]
        if decision.official_nip:
            parts.append(_("NIP %(nip)s") % {"nip": decision.official_nip})
        parts.append(decision.official_position or _("Kepala %(u)s") % {"u": decision.unit.name})
        return ", ".join(parts)
    return decision.unit.name


def short_who(decision: Decision) -> str:
    if decision.target == Target.OFFICIAL and decision.official_name:
        return decision.official_name
    if decision.target == Target.HEAD and decision.official_name:
        return _("Kepala %(u)s") % {"u": decision.unit.name}
    return decision.unit.name


def _months(decision: Decision) -> str:
    return _("%(n)s (%(w)s) bulan") % {"n": decision.months, "w": terbilang(decision.months)} if decision.months else ""


def terbilang(n: int | None) -> str:
    words = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
             "sebelas"]  # fmt: skip
    if n is None:
        return ""
    if n < 12:
        return words[n]
    if n < 20:
        return f"{words[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{words[tens]} puluh" + (f" {words[rest]}" if rest else "")
    return str(n)


def measure(decision: Decision) -> str:
    """The operative sentence of the SK (diktum KESATU)."""
    k, w = decision.kind, who(decision)
    months = _months(decision)
    if k == DecisionType.PIAGAM:
        return _("Memberikan Piagam Penghargaan kepada %(w)s atas capaian kinerjanya.") % {"w": w}
    if k == DecisionType.MOST_IMPROVED:
        return _("Memberikan Penghargaan Kenaikan Nilai Terbaik kepada %(w)s.") % {"w": w}
    if k == DecisionType.INSENTIF:
        if decision.amount is not None:
            return _("Memberikan insentif sebesar %(a)s kepada %(w)s.") % {"a": format_rupiah(decision.amount), "w": w}
        return _("Memberikan insentif kepada %(w)s.") % {"w": w}
    if k == DecisionType.TEGURAN_LISAN:
        return _("Memberikan teguran lisan kepada %(w)s.") % {"w": w}
    if k == DecisionType.TEGURAN_TERTULIS:
        return _("Memberikan teguran tertulis kepada %(w)s.") % {"w": w}
    if k == DecisionType.PERNYATAAN_TIDAK_PUAS:
        return _("Menjatuhkan hukuman disiplin berupa pernyataan tidak puas secara tertulis kepada %(w)s.") % {"w": w}
    if k == DecisionType.PEMBERHENTIAN:
        return _("Memberhentikan dengan hormat tidak atas permintaan sendiri %(w)s sebagai Pegawai Negeri Sipil.") % {
            "w": w
        }
    if k == DecisionType.PENUNDAAN_TPP:
        return _("Menunda pembayaran Tambahan Penghasilan Pegawai (TPP) %(w)s selama %(m)s.") % {"w": w, "m": months}
    if k == DecisionType.PEMOTONGAN_TPP:
        percent = format_number(decision.percent, 2, strip=True) if decision.percent is not None else "–"
        return _("Memotong Tambahan Penghasilan Pegawai (TPP) %(w)s sebesar %(p)s%% selama %(m)s.") % {
            "w": w, "p": percent, "m": months,
        }  # fmt: skip
    if k == DecisionType.DEMOSI:
        text = _("Menurunkan jabatan %(w)s") % {"w": w}
    elif k == DecisionType.MUTASI:
        return _("Memindahkan %(w)s ke jabatan lain yang setingkat.") % {"w": w}
    elif k == DecisionType.PEMBEBASAN:
        text = _("Membebaskan %(w)s dari jabatannya") % {"w": w}
    elif k == DecisionType.MASA_PERBAIKAN:
        text = _("Memberikan masa perbaikan kinerja kepada %(w)s") % {"w": w}
    else:
        text = f"{decision.get_kind_display()} — {w}"
    return f"{text} " + (_("selama %(m)s.") % {"m": months}) if months else f"{text}."


def mengingat(decision: Decision) -> list[str]:
    items = [
        _("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"),
        _("Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;"),
    ]
    if decision.kind in DISCIPLINE_TYPES:
        items.append(_("Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;"))
    items.append(
        _(
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 "
            "tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah;"
        )
    )
    return items


def _unit_row(decision: Decision) -> dict:
    snapshot = decision.snapshot
    for row in (snapshot.data or {}).get("units", []) if snapshot else []:
        if row.get("unit_id") == decision.unit_id or row.get("unit_uid") == str(decision.unit.uid):
            return row
    return {}


def achievement(decision: Decision) -> str:
    """ "Peringkat I Kategori Perangkat Daerah Tahun 2025" (from the basis figures and the snapshot)."""
    year = decision.snapshot.year if decision.snapshot_id else decision.sk_date.year
    category = _unit_row(decision).get("category_name") or ""
    rank = None
    for item in decision.basis or []:
        if isinstance(item, dict) and item.get("metric") in ("peringkat", "peringkat_most_improved"):
            try:
                rank = int(str(item.get("value")))
            except (TypeError, ValueError):
                rank = None
            break
    if decision.kind == DecisionType.MOST_IMPROVED:
        text = _("Kenaikan Nilai Akuntabilitas Kinerja Terbaik")
    elif rank:
        text = _("Peringkat %(r)s") % {"r": ROMAN.get(rank, str(rank))}
    else:
        text = _("Kinerja Terbaik")
    if category:
        text += " " + _("Kategori %(c)s") % {"c": category}
    return text + " " + _("Tahun %(y)s") % {"y": year}


def about(decision: Decision) -> str:
    """The "tentang" line of the SK."""
    kind = decision.get_kind_display()
    return _("%(k)s kepada %(w)s") % {"k": kind, "w": short_who(decision)}


def considerations(text: str) -> str:
    """The pertimbangan as it continues "bahwa …": a capitalised first word is lowered (not an acronym)."""
    text = (text or "").strip().rstrip(";.")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def document_context(decision: Decision) -> dict:
    return {
        "considerations": considerations(decision.basis_text),
        "about": about(decision),
        # without a closing full stop, for the sentence that adds its own ("… M.Kes." + ".")
        "about_bare": about(decision).rstrip("."),
        "measure": measure(decision),
        "mengingat": mengingat(decision),
        "achievement": achievement(decision) if decision.kind in REWARD_TYPES else "",
        "who": who(decision),
        # who may answer the SK: the official for a decision about one (issue 9), else the unit
        "responder": decision.official_name if decision.target == Target.OFFICIAL else decision.unit.name,
    }
