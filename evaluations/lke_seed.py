# The criterion tables below read best as one criterion per line.
# ruff: noqa: E501
"""The default LKE templates a Pemda starts with (domain reference §6.1 and §6.3), as pure data.

* :func:`template_88_2021`: PermenPAN-RB 88/2021, Pemda layout: 4 components, 12 sub-components,
  80 criteria answered Y/T, method ``percent_grade``. The wording is a **paraphrase** of the
  official criteria (domain reference §6.1); an admin replaces it with the official text of the
  year through the spreadsheet import or the criterion editor.
* :func:`template_12_2015`: PermenPAN-RB 12/2015 (years up to 2021): 5 components, the Renstra and
  the annual planning flattened into sub-components 1.a–1.f, criteria answered on the A–E scale,
  method ``answer_scale`` (mean × weight).

Both are :class:`evaluations.lke_template.Template` (weights as ``Decimal`` points of the 0–100
total) and pass ``validate_template``. The texts are stored data in Bahasa Indonesia (the
language of the official worksheet), so they are not passed through gettext.
:data:`DEFAULT_TEMPLATES` lists them with their family code, regulation and the evidence expected
per criterion; ``lke_template_services.template_install_defaults`` stores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D

from evaluations.lke_template import (
    ANSWER_AE,
    ANSWER_YT,
    KEBERADAAN,
    KUALITAS,
    PEMANFAATAN,
    Component,
    Criterion,
    SubComponent,
    Template,
    validate_template,
)
from evaluations.rules_defaults import LAYOUT_88_2021, METHOD_ANSWER_SCALE, METHOD_PERCENT_GRADE

# --- PermenPAN-RB 88/2021 (Pemda layout) ------------------------------------------------------

#: Sub-component names by kind, per component object ("dokumen perencanaan kinerja" …).
_OBJECT_88 = {
    "1": "perencanaan kinerja",
    "2": "pengukuran kinerja",
    "3": "pelaporan kinerja",
    "4": "evaluasi akuntabilitas kinerja internal",
}
_KIND_LABEL = {KEBERADAAN: "Keberadaan", KUALITAS: "Kualitas", PEMANFAATAN: "Pemanfaatan"}

#: Sub-component code -> ((criterion text, evidence expected), ...). Counts follow §6.1.
# fmt: off
CRITERIA_88_2021: dict[str, tuple[tuple[str, str], ...]] = {
    "1.a": (
        ("Terdapat pedoman teknis perencanaan kinerja yang ditetapkan oleh Pemerintah Daerah.", "Peraturan atau keputusan kepala daerah tentang pedoman penyusunan dokumen perencanaan kinerja."),
        ("Pemerintah Daerah telah menyusun dan menetapkan Rencana Pembangunan Jangka Panjang Daerah (RPJPD).", "Peraturan Daerah tentang RPJPD yang berlaku."),
        ("Telah disusun RPJMD, dan setiap perangkat daerah telah menyusun Renstra yang memuat tujuan, sasaran dan indikator kinerja.", "Peraturan Daerah tentang RPJMD; keputusan penetapan Renstra perangkat daerah."),
        ("Telah disusun RKPD dan Renja perangkat daerah, serta Perjanjian Kinerja kepala daerah dan kepala perangkat daerah.", "Peraturan kepala daerah tentang RKPD; Renja perangkat daerah; Perjanjian Kinerja yang ditandatangani."),
        ("Telah disusun rencana aksi atas kinerja yang diperjanjikan, lengkap dengan target antara.", "Dokumen rencana aksi bulanan atau triwulanan dengan target antara dan penanggung jawab."),
        ("Dokumen perencanaan anggaran (KUA-PPAS, RKA, DPA) telah disusun dengan mengacu pada sasaran kinerja.", "KUA-PPAS, RKA dan DPA yang mencantumkan sasaran dan indikator kinerja."),
    ),
    "1.b": (
        ("Dokumen perencanaan kinerja telah ditetapkan secara formal oleh pejabat yang berwenang.", "Keputusan penetapan atau lembar pengesahan yang ditandatangani."),
        ("Dokumen perencanaan kinerja telah dipublikasikan tepat waktu, termasuk Perjanjian Kinerja paling lambat akhir Januari.", "Tangkapan layar laman resmi dengan tanggal unggah; tanggal penandatanganan PK."),
        ("Tujuan dan sasaran kinerja berorientasi hasil (outcome), bukan sekadar kegiatan atau keluaran.", "Daftar tujuan dan sasaran dalam RPJMD/Renstra beserta penjelasan hasil yang dituju."),
        ("Indikator kinerja memenuhi kriteria SMART dan dilengkapi definisi operasional.", "Matriks indikator kinerja dengan definisi operasional, formula dan sumber data."),
        ("Indikator Kinerja Utama (IKU) telah ditetapkan dan konsisten selama periode perencanaan menengah.", "Keputusan penetapan IKU dan perbandingan IKU antar tahun."),
        ("Target kinerja menantang namun realistis dan selaras dengan target jangka menengah.", "Perbandingan target tahunan dengan capaian tahun lalu dan target RPJMD/Renstra."),
        ("Sasaran dan indikator kinerja telah dijabarkan secara berjenjang (cascading) dari Pemerintah Daerah hingga perangkat daerah dan individu.", "Pohon kinerja dan matriks cascading yang ditetapkan."),
        ("Kinerja yang menjadi tanggung jawab bersama lintas perangkat daerah (crosscutting) telah dipetakan beserta peran masing-masing.", "Peta crosscutting kinerja dan pembagian peran antar perangkat daerah."),
        ("Setiap perangkat daerah memiliki rencana kinerja (Renstra, Renja, PK) yang selaras dengan RPJMD.", "Matriks keselarasan sasaran perangkat daerah dengan sasaran RPJMD."),
        ("Setiap pegawai memiliki rencana kinerja individu (SKP) yang selaras dengan kinerja unitnya.", "Contoh SKP pegawai beserta keterkaitannya dengan sasaran unit."),
        ("Rencana aksi memuat langkah, target antara dan penanggung jawab yang jelas untuk setiap sasaran.", "Dokumen rencana aksi dengan uraian langkah, jadwal, target antara dan penanggung jawab."),
    ),
    "1.c": (
        ("Anggaran dialokasikan berdasarkan sasaran dan target kinerja yang ditetapkan.", "Keterkaitan DPA dengan sasaran kinerja (cross-check program dan kegiatan terhadap sasaran)."),
        ("Kegiatan dan subkegiatan yang dilaksanakan mendukung pencapaian sasaran kinerja.", "Matriks keterkaitan kegiatan dan subkegiatan dengan indikator sasaran."),
        ("Target kinerja yang diperjanjikan pada tahun berjalan telah tercapai.", "Laporan capaian kinerja dibandingkan dengan target Perjanjian Kinerja."),
        ("Rencana aksi dipantau pencapaiannya secara berkala.", "Laporan pemantauan rencana aksi bulanan atau triwulanan."),
        ("Hasil pemantauan rencana aksi digunakan untuk menyesuaikan langkah pencapaian kinerja.", "Notulen rapat evaluasi dan perubahan rencana aksi yang ditindaklanjuti."),
        ("Dokumen perencanaan kinerja direviu dan diperbaiki berdasarkan hasil evaluasi dan perubahan lingkungan strategis.", "Dokumen reviu atau perubahan Renstra, Renja atau PK beserta alasannya."),
        ("Perangkat daerah menunjukkan komitmen mencapai kinerja yang direncanakan.", "Perjanjian Kinerja, laporan pemantauan dan langkah perbaikan yang dilaksanakan unit."),
        ("Pegawai menunjukkan komitmen mencapai kinerja yang direncanakan dalam SKP.", "Penilaian SKP dan catatan pembinaan kinerja pegawai."),
    ),
    "2.a": (
        ("Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data kinerja yang ditetapkan.", "Peraturan atau keputusan tentang pedoman pengukuran kinerja."),
        ("Setiap indikator kinerja memiliki definisi operasional yang jelas.", "Manual atau matriks definisi operasional indikator kinerja."),
        ("Terdapat SOP pengumpulan data kinerja yang mutakhir.", "SOP pengumpulan data kinerja yang ditetapkan beserta tanggal pemutakhirannya."),
    ),
    "2.b": (
        ("Pimpinan terlibat langsung sebagai pengambil keputusan dalam mengukur capaian kinerja.", "Notulen rapat pimpinan yang membahas capaian kinerja dan keputusan yang diambil."),
        ("Data kinerja yang dikumpulkan relevan untuk mengukur capaian kinerja yang diharapkan.", "Contoh data kinerja dan kesesuaiannya dengan definisi operasional indikator."),
        ("Data kinerja yang dikumpulkan dapat diandalkan dan didukung bukti yang sah.", "Bukti dukung capaian (laporan, berita acara, data sumber) yang dapat diverifikasi."),
        ("Pengukuran kinerja dilakukan secara berkala (bulanan atau triwulanan).", "Laporan pengukuran kinerja periodik."),
        ("Pengukuran kinerja dilakukan secara berjenjang dari pegawai, unit kerja hingga Pemerintah Daerah.", "Laporan pengukuran kinerja individu, unit dan Pemerintah Daerah."),
        ("Pengumpulan data kinerja memanfaatkan teknologi informasi.", "Aplikasi pengumpulan data kinerja yang dipakai dan contoh keluarannya."),
        ("Pengukuran capaian kinerja memanfaatkan teknologi informasi.", "Aplikasi pengukuran kinerja dan laporan capaian yang dihasilkannya."),
    ),
    "2.c": (
        ("Hasil pengukuran kinerja menjadi dasar pemberian tunjangan kinerja atau TPP.", "Peraturan kepala daerah tentang TPP yang mengaitkan TPP dengan capaian kinerja; daftar pembayaran."),
        ("Hasil pengukuran kinerja menjadi dasar penempatan, promosi dan mutasi pegawai.", "Keputusan mutasi atau promosi yang menyebut hasil penilaian kinerja sebagai dasar."),
        ("Hasil pengukuran kinerja digunakan untuk penyesuaian tugas dan organisasi.", "Kajian atau keputusan penataan organisasi yang merujuk hasil pengukuran kinerja."),
        ("Hasil pengukuran kinerja digunakan untuk menyesuaikan strategi pencapaian kinerja.", "Notulen atau dokumen perubahan strategi yang merujuk capaian kinerja."),
        ("Hasil pengukuran kinerja digunakan untuk penyesuaian kebijakan.", "Kebijakan yang diubah atau ditetapkan berdasarkan hasil pengukuran kinerja."),
        ("Hasil pengukuran kinerja digunakan untuk mengevaluasi dan menyesuaikan kegiatan.", "Dokumen perubahan kegiatan atau subkegiatan beserta alasannya."),
        ("Hasil pengukuran kinerja digunakan untuk penyesuaian anggaran.", "Dokumen perubahan anggaran (APBD-P) yang merujuk capaian kinerja."),
        ("Hasil pengukuran kinerja digunakan untuk meningkatkan efisiensi penggunaan anggaran.", "Analisis efisiensi anggaran terhadap capaian kinerja."),
        ("Hasil pengukuran kinerja menjadi perhatian pimpinan dalam membina unit kerja.", "Catatan pembinaan atau penghargaan kepada unit kerja berdasarkan capaian kinerja."),
        ("Hasil pengukuran kinerja menjadi dasar pembinaan kinerja pegawai.", "Catatan pembinaan, penghargaan atau sanksi pegawai berdasarkan capaian kinerja."),
    ),
    "3.a": (
        ("Laporan Kinerja (LKjIP) Pemerintah Daerah dan perangkat daerah telah disusun.", "LKjIP Pemerintah Daerah dan LKjIP perangkat daerah."),
        ("Laporan kinerja disusun secara berkala (tahunan, dengan laporan kinerja interim).", "LKjIP tahunan dan laporan kinerja triwulanan atau semesteran."),
        ("Laporan kinerja telah ditandatangani atau ditetapkan oleh pimpinan.", "LKjIP yang ditandatangani kepala daerah atau kepala perangkat daerah."),
        ("Laporan kinerja telah direviu oleh APIP sebelum disampaikan.", "Laporan hasil reviu LKjIP oleh Inspektorat."),
        ("Laporan kinerja telah dipublikasikan di laman resmi.", "Tautan atau tangkapan layar publikasi LKjIP di laman resmi."),
        ("Laporan kinerja disampaikan tepat waktu (LKjIP Pemerintah Daerah paling lambat 31 Maret).", "Bukti penyampaian ke KemenPAN-RB atau kepada kepala daerah dengan tanggalnya."),
    ),
    "3.b": (
        ("Laporan kinerja disusun sesuai format dan standar yang ditetapkan.", "LKjIP dibandingkan dengan sistematika yang diatur dalam pedoman."),
        ("Laporan kinerja menyajikan perbandingan realisasi dengan target tahun berjalan.", "Tabel realisasi dan target dalam LKjIP."),
        ("Laporan kinerja menyajikan perbandingan realisasi dengan target jangka menengah.", "Tabel capaian terhadap target akhir RPJMD atau Renstra."),
        ("Laporan kinerja menyajikan perbandingan capaian dengan tahun-tahun sebelumnya.", "Tabel capaian beberapa tahun terakhir dalam LKjIP."),
        ("Laporan kinerja menyajikan perbandingan capaian dengan standar nasional atau daerah lain (benchmark).", "Tabel perbandingan dengan capaian nasional, provinsi atau daerah sebanding."),
        ("Laporan kinerja menganalisis penyebab keberhasilan dan kegagalan serta upaya yang telah dilakukan.", "Bagian analisis capaian kinerja dalam LKjIP."),
        ("Laporan kinerja menyajikan analisis efisiensi penggunaan sumber daya.", "Analisis efisiensi anggaran terhadap capaian dalam LKjIP."),
        ("Informasi capaian kinerja dalam laporan didukung data yang valid dan dapat ditelusuri.", "Bukti dukung data capaian yang dirujuk LKjIP."),
        ("Laporan kinerja memuat rekomendasi perbaikan kinerja yang akan dilaksanakan.", "Bagian rekomendasi atau rencana tindak perbaikan dalam LKjIP."),
    ),
    "3.c": (
        ("Informasi dalam laporan kinerja menjadi perhatian pimpinan.", "Notulen rapat pimpinan yang membahas LKjIP dan arahan yang diberikan."),
        ("Informasi dalam laporan kinerja digunakan untuk penyesuaian kegiatan.", "Dokumen perubahan kegiatan yang merujuk LKjIP."),
        ("Informasi dalam laporan kinerja digunakan untuk penyesuaian anggaran.", "Dokumen perubahan anggaran yang merujuk LKjIP."),
        ("Informasi dalam laporan kinerja digunakan untuk menyusun perencanaan kinerja tahun berikutnya.", "Renja atau PK tahun berikutnya yang merujuk capaian dalam LKjIP."),
        ("Informasi dalam laporan kinerja digunakan untuk menetapkan langkah perbaikan kinerja.", "Rencana tindak perbaikan yang disusun dari hasil LKjIP."),
        ("Informasi dalam laporan kinerja digunakan untuk membangun budaya kinerja pegawai.", "Kegiatan internalisasi capaian kinerja kepada pegawai (apel, rapat, media internal)."),
        ("Informasi dalam laporan kinerja digunakan dalam penilaian kinerja unit dan pegawai.", "Penilaian kinerja unit atau SKP yang merujuk capaian dalam LKjIP."),
    ),
    "4.a": (
        ("Terdapat pedoman evaluasi akuntabilitas kinerja internal yang ditetapkan.", "Peraturan atau keputusan kepala daerah tentang pedoman evaluasi AKIP internal."),
        ("Evaluasi akuntabilitas kinerja internal telah dilaksanakan terhadap seluruh perangkat daerah.", "Laporan Hasil Evaluasi (LHE) untuk setiap perangkat daerah."),
        ("Evaluasi akuntabilitas kinerja internal dilaksanakan secara berjenjang hingga unit kerja di bawahnya.", "LHE atau laporan evaluasi internal unit kerja di bawah perangkat daerah."),
    ),
    "4.b": (
        ("Evaluasi akuntabilitas kinerja internal dilaksanakan sesuai pedoman yang ditetapkan.", "Kertas kerja evaluasi (LKE) dan LHE yang mengikuti pedoman."),
        ("Evaluasi dilaksanakan oleh SDM yang memadai jumlah dan kompetensinya.", "Surat tugas tim evaluator dan bukti pelatihan evaluator."),
        ("Evaluasi dilaksanakan dengan kedalaman yang memadai hingga menguji bukti dukung.", "Kertas kerja evaluasi beserta catatan pengujian bukti dukung."),
        ("Evaluasi menghasilkan nilai, predikat dan rekomendasi untuk setiap perangkat daerah.", "Rekapitulasi nilai dan rekomendasi per perangkat daerah."),
        ("Evaluasi akuntabilitas kinerja internal memanfaatkan teknologi informasi.", "Aplikasi evaluasi AKIP internal yang dipakai dan contoh keluarannya."),
    ),
    "4.c": (
        ("Seluruh rekomendasi hasil evaluasi internal telah ditindaklanjuti.", "Matriks tindak lanjut rekomendasi beserta bukti penyelesaiannya."),
        ("Tindak lanjut rekomendasi telah meningkatkan kualitas implementasi SAKIP.", "Perbandingan hasil evaluasi sebelum dan sesudah tindak lanjut."),
        ("Hasil evaluasi internal dimanfaatkan untuk perbaikan perencanaan dan pengukuran kinerja.", "Dokumen perencanaan atau pengukuran yang diperbaiki sesuai rekomendasi evaluasi."),
        ("Hasil evaluasi internal dimanfaatkan sebagai dasar pemberian penghargaan dan sanksi.", "Keputusan penghargaan atau sanksi yang merujuk hasil evaluasi AKIP internal."),
        ("Capaian kinerja dan nilai akuntabilitas kinerja meningkat dibandingkan tahun sebelumnya.", "Perbandingan nilai evaluasi AKIP dan capaian kinerja antar tahun."),
    ),
}
# fmt: on


def template_88_2021() -> Template:
    """The PermenPAN-RB 88/2021 Pemda template (80 Y/T criteria, percent → grade), validated."""
    components = []
    for code, name, weight, subs in LAYOUT_88_2021:
        subcomponents = []
        for sub_code, kind, sub_weight, count in subs:
            rows = CRITERIA_88_2021[sub_code]
            if len(rows) != count:  # the wording table must follow the §6.1 layout
                raise ValueError(f"{sub_code}: {len(rows)} kriteria, seharusnya {count}")
            subcomponents.append(
                SubComponent(
                    code=sub_code,
                    name=f"{_KIND_LABEL[kind]} {_OBJECT_88[code]}",
                    weight=sub_weight,
                    kind=kind,
                    criteria=tuple(
                        Criterion(f"{sub_code}.{i}", text, ANSWER_YT) for i, (text, _g) in enumerate(rows, start=1)
                    ),
                )
            )
        components.append(Component(code, name, weight, tuple(subcomponents)))
    return validate_template(
        Template(
            name="LKE AKIP Pemerintah Daerah (PermenPAN-RB 88/2021)",
            method=METHOD_PERCENT_GRADE,
            components=tuple(components),
        )
    )


# --- PermenPAN-RB 12/2015 ---------------------------------------------------------------------

#: (component code, name, weight, ((sub code, name, kind, weight, ((text, evidence), ...)), ...))
# fmt: off
LAYOUT_12_2015 = (
    ("1", "Perencanaan Kinerja", D(30), (
        ("1.a", "Renstra: pemenuhan", KEBERADAAN, D(2), (
            ("Renstra telah disusun dan ditetapkan.", "Keputusan penetapan Renstra."),
            ("Renstra telah memuat visi, misi, tujuan, sasaran, program dan indikator kinerja.", "Dokumen Renstra."),
            ("Renstra telah memuat target kinerja jangka menengah.", "Matriks target kinerja dalam Renstra."),
        )),
        ("1.b", "Renstra: kualitas", KUALITAS, D(5), (
            ("Tujuan dan sasaran Renstra berorientasi hasil.", "Daftar tujuan dan sasaran Renstra."),
            ("Indikator kinerja tujuan dan sasaran memenuhi kriteria indikator yang baik.", "Matriks indikator dengan definisi operasional."),
            ("Target kinerja jangka menengah ditetapkan dengan baik dan realistis.", "Perbandingan target dengan data dasar (baseline)."),
            ("Dokumen Renstra selaras dengan RPJMD.", "Matriks keselarasan sasaran Renstra dan RPJMD."),
            ("Renstra telah direviu secara berkala.", "Dokumen reviu Renstra."),
        )),
        ("1.c", "Renstra: implementasi", PEMANFAATAN, D(3), (
            ("Renstra dijadikan acuan penyusunan Renja dan PK.", "Renja dan PK yang merujuk sasaran Renstra."),
            ("Target jangka menengah dalam Renstra dimonitor pencapaiannya.", "Laporan pemantauan capaian Renstra."),
            ("Renstra dijadikan dasar penyusunan anggaran.", "Keterkaitan program anggaran dengan sasaran Renstra."),
        )),
        ("1.d", "Perencanaan kinerja tahunan: pemenuhan", KEBERADAAN, D(4), (
            ("Renja dan Rencana Kinerja Tahunan telah disusun.", "Renja tahun berjalan."),
            ("Perjanjian Kinerja telah disusun dan ditandatangani.", "Perjanjian Kinerja yang ditandatangani."),
            ("Rencana aksi atas kinerja telah disusun.", "Dokumen rencana aksi."),
        )),
        ("1.e", "Perencanaan kinerja tahunan: kualitas", KUALITAS, D(10), (
            ("Sasaran kinerja tahunan berorientasi hasil.", "Daftar sasaran dalam Renja dan PK."),
            ("Indikator kinerja tahunan memenuhi kriteria indikator yang baik.", "Matriks indikator kinerja tahunan."),
            ("Target kinerja tahunan ditetapkan dengan baik dan selaras dengan Renstra.", "Perbandingan target tahunan dengan target Renstra."),
            ("Perjanjian Kinerja selaras dengan Renja dan Renstra.", "Matriks keselarasan PK, Renja dan Renstra."),
            ("Rencana aksi memuat target antara yang terukur.", "Dokumen rencana aksi dengan target triwulanan."),
        )),
        ("1.f", "Perencanaan kinerja tahunan: implementasi", PEMANFAATAN, D(6), (
            ("Dokumen perencanaan tahunan dijadikan acuan pelaksanaan kegiatan.", "Keterkaitan kegiatan dengan sasaran tahunan."),
            ("Target kinerja tahunan dimonitor pencapaiannya secara berkala.", "Laporan pemantauan capaian kinerja periodik."),
            ("Rencana aksi dimonitor dan ditindaklanjuti.", "Laporan pemantauan rencana aksi."),
            ("Perjanjian Kinerja dimanfaatkan dalam penilaian kinerja pegawai.", "SKP yang merujuk Perjanjian Kinerja."),
        )),
    )),
    ("2", "Pengukuran Kinerja", D(25), (
        ("2.a", "Pemenuhan pengukuran", KEBERADAAN, D(5), (
            ("Telah terdapat indikator kinerja utama (IKU) yang ditetapkan.", "Keputusan penetapan IKU."),
            ("Terdapat mekanisme pengumpulan data kinerja.", "SOP pengumpulan data kinerja."),
            ("Pengukuran kinerja telah dilakukan secara berkala.", "Laporan pengukuran kinerja periodik."),
        )),
        ("2.b", "Kualitas pengukuran", KUALITAS, D("12.5"), (
            ("IKU telah memenuhi kriteria indikator yang baik.", "Matriks IKU dengan definisi operasional."),
            ("Indikator kinerja telah dapat diukur secara obyektif.", "Formula dan sumber data setiap indikator."),
            ("Pengumpulan data kinerja dapat diandalkan.", "Bukti dukung data capaian."),
            ("Pengukuran kinerja telah dilakukan secara berjenjang.", "Laporan pengukuran kinerja unit dan individu."),
            ("Pengumpulan data dan pengukuran kinerja memanfaatkan teknologi informasi.", "Aplikasi pengukuran kinerja yang dipakai."),
        )),
        ("2.c", "Implementasi pengukuran", PEMANFAATAN, D("7.5"), (
            ("IKU telah dimanfaatkan dalam dokumen perencanaan dan penganggaran.", "Renja, PK dan RKA yang memuat IKU."),
            ("Hasil pengukuran kinerja dimanfaatkan untuk perbaikan kinerja.", "Dokumen langkah perbaikan berdasarkan hasil pengukuran."),
            ("Hasil pengukuran kinerja dikaitkan dengan pemberian penghargaan dan sanksi.", "Kebijakan penghargaan dan sanksi yang merujuk capaian kinerja."),
        )),
    )),
    ("3", "Pelaporan Kinerja", D(15), (
        ("3.a", "Pemenuhan pelaporan", KEBERADAAN, D(3), (
            ("Laporan kinerja telah disusun.", "LKjIP tahun yang dievaluasi."),
            ("Laporan kinerja disampaikan tepat waktu.", "Bukti penyampaian LKjIP dengan tanggalnya."),
            ("Laporan kinerja telah dipublikasikan.", "Tautan publikasi LKjIP."),
        )),
        ("3.b", "Penyajian informasi kinerja", KUALITAS, D("7.5"), (
            ("Laporan kinerja menyajikan capaian dibandingkan dengan target.", "Tabel capaian dan target dalam LKjIP."),
            ("Laporan kinerja menyajikan perbandingan dengan tahun sebelumnya.", "Tabel capaian antar tahun dalam LKjIP."),
            ("Laporan kinerja menyajikan analisis keberhasilan dan kegagalan.", "Bagian analisis dalam LKjIP."),
            ("Laporan kinerja menyajikan informasi keuangan yang terkait dengan capaian kinerja.", "Tabel realisasi anggaran per sasaran dalam LKjIP."),
        )),
        ("3.c", "Pemanfaatan informasi kinerja", PEMANFAATAN, D("4.5"), (
            ("Informasi kinerja dalam laporan digunakan untuk perbaikan perencanaan.", "Dokumen perencanaan yang merujuk LKjIP."),
            ("Informasi kinerja dalam laporan digunakan untuk peningkatan kinerja.", "Rencana tindak perbaikan dari LKjIP."),
            ("Informasi kinerja dalam laporan digunakan untuk penilaian kinerja.", "Penilaian kinerja unit atau pegawai yang merujuk LKjIP."),
        )),
    )),
    ("4", "Evaluasi Internal", D(10), (
        ("4.a", "Pemenuhan evaluasi", KEBERADAAN, D(2), (
            ("Terdapat pedoman evaluasi akuntabilitas kinerja internal.", "Pedoman evaluasi AKIP internal yang ditetapkan."),
            ("Evaluasi internal telah dilaksanakan terhadap seluruh unit.", "LHE setiap unit."),
            ("Evaluasi atas pelaksanaan rencana aksi telah dilaksanakan.", "Laporan evaluasi rencana aksi."),
        )),
        ("4.b", "Kualitas evaluasi", KUALITAS, D(5), (
            ("Evaluasi internal dilaksanakan sesuai pedoman.", "Kertas kerja evaluasi."),
            ("Evaluasi internal dilaksanakan oleh SDM yang kompeten.", "Surat tugas dan bukti pelatihan evaluator."),
            ("Evaluasi internal menghasilkan rekomendasi yang dapat dilaksanakan.", "LHE dengan rekomendasi."),
            ("Evaluasi internal memanfaatkan teknologi informasi.", "Aplikasi evaluasi yang dipakai."),
        )),
        ("4.c", "Pemanfaatan hasil evaluasi", PEMANFAATAN, D(3), (
            ("Rekomendasi hasil evaluasi internal telah ditindaklanjuti.", "Matriks tindak lanjut rekomendasi."),
            ("Hasil evaluasi internal dimanfaatkan untuk perbaikan implementasi SAKIP.", "Bukti perbaikan sesuai rekomendasi."),
            ("Hasil evaluasi rencana aksi dimanfaatkan untuk perbaikan kinerja.", "Dokumen langkah perbaikan dari evaluasi rencana aksi."),
        )),
    )),
    ("5", "Capaian Kinerja", D(20), (
        ("5.a", "Kinerja yang dilaporkan (output)", "", D("7.5"), (
            ("Target kinerja output dapat dicapai.", "Tabel capaian indikator output."),
            ("Capaian kinerja output lebih baik dari tahun sebelumnya.", "Perbandingan capaian output antar tahun."),
            ("Informasi mengenai kinerja output dapat diandalkan.", "Bukti dukung data capaian output."),
        )),
        ("5.b", "Kinerja yang dilaporkan (outcome)", "", D("12.5"), (
            ("Target kinerja outcome dapat dicapai.", "Tabel capaian indikator outcome."),
            ("Capaian kinerja outcome lebih baik dari tahun sebelumnya.", "Perbandingan capaian outcome antar tahun."),
            ("Informasi mengenai kinerja outcome dapat diandalkan.", "Bukti dukung data capaian outcome."),
            ("Capaian kinerja outcome sebanding dengan standar nasional.", "Perbandingan capaian dengan standar atau rata-rata nasional."),
        )),
    )),
)
# fmt: on


def template_12_2015() -> Template:
    """The PermenPAN-RB 12/2015 template (A–E answers, mean × weight), validated."""
    components = tuple(
        Component(
            code,
            name,
            weight,
            tuple(
                SubComponent(
                    code=sub_code,
                    name=sub_name,
                    weight=sub_weight,
                    kind=kind,
                    criteria=tuple(
                        Criterion(f"{sub_code}.{i}", text, ANSWER_AE) for i, (text, _g) in enumerate(rows, start=1)
                    ),
                )
                for sub_code, sub_name, kind, sub_weight, rows in subs
            ),
        )
        for code, name, weight, subs in LAYOUT_12_2015
    )
    return validate_template(
        Template(name="LKE AKIP (PermenPAN-RB 12/2015)", method=METHOD_ANSWER_SCALE, components=components)
    )


def _guidance_88_2021() -> dict[str, str]:
    return {
        f"{sub}.{i}": guidance
        for sub, rows in CRITERIA_88_2021.items()
        for i, (_t, guidance) in enumerate(rows, start=1)
    }


def _guidance_12_2015() -> dict[str, str]:
    return {
        f"{sub_code}.{i}": guidance
        for _c, _n, _w, subs in LAYOUT_12_2015
        for sub_code, _sn, _k, _sw, rows in subs
        for i, (_t, guidance) in enumerate(rows, start=1)
    }


@dataclass(frozen=True)
class SeedTemplate:
    """One default template: its family code, regulation, notes, pure layout and evidence expected."""

    family: str
    regulation: str
    notes: str
    build: object  # () -> Template
    guidance: object  # () -> dict[criterion code, evidence expected]


DEFAULT_TEMPLATES: tuple[SeedTemplate, ...] = (
    SeedTemplate(
        family="88-2021",
        regulation="Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
        notes="Rumusan kriteria berupa parafrase; ganti dengan rumusan resmi tahun berjalan melalui impor lembar kerja.",
        build=template_88_2021,
        guidance=_guidance_88_2021,
    ),
    SeedTemplate(
        family="12-2015",
        regulation="Peraturan Menteri PANRB Nomor 12 Tahun 2015 tentang Pedoman Evaluasi atas Implementasi SAKIP",
        notes="Untuk evaluasi tahun 2021 dan sebelumnya. Jawaban A–E bernilai 1; 0,75; 0,5; 0,25; 0.",
        build=template_12_2015,
        guidance=_guidance_12_2015,
    ),
)
