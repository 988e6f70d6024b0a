"""The default external assessment types (issue #9), pure data: installed for a Pemda on first use.

Every type is ``{code, name, issuer, kind, min, max, higher_is_better, bands, description}``; bands are
``[{"code", "label", "min"}]`` ordered from the highest ``min`` down, the last one starting at the
type's ``min`` (a value belongs to the band with the largest ``min`` not above it). The admin may
change them or add other types; :func:`rewards.services_assessments.type_problems` validates them.

Sources:

* **Ombudsman RI — Penilaian Kepatuhan Standar Pelayanan Publik** (score 0–100). The zones are those
  of the **2022** assessment (results announced 22 December 2022): zona hijau = kualitas tertinggi (A,
  88,01–100) and kualitas tinggi (B, 78,01–88,00); zona kuning = kualitas sedang (C, 57,01–78,00);
  zona merah = kualitas rendah (D, 26,01–57,00) and terendah (E, 0–26,00). Before 2022 (2015–2021)
  the bands were hijau 81–100, kuning 51–80, merah 0–50; a Pemda assessing older years may change
  them. The code ``ombudsman`` is the metric ``penilaian_ombudsman``.
* **Maturitas SPIP** (PP 60/2008; Peraturan BPKP 5/2021 on the maturity assessment of SPIP terintegrasi):
  level 0–5, Belum ada (0), Rintisan (1), Berkembang (2), Terdefinisi (3), Terkelola dan terukur (4),
  Optimum (5). Metric ``penilaian_spip``.
* **Indeks Kepuasan Masyarakat (IKM)** (PermenPAN-RB 14/2017, Survei Kepuasan Masyarakat): converted
  index 25–100 reported here on 0–100; A Sangat baik 88,31–100; B Baik 76,61–88,30; C Kurang baik
  65,00–76,60; D Tidak baik below 65,00. Metric ``penilaian_ikm``.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

KIND_SCORE = "nilai"
KIND_LEVEL = "level"

METRIC_PREFIX = "penilaian_"  # ranking / rule metric of a type: penilaian_<code>

DEFAULT_TYPES: tuple[dict, ...] = (
    {
        "code": "ombudsman",
        "name": gettext_noop("Kepatuhan Standar Pelayanan Publik"),
        "issuer": "Ombudsman RI",
        "kind": KIND_SCORE,
        "min": "0",
        "max": "100",
        "higher_is_better": True,
        # Ombudsman RI, Penilaian Kepatuhan 2022 (zones; grades A–B hijau, C kuning, D–E merah)
        "bands": [
            {"code": "hijau", "label": gettext_noop("Zona hijau"), "min": "78.01"},
            {"code": "kuning", "label": gettext_noop("Zona kuning"), "min": "57.01"},
            {"code": "merah", "label": gettext_noop("Zona merah"), "min": "0"},
        ],
        "description": gettext_noop(
            "Penilaian kepatuhan penyelenggara terhadap standar pelayanan publik (UU 25/2009) oleh Ombudsman RI; "
            "zona menurut penilaian tahun 2022."
        ),
    },
    {
        "code": "spip",
        "name": gettext_noop("Maturitas SPIP"),
        "issuer": "BPKP",
        "kind": KIND_LEVEL,
        "min": "0",
        "max": "5",
        "higher_is_better": True,
        "bands": [
            {"code": "optimum", "label": gettext_noop("Optimum"), "min": "5"},
            {"code": "terkelola", "label": gettext_noop("Terkelola dan terukur"), "min": "4"},
            {"code": "terdefinisi", "label": gettext_noop("Terdefinisi"), "min": "3"},
            {"code": "berkembang", "label": gettext_noop("Berkembang"), "min": "2"},
            {"code": "rintisan", "label": gettext_noop("Rintisan"), "min": "1"},
            {"code": "belum_ada", "label": gettext_noop("Belum ada"), "min": "0"},
        ],
        "description": gettext_noop("Tingkat maturitas Sistem Pengendalian Intern Pemerintah (PP 60/2008), 0–5."),
    },
    {
        "code": "ikm",
        "name": gettext_noop("Indeks Kepuasan Masyarakat (IKM)"),
        "issuer": gettext_noop("Penyelenggara layanan (SKM)"),
        "kind": KIND_SCORE,
        "min": "0",
        "max": "100",
        "higher_is_better": True,
        # PermenPAN-RB 14/2017, lampiran: mutu pelayanan A/B/C/D by the converted index
        "bands": [
            {"code": "a", "label": gettext_noop("A (Sangat baik)"), "min": "88.31"},
            {"code": "b", "label": gettext_noop("B (Baik)"), "min": "76.61"},
            {"code": "c", "label": gettext_noop("C (Kurang baik)"), "min": "65.00"},
            {"code": "d", "label": gettext_noop("D (Tidak baik)"), "min": "0"},
        ],
        "description": gettext_noop("Indeks kepuasan masyarakat atas pelayanan publik (PermenPAN-RB 14/2017)."),
    },
)


def metric_code(type_code: str) -> str:
    """The ranking / rule metric of an assessment type: ``penilaian_<code>`` (hyphens become underscores)."""
    return METRIC_PREFIX + type_code.replace("-", "_")
