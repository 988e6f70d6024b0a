# The data tables below read best as one record per line.
# ruff: noqa: E501
"""Demo data for ``python manage.py seed_demo``: a realistic kabupaten, a small kota, one user per role.

DEMO ONLY. Every demo account gets :data:`DEMO_PASSWORD` (printed by the command and listed in the
README) and an e-mail address at :data:`DEMO_EMAIL_DOMAIN` (the reserved ``.invalid`` TLD, so no
mail ever leaves). The names of officials are invented. Running the command is safe on any
database: it only creates the two demo Pemda and their users, and it refuses to touch a Pemda of
the same name, or a username, that it did not create itself (see :func:`is_demo_pemda`).

**Idempotent**: every record is looked up by its natural key (Pemda name, unit code, username,
head NIP + start date, year) and only created when missing; existing records are left as they
are, so a second run changes nothing. All writes go through :mod:`sakip.core.services`.

**Extensible**: later capabilities add their own demo data with::

    from sakip.core.demo import demo_step

    @demo_step(order=200, name="Perjanjian Kinerja")
    def seed_agreements(ctx):  # ctx: DemoContext
        dinkes = ctx.unit("banjar", "1.02.0.00.0.00.01.0000")
        ...

in ``<app>/demo.py``; the command imports the ``demo`` module of every installed app. Core steps
use orders below 100.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from . import services
from .models import FiscalYear, Pemda, RoleAssignment, Unit, UnitHead, User

DEMO_PASSWORD = "sakip-demo-2026"  # DEMO ONLY: shown to everyone in the README and the command output
DEMO_EMAIL_DOMAIN = "demo.invalid"
Role = RoleAssignment.Role
T = Unit.Type


class DemoRefused(Exception):
    """The database holds a Pemda or account with a demo name that the demo did not create."""


# --- step registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    func: Callable[[DemoContext], None]


DEMO_STEPS: list[DemoStep] = []


def demo_step(order: int, name: str):
    """Register ``func(ctx)`` as a demo step; steps run by ``order`` (re-registering replaces)."""

    def decorator(func):
        DEMO_STEPS[:] = [s for s in DEMO_STEPS if s.name != name]
        DEMO_STEPS.append(DemoStep(order, name, func))
        return func

    return decorator


@dataclass
class DemoLogin:
    pemda: str
    username: str
    role: str


@dataclass
class DemoContext:
    """Shared state of one run: the demo Pemda and units by key, created-record counts, logins."""

    pemdas: dict[str, Pemda] = field(default_factory=dict)
    units: dict[tuple[str, str], Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    password: str = DEMO_PASSWORD

    def unit(self, pemda_key: str, code: str) -> Unit:
        return self.units[(pemda_key, code)]


def run_demo() -> DemoContext:
    """Run every registered step in order (the command wraps this in one transaction)."""
    autodiscover_modules("demo")
    ctx = DemoContext()
    for step in sorted(DEMO_STEPS, key=lambda s: (s.order, s.name)):
        step.func(ctx)
    return ctx


# --- data ---------------------------------------------------------------------------------

PEMDAS = {
    "banjar": {
        "name": "Kabupaten Banjar",
        "kind": Pemda.Kind.KABUPATEN,
        "province": "Kalimantan Selatan",
        "head_title": Pemda.HeadTitle.BUPATI,
        "timezone": Pemda.Zone.WITA,
        "seat": "Martapura",
        "letterhead": "PEMERINTAH KABUPATEN BANJAR\n"
        "Jalan Jenderal Ahmad Yani Nomor 2, Martapura, Kalimantan Selatan 70614\n"
        "Telepon (0511) 4721025 · Laman www.banjarkab.go.id",
    },
    "banjarbaru": {
        "name": "Kota Banjarbaru",
        "kind": Pemda.Kind.KOTA,
        "province": "Kalimantan Selatan",
        "head_title": Pemda.HeadTitle.WALI_KOTA,
        "timezone": Pemda.Zone.WITA,
        "seat": "Banjarbaru",
        "letterhead": "PEMERINTAH KOTA BANJARBARU\nJalan Panglima Batur Nomor 1, Banjarbaru, Kalimantan Selatan 70711",
    },
}

# fmt: off
# Kepmendagri-style unit codes: urusan.bidang.(urusan.bidang)x2.unit.sub-unit.
# (code, type, name, short name, parent code)
UNITS = {
    "banjar": [
        ("1.01.0.00.0.00.01.0000", T.DINAS, "Dinas Pendidikan", "Disdik", None),
        ("1.02.0.00.0.00.01.0000", T.DINAS, "Dinas Kesehatan", "Dinkes", None),
        ("1.02.0.00.0.00.01.0001", T.UPTD, "UPTD Puskesmas Martapura 1", "Puskesmas Martapura 1", "1.02.0.00.0.00.01.0000"),
        ("1.02.0.00.0.00.01.0002", T.UPTD, "UPTD Puskesmas Astambul", "Puskesmas Astambul", "1.02.0.00.0.00.01.0000"),
        ("1.02.0.00.0.00.01.0003", T.UPTD, "UPTD Puskesmas Gambut", "Puskesmas Gambut", "1.02.0.00.0.00.01.0000"),
        ("1.02.0.00.0.00.02.0000", T.RSUD, "RSUD Ratu Zalecha", "RSUD Ratu Zalecha", "1.02.0.00.0.00.01.0000"),
        ("1.03.2.10.0.00.01.0000", T.DINAS, "Dinas Pekerjaan Umum, Penataan Ruang dan Pertanahan", "Dinas PUPRP", None),
        ("1.05.0.00.0.00.01.0000", T.DINAS, "Satuan Polisi Pamong Praja", "Satpol PP", None),
        ("1.05.0.00.0.00.02.0000", T.BADAN, "Badan Penanggulangan Bencana Daerah", "BPBD", None),
        ("1.06.0.00.0.00.01.0000", T.DINAS, "Dinas Sosial", "Dinsos", None),
        ("2.15.0.00.0.00.01.0000", T.DINAS, "Dinas Perhubungan", "Dishub", None),
        ("2.16.2.20.2.21.01.0000", T.DINAS, "Dinas Komunikasi, Informatika dan Persandian", "Diskominfo", None),
        ("2.18.0.00.0.00.01.0000", T.DINAS, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", None),
        ("2.19.2.22.3.26.01.0000", T.DINAS, "Dinas Kebudayaan, Kepemudaan, Olahraga dan Pariwisata", "Disbudporapar", None),
        ("4.01.0.00.0.00.01.0000", T.SETDA, "Sekretariat Daerah", "Setda", None),
        ("4.01.0.00.0.00.01.0001", T.BAGIAN, "Bagian Pemerintahan", "Bag. Pemerintahan", "4.01.0.00.0.00.01.0000"),
        ("4.01.0.00.0.00.01.0002", T.BAGIAN, "Bagian Hukum", "Bag. Hukum", "4.01.0.00.0.00.01.0000"),
        ("4.01.0.00.0.00.01.0003", T.BAGIAN, "Bagian Organisasi", "Bag. Organisasi", "4.01.0.00.0.00.01.0000"),
        ("4.01.0.00.0.00.01.0004", T.BAGIAN, "Bagian Perekonomian dan Sumber Daya Alam", "Bag. Perekonomian", "4.01.0.00.0.00.01.0000"),
        ("4.01.0.00.0.00.01.0005", T.BAGIAN, "Bagian Pengadaan Barang dan Jasa", "Bag. PBJ", "4.01.0.00.0.00.01.0000"),
        ("4.02.0.00.0.00.01.0000", T.SETWAN, "Sekretariat DPRD", "Setwan", None),
        ("5.01.5.05.0.00.01.0000", T.BADAN, "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", "Bappedalitbang", None),
        ("5.02.5.03.0.00.01.0000", T.BADAN, "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", "BPKPAD", None),
        ("5.03.5.04.0.00.01.0000", T.BADAN, "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", None),
        ("6.01.0.00.0.00.01.0000", T.INSPEKTORAT, "Inspektorat", "Inspektorat", None),
        ("7.01.0.00.0.00.01.0000", T.KECAMATAN, "Kecamatan Martapura", "Kec. Martapura", None),
        ("7.01.0.00.0.00.01.0001", T.KELURAHAN, "Kelurahan Jawa", "Kel. Jawa", "7.01.0.00.0.00.01.0000"),
        ("7.01.0.00.0.00.01.0002", T.KELURAHAN, "Kelurahan Keraton", "Kel. Keraton", "7.01.0.00.0.00.01.0000"),
        ("7.01.0.00.0.00.01.0003", T.KELURAHAN, "Kelurahan Murung Keraton", "Kel. Murung Keraton", "7.01.0.00.0.00.01.0000"),
        ("7.01.0.00.0.00.01.0004", T.KELURAHAN, "Kelurahan Tanjung Rema Darat", "Kel. Tanjung Rema Darat", "7.01.0.00.0.00.01.0000"),
        ("7.01.0.00.0.00.01.0005", T.KELURAHAN, "Kelurahan Sungai Paring", "Kel. Sungai Paring", "7.01.0.00.0.00.01.0000"),
        ("7.01.0.00.0.00.01.0006", T.KELURAHAN, "Kelurahan Sekumpul", "Kel. Sekumpul", "7.01.0.00.0.00.01.0000"),
        ("7.01.0.00.0.00.02.0000", T.KECAMATAN, "Kecamatan Martapura Timur", "Kec. Martapura Timur", None),
        ("7.01.0.00.0.00.03.0000", T.KECAMATAN, "Kecamatan Astambul", "Kec. Astambul", None),
        ("7.01.0.00.0.00.04.0000", T.KECAMATAN, "Kecamatan Sambung Makmur", "Kec. Sambung Makmur", None),
        ("7.01.0.00.0.00.05.0000", T.KECAMATAN, "Kecamatan Beruntung Baru", "Kec. Beruntung Baru", None),
        ("7.01.0.00.0.00.06.0000", T.KECAMATAN, "Kecamatan Gambut", "Kec. Gambut", None),
        ("7.01.0.00.0.00.07.0000", T.KECAMATAN, "Kecamatan Aluh-Aluh", "Kec. Aluh-Aluh", None),
        ("7.01.0.00.0.00.08.0000", T.KECAMATAN, "Kecamatan Kertak Hanyar", "Kec. Kertak Hanyar", None),
        ("7.01.0.00.0.00.09.0000", T.KECAMATAN, "Kecamatan Karang Intan", "Kec. Karang Intan", None),
    ],
    "banjarbaru": [
        ("1.02.0.00.0.00.01.0000", T.DINAS, "Dinas Kesehatan", "Dinkes", None),
        ("4.01.0.00.0.00.01.0000", T.SETDA, "Sekretariat Daerah", "Setda", None),
        ("4.01.0.00.0.00.01.0003", T.BAGIAN, "Bagian Organisasi", "Bag. Organisasi", "4.01.0.00.0.00.01.0000"),
        ("6.01.0.00.0.00.01.0000", T.INSPEKTORAT, "Inspektorat", "Inspektorat", None),
        ("7.01.0.00.0.00.01.0000", T.KECAMATAN, "Kecamatan Landasan Ulin", "Kec. Landasan Ulin", None),
        ("7.01.0.00.0.00.01.0001", T.KELURAHAN, "Kelurahan Guntung Payung", "Kel. Guntung Payung", "7.01.0.00.0.00.01.0000"),
    ],
}

R_IVD, R_IVC, R_IVB = "Pembina Utama Madya (IV/d)", "Pembina Utama Muda (IV/c)", "Pembina Tk. I (IV/b)"
R_IVA, R_IIID, R_IIIC = "Pembina (IV/a)", "Penata Tk. I (III/d)", "Penata (III/c)"
D = dt.date


@dataclass(frozen=True)
class Head:
    """A dated head assignment; the NIP is birth date + CPNS month + sex digit + sequence."""

    code: str
    name: str
    born: str  # YYYYMMDD
    cpns: str  # YYYYMM (TMT CPNS)
    sex: int  # 1 male, 2 female
    seq: int
    rank: str
    title: str
    start: dt.date
    end: dt.date | None = None
    acting: str = ""
    user: str = ""

    @property
    def nip(self) -> str:
        return f"{self.born}{self.cpns}{self.sex}{self.seq:03d}"


HEADS = {
    "banjar": [
        Head("1.01.0.00.0.00.01.0000", "Drs. H. Rahmat Hidayat, M.Pd.", "19680315", "199403", 1, 4, R_IVC, "Kepala Dinas Pendidikan", D(2021, 6, 14), D(2026, 6, 30)),
        Head("1.01.0.00.0.00.01.0000", "Dr. Hj. Noorhidayah, S.Pd., M.Pd.", "19740822", "199903", 2, 2, R_IVB, "Kepala Dinas Pendidikan", D(2026, 7, 1)),
        Head("1.02.0.00.0.00.01.0000", "dr. Hj. Nurul Hikmah, M.Kes.", "19750604", "200312", 2, 1, R_IVB, "Kepala Dinas Kesehatan", D(2023, 9, 4), user="kepala.dinkes"),
        Head("1.02.0.00.0.00.01.0001", "dr. Muhammad Ridha Fahmi", "19860217", "201101", 1, 3, R_IIID, "Kepala UPTD Puskesmas Martapura 1", D(2022, 3, 1)),
        Head("1.02.0.00.0.00.01.0002", "Siti Rahmah, S.KM., M.Kes.", "19820909", "200604", 2, 5, R_IIID, "Kepala UPTD Puskesmas Astambul", D(2024, 1, 8)),
        Head("1.02.0.00.0.00.01.0003", "drg. Lailatul Qadariyah", "19880412", "201402", 2, 1, R_IIIC, "Kepala UPTD Puskesmas Gambut", D(2025, 2, 3)),
        Head("1.02.0.00.0.00.02.0000", "dr. Hairiansyah, Sp.PD.", "19770130", "200502", 1, 2, R_IVB, "Direktur RSUD Ratu Zalecha", D(2022, 10, 3)),
        Head("1.03.2.10.0.00.01.0000", "Ir. Akhmad Fauzan, S.T., M.T.", "19710519", "199703", 1, 6, R_IVC, "Kepala Dinas Pekerjaan Umum, Penataan Ruang dan Pertanahan", D(2022, 1, 10)),
        Head("1.05.0.00.0.00.01.0000", "Syarifuddin, S.Sos., M.AP.", "19700305", "199203", 1, 3, R_IVB, "Kepala Satuan Polisi Pamong Praja", D(2021, 11, 1)),
        Head("1.05.0.00.0.00.02.0000", "Wahyudi Rahman, S.T., M.Si.", "19760725", "200112", 1, 4, R_IVB, "Kepala Pelaksana Badan Penanggulangan Bencana Daerah", D(2023, 2, 6)),
        Head("1.06.0.00.0.00.01.0000", "Hj. Mursyidah, S.Sos., M.Si.", "19691112", "199303", 2, 2, R_IVB, "Kepala Dinas Sosial", D(2022, 6, 20)),
        Head("2.15.0.00.0.00.01.0000", "Drs. Zainal Arifin, M.Si.", "19660928", "199103", 1, 1, R_IVB, "Kepala Dinas Perhubungan", D(2020, 8, 3), D(2026, 3, 31)),
        Head("2.15.0.00.0.00.01.0000", "Yusran Effendi, S.T., M.T.", "19790614", "200502", 1, 8, R_IVA, "Kepala Dinas Perhubungan", D(2026, 4, 1), acting="Plt."),
        Head("2.16.2.20.2.21.01.0000", "Taufik Hidayat, S.Kom., M.M.", "19800402", "200604", 1, 1, R_IVB, "Kepala Dinas Komunikasi, Informatika dan Persandian", D(2024, 4, 15)),
        Head("2.18.0.00.0.00.01.0000", "Dewi Anggraini, S.E., M.Si.", "19780118", "200312", 2, 3, R_IVB, "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", D(2023, 5, 2)),
        Head("2.19.2.22.3.26.01.0000", "Anang Rosadi, S.Pd., M.Pd.", "19731207", "199803", 1, 5, R_IVB, "Kepala Dinas Kebudayaan, Kepemudaan, Olahraga dan Pariwisata", D(2022, 2, 14)),
        Head("4.01.0.00.0.00.01.0000", "Dr. H. Fathurrahman, S.STP., M.Si.", "19700821", "199203", 1, 2, R_IVD, "Sekretaris Daerah", D(2022, 12, 5), user="sekda"),
        Head("4.01.0.00.0.00.01.0001", "Aulia Rahman, S.STP., M.AP.", "19850316", "200712", 1, 1, R_IVA, "Kepala Bagian Pemerintahan", D(2023, 7, 3)),
        Head("4.01.0.00.0.00.01.0002", "Helda Hayati, S.H., M.H.", "19830723", "200803", 2, 4, R_IVA, "Kepala Bagian Hukum", D(2022, 9, 12)),
        Head("4.01.0.00.0.00.01.0003", "Muhammad Iqbal Maulana, S.Sos., M.AP.", "19840505", "200904", 1, 2, R_IVA, "Kepala Bagian Organisasi", D(2024, 2, 5)),
        Head("4.01.0.00.0.00.01.0004", "Hasbullah, S.E., M.M.", "19810211", "200604", 1, 7, R_IVA, "Kepala Bagian Perekonomian dan Sumber Daya Alam", D(2023, 3, 20)),
        Head("4.01.0.00.0.00.01.0005", "Nor Aini, S.T.", "19870930", "201001", 2, 3, R_IIID, "Kepala Bagian Pengadaan Barang dan Jasa", D(2025, 6, 2)),
        Head("4.02.0.00.0.00.01.0000", "H. Rusdiansyah, S.H., M.H.", "19711024", "199603", 1, 3, R_IVB, "Sekretaris DPRD", D(2021, 3, 8)),
        Head("5.01.5.05.0.00.01.0000", "Ir. Hj. Sri Wahyuni, M.T.", "19720616", "199803", 2, 1, R_IVC, "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", D(2022, 1, 10)),
        Head("5.02.5.03.0.00.01.0000", "Edy Rahmadi, S.E., M.Si., Ak.", "19740301", "199903", 1, 2, R_IVC, "Kepala Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", D(2023, 1, 16)),
        Head("5.03.5.04.0.00.01.0000", "Khairunnisa, S.Psi., M.Si.", "19790808", "200412", 2, 6, R_IVB, "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", D(2024, 7, 1)),
        Head("6.01.0.00.0.00.01.0000", "Dr. Ridwan Hasan, S.E., M.M., Ak.", "19690415", "199403", 1, 1, R_IVC, "Inspektur", D(2021, 10, 4)),
        Head("7.01.0.00.0.00.01.0000", "Gusti Rahmat Fadillah, S.STP., M.Si.", "19860102", "200810", 1, 1, R_IVA, "Camat Martapura", D(2024, 3, 4)),
        Head("7.01.0.00.0.00.01.0001", "Abdul Basit, S.Sos.", "19880725", "201101", 1, 4, R_IIIC, "Lurah Jawa", D(2023, 8, 7)),
        Head("7.01.0.00.0.00.01.0002", "Norhasanah, S.IP.", "19900314", "201403", 2, 2, R_IIIC, "Lurah Keraton", D(2024, 5, 13)),
        Head("7.01.0.00.0.00.01.0003", "Fahrurrazi, S.STP.", "19920620", "201410", 1, 5, R_IIIC, "Lurah Murung Keraton", D(2025, 1, 6)),
        Head("7.01.0.00.0.00.01.0004", "Jumiati, S.Sos.", "19850927", "200904", 2, 7, R_IIID, "Lurah Tanjung Rema Darat", D(2022, 11, 21)),
        Head("7.01.0.00.0.00.01.0005", "Mahyuni, S.AP.", "19870411", "201001", 1, 9, R_IIIC, "Lurah Sungai Paring", D(2023, 4, 10)),
        Head("7.01.0.00.0.00.01.0006", "Bahrul Ilmi, S.H.I.", "19891105", "201403", 1, 6, R_IIIC, "Lurah Sekumpul", D(2024, 9, 2)),
        Head("7.01.0.00.0.00.02.0000", "H. Irwan Syahputra, S.STP., M.AP.", "19830218", "200510", 1, 2, R_IVA, "Camat Martapura Timur", D(2023, 6, 12)),
        Head("7.01.0.00.0.00.03.0000", "Hairil Anwar, S.Sos., M.Si.", "19800710", "200312", 1, 11, R_IVA, "Camat Astambul", D(2022, 4, 4)),
        Head("7.01.0.00.0.00.04.0000", "Syahrani, S.STP., M.Si.", "19840619", "200610", 1, 3, R_IVA, "Camat Sambung Makmur", D(2024, 10, 7)),
        Head("7.01.0.00.0.00.05.0000", "Rina Kartika Sari, S.IP., M.AP.", "19860826", "200904", 2, 5, R_IIID, "Camat Beruntung Baru", D(2023, 1, 9)),
        Head("7.01.0.00.0.00.06.0000", "Muhammad Ramadhani, S.STP.", "19880503", "201010", 1, 4, R_IIID, "Camat Gambut", D(2025, 3, 17)),
        Head("7.01.0.00.0.00.07.0000", "Ahmad Junaidi, S.Sos., M.M.", "19780202", "200212", 1, 9, R_IVA, "Camat Aluh-Aluh", D(2020, 7, 6), D(2025, 10, 31)),
        Head("7.01.0.00.0.00.07.0000", "Raudatul Jannah, S.STP., M.Si.", "19890921", "201110", 2, 1, R_IIID, "Camat Aluh-Aluh", D(2025, 11, 3), acting="Plt."),
        Head("7.01.0.00.0.00.08.0000", "M. Noor Ifansyah, S.AP.", "19820614", "200604", 1, 10, R_IVA, "Camat Kertak Hanyar", D(2024, 8, 19)),
        Head("7.01.0.00.0.00.09.0000", "Saipul Anwar, S.Sos.", "19810103", "200503", 1, 12, R_IVA, "Camat Karang Intan", D(2022, 7, 25)),
    ],
    "banjarbaru": [
        Head("1.02.0.00.0.00.01.0000", "dr. Hj. Rosmalina, M.Kes.", "19740512", "200212", 2, 2, R_IVB, "Kepala Dinas Kesehatan", D(2023, 1, 2)),
        Head("4.01.0.00.0.00.01.0000", "Drs. H. Said Abdullah, M.Si.", "19680707", "199303", 1, 1, R_IVD, "Sekretaris Daerah", D(2022, 4, 11)),
        Head("4.01.0.00.0.00.01.0003", "Fitriani, S.Sos., M.AP.", "19850220", "200904", 2, 3, R_IVA, "Kepala Bagian Organisasi", D(2024, 1, 15)),
        Head("6.01.0.00.0.00.01.0000", "Ahmad Yani Makki, S.E., M.Si.", "19710930", "199803", 1, 2, R_IVC, "Inspektur", D(2023, 6, 5)),
        Head("7.01.0.00.0.00.01.0000", "Rahmadi Saputra, S.STP., M.Si.", "19870427", "200910", 1, 1, R_IVA, "Camat Landasan Ulin", D(2024, 2, 19)),
        Head("7.01.0.00.0.00.01.0001", "Nurhayati, S.IP.", "19910118", "201503", 2, 4, R_IIIC, "Lurah Guntung Payung", D(2025, 4, 7)),
    ],
}


@dataclass(frozen=True)
class DemoUser:
    pemda: str
    username: str
    full_name: str
    nip: str
    role: str
    role_label: str
    unit: str | None = None  # unit code for unit-scoped roles
    team_lead: bool = False
    position: str = ""


USERS = [
    DemoUser("banjar", "admin.banjar", "Rina Mariani, S.Sos., M.AP.", "198706142010012003", Role.ADMIN, "Admin SAKIP (Bagian Organisasi)"),
    DemoUser("banjar", "operator.dinkes", "Muhammad Rizky Pratama, S.KM.", "199203182019031006", Role.OPERATOR, "Operator OPD – Dinas Kesehatan", "1.02.0.00.0.00.01.0000"),
    DemoUser("banjar", "kepala.dinkes", "dr. Hj. Nurul Hikmah, M.Kes.", "197506042003122001", Role.KEPALA, "Kepala OPD – Dinas Kesehatan", "1.02.0.00.0.00.01.0000"),
    DemoUser("banjar", "operator.astambul", "Siti Nurhaliza, S.IP.", "199408222020122004", Role.OPERATOR, "Operator OPD – Kecamatan Astambul", "7.01.0.00.0.00.03.0000"),
    DemoUser("banjar", "evaluator", "Ahmad Fauzi, S.E., Ak.", "198901052014031002", Role.EVALUATOR, "Evaluator Inspektorat"),
    DemoUser("banjar", "ketua.tim", "Dra. Hj. Siti Aminah, M.Si.", "197602172000032003", Role.EVALUATOR, "Evaluator Inspektorat (ketua tim)", team_lead=True),
    DemoUser("banjar", "bupati", "H. Ahmad Rusdiansyah, S.H., M.H.", "", Role.PIMPINAN, "Pimpinan – Bupati", position="kepala_daerah"),
    DemoUser("banjar", "sekda", "Dr. H. Fathurrahman, S.STP., M.Si.", "197008211992031002", Role.PIMPINAN, "Pimpinan – Sekretaris Daerah", position="sekda"),
    DemoUser("banjarbaru", "admin.banjarbaru", "Fitriani, S.Sos., M.AP.", "198502202009042003", Role.ADMIN, "Admin SAKIP (Bagian Organisasi)"),
]

# fmt: on

YEARS = {"banjar": (2024, 2025, 2026), "banjarbaru": (2025, 2026)}
CURRENT_YEAR = 2026


# --- steps --------------------------------------------------------------------------------


def is_demo_pemda(pemda: Pemda) -> bool:
    """Whether the demo may extend ``pemda``: it holds a demo account (created by an earlier run;
    users added later in the portal do not change that) or it is still empty."""
    users = User.objects.filter(pemda=pemda)
    if users.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        return True
    return not users.exists() and not Unit.objects.filter(pemda=pemda).exists()


@demo_step(order=10, name="Pemda")
def seed_pemdas(ctx: DemoContext) -> None:
    for key, spec in PEMDAS.items():
        pemda = Pemda.objects.filter(name=spec["name"]).first()
        if pemda is None:
            pemda = services.pemda_create(**spec)
            ctx.created["Pemda"] += 1
        elif not is_demo_pemda(pemda):
            raise DemoRefused(
                _("%(name)s sudah ada dan bukan Pemda demo (tidak memiliki akun demo); data demo tidak dibuat.")
                % {"name": spec["name"]}
            )
        if not pemda.logo:
            services.pemda_update(pemda=pemda, data={"logo": demo_logo(spec["name"])})
        ctx.pemdas[key] = pemda


def demo_logo(name: str):
    """A drawn placeholder emblem (a shield with the Pemda's initials) so letterheads show a logo.

    Real Pemda upload their official emblem on the Pemda profile page.
    """
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    size = 240
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    shield = [(20, 16), (220, 16), (220, 120), (120, 228), (20, 120)]
    draw.polygon(shield, fill=(11, 92, 171, 255), outline=(245, 166, 35, 255), width=10)
    draw.rectangle([(60, 60), (180, 76)], fill=(245, 166, 35, 255))
    for x, height in ((70, 50), (110, 80), (150, 60)):
        draw.rectangle([(x, 160 - height), (x + 22, 160)], fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    slug = "".join(ch for ch in name.lower() if ch.isalnum())
    return SimpleUploadedFile(f"logo-{slug}.png", buffer.getvalue(), content_type="image/png")


@demo_step(order=20, name="Perangkat daerah")
def seed_units(ctx: DemoContext) -> None:
    for key, rows in UNITS.items():
        pemda = ctx.pemdas[key]
        existing = {u.code: u for u in Unit.objects.filter(pemda=pemda)}
        for code, unit_type, name, short_name, parent_code in rows:
            unit = existing.get(code)
            if unit is None:
                parent = ctx.units[(key, parent_code)] if parent_code else None
                data = {"code": code, "type": unit_type, "name": name, "short_name": short_name, "parent": parent}
                unit = services.unit_create(pemda=pemda, data=data)
                ctx.created["unit"] += 1
            ctx.units[(key, code)] = unit


@demo_step(order=30, name="Tahun anggaran")
def seed_years(ctx: DemoContext) -> None:
    for key, years in YEARS.items():
        pemda = ctx.pemdas[key]
        existing = set(FiscalYear.objects.filter(pemda=pemda).values_list("year", flat=True))
        for year in years:
            if year not in existing:
                services.fiscal_year_create(
                    pemda=pemda,
                    year=year,
                    frequency=FiscalYear.Frequency.MONTHLY,
                    deadline_day=10,
                    grace_days=5,
                )
                ctx.created["tahun anggaran"] += 1
        # Mark the current year only when the Pemda has none yet (an admin's choice stays).
        if not FiscalYear.objects.filter(pemda=pemda, is_current=True).exists():
            services.fiscal_year_set_current(fiscal_year=FiscalYear.objects.get(pemda=pemda, year=CURRENT_YEAR))


@demo_step(order=40, name="Pengguna demo")
def seed_users(ctx: DemoContext) -> None:
    for spec in USERS:
        pemda = ctx.pemdas[spec.pemda]
        user = User.objects.filter(username__iexact=spec.username).first()
        if user is not None and user.pemda_id != pemda.pk:
            raise DemoRefused(
                _("Nama pengguna %(u)s sudah dipakai di luar Pemda demo; data demo tidak dibuat.")
                % {"u": spec.username}
            )
        if user is None:
            data = {
                "username": spec.username,
                "full_name": spec.full_name,
                "email": f"{spec.username}@{DEMO_EMAIL_DOMAIN}",
                "nip": spec.nip,
            }
            user = services.user_create(pemda=pemda, data=data, password=ctx.password)
            ctx.created["pengguna"] += 1
        unit = ctx.unit(spec.pemda, spec.unit) if spec.unit else None
        if not RoleAssignment.objects.filter(user=user, role=spec.role, unit=unit).exists():
            services.role_assign(
                user=user, role=spec.role, unit=unit, is_team_lead=spec.team_lead, position=spec.position
            )
            ctx.created["peran"] += 1
        ctx.users[spec.username] = user
        ctx.logins.append(DemoLogin(pemda.name, spec.username, spec.role_label))


@demo_step(order=50, name="Kepala unit")
def seed_heads(ctx: DemoContext) -> None:
    for key, heads in HEADS.items():
        existing = set(UnitHead.objects.filter(pemda=ctx.pemdas[key]).values_list("unit__code", "nip", "start_date"))
        for head in heads:
            if (head.code, head.nip, head.start) in existing:
                continue
            data = {
                "name": head.name,
                "nip": head.nip,
                "rank": head.rank,
                "title": head.title,
                "acting": head.acting,
                "start_date": head.start,
                "end_date": head.end,
                "user": ctx.users.get(head.user),
            }
            services.unit_head_assign(unit=ctx.unit(key, head.code), data=data, end_previous=False)
            ctx.created["kepala unit"] += 1
