"""Bahasa Indonesia by default, English on request (language switcher), and a complete catalogue.

The catalogue checks parse locale/en/LC_MESSAGES/django.po with a small parser (no polib at test
time) and compare it with the committed django.mo, so a forgotten ``compilemessages`` fails here.
"""

import datetime as dt
import gettext
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import Client
from django.utils import translation

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    """The locale middleware activates the request's language in the test thread and leaves it
    active; put Indonesian back so English never leaks into later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- a tiny .po parser ------------------------------------------------------------------


def _unquote(text: str) -> str:
    # PO strings use C escapes (\" \\ \n \t), which JSON reads the same way.
    return json.loads(text)


def parse_po(path: Path) -> list[dict]:
    """Entries as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags, obsolete."""
    entries, entry, field = [], None, None

    def flush():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if line.startswith("#,"):
            if entry is not None and "msgid" in entry:
                flush()
                entry = None
            entry = entry or {"flags": set(), "msgstr": [], "obsolete": False}
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            if entry is not None and "msgid" in entry:
                flush()
                entry = None
            continue
        keyword, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            value = _unquote(line)
            if field == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
            continue
        if keyword in ("msgctxt", "msgid") and entry is not None and "msgid" in entry:
            flush()
            entry = None
        entry = entry or {"flags": set(), "msgstr": [], "obsolete": False}
        entry["obsolete"] = entry["obsolete"] or obsolete
        if keyword.startswith("msgstr"):
            entry["msgstr"].append(_unquote(rest))
            field = "msgstr"
        else:
            entry[keyword] = _unquote(rest)
            field = keyword
    flush()
    return entries


@pytest.fixture(scope="module")
def po_entries():
    assert PO_PATH.exists(), "run makemessages -l en (see tests/test_i18n.py)"
    return [e for e in parse_po(PO_PATH) if not e["obsolete"]]


def test_catalogue_has_no_untranslated_or_fuzzy_entries(po_entries):
    header = [e for e in po_entries if e["msgid"] == "" and "msgctxt" not in e]
    assert header and "fuzzy" not in header[0]["flags"], "clear the header's fuzzy flag"
    assert "Language: en" in header[0]["msgstr"][0]
    messages = [e for e in po_entries if e["msgid"]]
    assert len(messages) > 500  # the whole portal, not a stub
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"
    untranslated = [e["msgid"] for e in messages if not e["msgstr"] or not all(s.strip() for s in e["msgstr"])]
    assert not untranslated, f"untranslated entries: {untranslated[:10]}"
    plural = [e for e in messages if "msgid_plural" in e]
    assert plural and all(len(e["msgstr"]) == 2 for e in plural)


def test_no_msgid_holds_an_undecoded_python_escape(po_entries):
    """xgettext keeps ``\\u201c`` in a msgid literally while Python looks up "“": such a string is
    never translated. Write the character itself in the source."""
    escaped = [e["msgid"] for e in po_entries if re.search(r"\\[uUx][0-9a-fA-F]{2}", e["msgid"])]
    assert not escaped, escaped


def test_compiled_catalogue_matches_the_po_file(po_entries):
    """The committed .mo is what Django reads: it must hold every translation of the .po."""
    assert MO_PATH.exists(), "run manage.py compilemessages and commit django.mo"
    with MO_PATH.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    stale = []
    for e in po_entries:
        if not e["msgid"]:
            continue
        ctx = e.get("msgctxt")
        if "msgid_plural" in e:
            got = [
                mo.npgettext(ctx, e["msgid"], e["msgid_plural"], n)
                if ctx
                else mo.ngettext(e["msgid"], e["msgid_plural"], n)
                for n in (1, 2)
            ]
        else:
            got = [mo.pgettext(ctx, e["msgid"]) if ctx else mo.gettext(e["msgid"])]
        if got != e["msgstr"]:
            stale.append(e["msgid"])
    assert not stale, f"django.mo is out of date (run compilemessages): {stale[:5]}"


def test_placeholders_survive_translation(po_entries):
    pattern = re.compile(r"%\(\w+\)[sd]|\{\w*\}|</?\w+>")
    for e in po_entries:
        if not e["msgid"]:
            continue
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for source, translated in zip(sources, e["msgstr"], strict=False):
            wanted, got = set(pattern.findall(source)), set(pattern.findall(translated))
            # An English singular may spell the number out ("one day left") only for %(n)d-like counts.
            assert got <= wanted and wanted - got <= {"%(n)d", "%(n)s", "%(days)s"}, (source, translated)


# --- pages ---------------------------------------------------------------------------


def test_signed_in_user_gets_indonesian_despite_english_browser(client_for, admin):
    client = client_for(admin)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    assert '<html lang="id">' in html
    assert "Selamat datang" in html and "Beranda" in html
    assert "Welcome" not in html


def test_login_page_is_indonesian_by_default():
    response = Client().get("/masuk/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Masuk ke portal" in html and "Lupa kata sandi?" in html


def _switch_to_english(client: Client, next_url: str = "/") -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_switcher_turns_the_home_page_english(client_for, admin):
    client = client_for(admin)
    _switch_to_english(client)
    response = client.get("/")
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert f"Welcome, {admin.display_name}" in html
    assert "What you need to do now" in html
    assert ">Home<" in html  # the navigation
    assert "Sign out" in html
    assert "Selamat datang" not in html
    assert "Yang perlu Anda lakukan sekarang" not in html


def test_switcher_turns_the_login_page_english():
    client = Client()
    _switch_to_english(client, "/masuk/")
    html = client.get("/masuk/").content.decode()
    assert "Sign in to the portal" in html
    assert "Forgot your password?" in html
    assert "Username" in html and "Password" in html
    assert "Masuk ke portal" not in html


def test_switching_back_to_indonesian(client_for, admin):
    client = client_for(admin)
    _switch_to_english(client)
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    html = client.get("/").content.decode()
    assert "Selamat datang" in html


def test_unknown_language_cookie_falls_back_to_indonesian(client_for, admin):
    client = client_for(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/")
    assert response["Content-Language"] == "id"
    assert "Selamat datang" in response.content.decode()


def test_english_pk_list(client_for, admin, unit_a, year):
    client = client_for(admin)
    _switch_to_english(client)
    response = client.get("/pk/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Status summary" in html
    assert "Ringkasan status" not in html


# --- formats -------------------------------------------------------------------------


def _render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_numbers_and_dates_use_indonesian_format_in_indonesian():
    context = {"n": Decimal("1250000.5"), "d": dt.date(2025, 2, 4)}
    with translation.override("id"):
        assert _render("{{ n|angka }}", **context) == "1.250.000,50"
        assert _render("{{ n|rupiah }}", **context).startswith("Rp")
        assert _render("{{ d|tanggal }}", **context) == "4 Februari 2025"
        assert _render('{{ d|date:"DATE_FORMAT" }}', **context) == "4 Februari 2025"
        assert _render('{{ n|floatformat:"2g" }}', **context) == "1.250.000,50"


def test_dates_follow_the_language_numbers_stay_indonesian():
    context = {"n": Decimal("61.756"), "d": dt.date(2025, 5, 4), "t": dt.datetime(2025, 5, 4, 14, 5)}
    with translation.override("en"):
        assert _render("{{ d|tanggal }}", **context) == "4 May 2025"
        assert _render("{{ d|tanggal:True }}", **context) == "Sunday, 4 May 2025"
        assert _render("{{ t|waktu }}", **context) == "4 May 2025 14:05"
        assert _render("{{ n|angka }}", **context) == "61,76"  # input fields expect the decimal comma
    with translation.override("id"):
        assert _render("{{ d|tanggal:True }}", **context) == "Minggu, 4 Mei 2025"
        assert _render("{{ t|waktu }}", **context) == "4 Mei 2025 14.05"


def test_pk_list_shows_indonesian_date(client_for, admin, unit_a, year):
    html = client_for(admin).get("/pk/").content.decode()
    assert "31 Januari 2025" in html  # the PK signing deadline, end of January
    client = client_for(admin)
    _switch_to_english(client)
    assert "31 January 2025" in client.get("/pk/").content.decode()
