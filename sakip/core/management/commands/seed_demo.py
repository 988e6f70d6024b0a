"""``python manage.py seed_demo``: load the demo Pemda and print the demo logins (idempotent).

Safe to run on any database, also with DEBUG off (``make run`` calls it on every start): it only
creates the demo Pemda (Kabupaten Banjar, Kota Banjarbaru) and their demo accounts, never changes
an existing record, and refuses to touch a Pemda or username of that name that it did not create.
See :mod:`sakip.core.demo` for the data and for how other capabilities add their own steps.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from sakip.core.demo import DemoRefused, run_demo


class Command(BaseCommand):
    help = _("Memuat data demo (Kabupaten Banjar dan Kota Banjarbaru) dan mencetak akun demo. Aman diulang.")

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help=_("Jangan cetak tabel akun demo."))

    def handle(self, *args, quiet_logins: bool = False, **options):
        try:
            with transaction.atomic():
                ctx = run_demo()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(_("Data demo tidak valid: %(err)s") % {"err": "; ".join(exc.messages)}) from exc

        if ctx.created:
            made = ", ".join(f"{n} {what}" for what, n in ctx.created.items())
            self.stdout.write(self.style.SUCCESS(_("Data demo dibuat: %(made)s.") % {"made": made}))
        else:
            self.stdout.write(_("Data demo sudah lengkap; tidak ada yang diubah."))
        if not quiet_logins:
            self._print_logins(ctx)

    def _print_logins(self, ctx) -> None:
        header = (_("Pemda"), _("Nama pengguna"), _("Kata sandi"), _("Peran"))
        rows = [(login.pemda, login.username, ctx.password, login.role) for login in ctx.logins]
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write(self.style.WARNING(_("Akun demo (KHUSUS DEMO, jangan dipakai untuk data sungguhan):")))
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        self.stdout.write(line)
        for row in rows:
            self.stdout.write("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(_("Kata sandi awal; jika sudah diganti lewat portal, yang berlaku adalah sandi baru."))
