"""Forms of the LKE pages (rounds, teams, worksheet, workflow).

They only parse what a person typed and offer the choices of the user's Pemda; every rule (stage
windows, the answer scale, who may do what, the workflow order) lives in ``lke_services``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.core.forms import DateInput
from sakip.core.models import FiscalYear, RoleAssignment, Unit, User

from .lke_models import AnswerEvidence, Evaluation, EvaluationRound, LkeTemplate, SubComponentQualifier

STAGE_FIELDS = {
    "self": ("self_start", "self_end"),
    "evaluation": ("eval_start", "eval_end"),
    "review": ("review_start", "review_end"),
    "response": ("response_start", "response_end"),
}


class RoundForm(forms.Form):
    """A round: year, template, name, basis and scope of the LHE, and the four stage windows."""

    fiscal_year = forms.ModelChoiceField(
        label=gettext_lazy("Tahun yang dievaluasi"), queryset=FiscalYear.objects.none()
    )
    template = forms.ModelChoiceField(label=gettext_lazy("Templat LKE"), queryset=LkeTemplate.objects.none())
    name = forms.CharField(label=gettext_lazy("Nama putaran"), max_length=160)
    basis = forms.CharField(
        label=gettext_lazy("Dasar evaluasi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Dicetak pada LHE, mis. PermenPAN-RB Nomor 88 Tahun 2021."),
    )
    scope = forms.CharField(
        label=gettext_lazy("Ruang lingkup"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lhe_number_prefix = forms.CharField(
        label=gettext_lazy("Awalan nomor LHE"),
        required=False,
        max_length=60,
        help_text=gettext_lazy("Mis. 700/LHE-AKIP/; nomor urut ditambahkan saat hasil diterbitkan."),
    )
    self_start = forms.DateField(label=gettext_lazy("Penilaian mandiri mulai"), widget=DateInput())
    self_end = forms.DateField(label=gettext_lazy("Penilaian mandiri selesai"), widget=DateInput())
    eval_start = forms.DateField(label=gettext_lazy("Evaluasi mulai"), widget=DateInput())
    eval_end = forms.DateField(label=gettext_lazy("Evaluasi selesai"), widget=DateInput())
    review_start = forms.DateField(label=gettext_lazy("Reviu mulai"), widget=DateInput())
    review_end = forms.DateField(label=gettext_lazy("Reviu selesai"), widget=DateInput())
    response_start = forms.DateField(label=gettext_lazy("Tanggapan mulai"), widget=DateInput())
    response_end = forms.DateField(label=gettext_lazy("Tanggapan selesai"), widget=DateInput())

    def __init__(self, *args, pemda, round: EvaluationRound | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].queryset = FiscalYear.objects.filter(pemda=pemda).order_by("-year")
        self.fields["template"].queryset = LkeTemplate.objects.filter(pemda=pemda, is_active=True)
        if round is not None:  # the year and template of a round do not change once it exists
            del self.fields["fiscal_year"]
            if round.status != EvaluationRound.Status.DRAFT:
                del self.fields["template"]

    def windows(self) -> dict:
        data = self.cleaned_data
        return {stage: (data[start], data[end]) for stage, (start, end) in STAGE_FIELDS.items()}

    def texts(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("name", "basis", "scope", "lhe_number_prefix")}

    @staticmethod
    def initial_for(round: EvaluationRound) -> dict:
        names = ["name", "basis", "scope", "lhe_number_prefix", "template"]
        names += [f for pair in STAGE_FIELDS.values() for f in pair]
        return {name: getattr(round, name) for name in names}


def evaluators_of(pemda):
    ids = RoleAssignment.objects.filter(pemda=pemda, role=RoleAssignment.Role.EVALUATOR).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("first_name", "username")


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama tim"), max_length=80)
    lead = forms.ModelChoiceField(label=gettext_lazy("Ketua tim"), queryset=User.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Anggota"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Unit yang dievaluasi tim ini"),
        help_text=gettext_lazy(
            "Unit yang dipilih dipindahkan ke tim ini. "
            "Untuk memindahkan unit ke tim lain, pilih unit itu pada tim tersebut."
        ),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, pemda, round: EvaluationRound, **kwargs):
        super().__init__(*args, **kwargs)
        people = evaluators_of(pemda)
        self.fields["lead"].queryset = people
        self.fields["members"].queryset = people
        self.fields["lead"].label_from_instance = _person
        self.fields["members"].label_from_instance = _person
        # worksheets exist once the round is opened; only their units can be assigned
        in_round = Evaluation.objects.filter(round=round).values("unit_id")
        self.fields["units"].queryset = Unit.objects.filter(pk__in=in_round).order_by("code")
        if not self.fields["units"].queryset.exists():
            del self.fields["units"]


def _person(user) -> str:
    return user.display_name


class SelfAnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("Jawaban unit"), required=False, max_length=2)
    note = forms.CharField(label=gettext_lazy("Penjelasan unit"), required=False, max_length=4000)


class EvaluatorAnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("Jawaban evaluator"), required=False, max_length=2)
    note = forms.CharField(label=gettext_lazy("Catatan evaluator"), required=False, max_length=4000)
    recommendation = forms.CharField(label=gettext_lazy("Rekomendasi"), required=False, max_length=4000)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis bukti"), choices=AnswerEvidence.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Judul"), required=False, max_length=200)
    file = forms.FileField(label=gettext_lazy("Berkas"), required=False)
    agreement = forms.CharField(label=gettext_lazy("Perjanjian Kinerja"), required=False)
    realisation_evidence = forms.CharField(label=gettext_lazy("Bukti realisasi"), required=False)
    url = forms.URLField(label=gettext_lazy("Tautan"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needed = {"file": "file", "agreement": "agreement", "realisation": "realisation_evidence", "link": "url"}
        field = needed.get(kind)
        if field and not data.get(field):
            messages = {
                "file": _("Pilih berkas bukti yang akan diunggah."),
                "agreement": _("Pilih Perjanjian Kinerja yang akan ditautkan."),
                "realisation_evidence": _("Pilih bukti realisasi yang akan ditautkan."),
                "url": _("Isi alamat tautan bukti."),
            }
            self.add_error(field, messages[field])
        return data


class QualifierForm(forms.Form):
    years_kept = forms.IntegerField(
        label=gettext_lazy("Dipertahankan (tahun)"), required=False, min_value=0, max_value=50
    )
    innovation = forms.ChoiceField(
        label=gettext_lazy("Inovasi"), choices=SubComponentQualifier.Innovation.choices, required=False
    )


class ComponentNoteForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Catatan komponen"), required=False, max_length=8000)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Catatan untuk evaluator"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": gettext_lazy("Tulis catatan: apa yang harus diperbaiki evaluator.")},
    )


class PublishForm(forms.Form):
    lhe_date = forms.DateField(label=gettext_lazy("Tanggal LHE"), required=False, widget=DateInput())


class RespondForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Tanggapan unit"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        error_messages={"required": gettext_lazy("Tulis tanggapan unit atas hasil evaluasi.")},
    )


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Tindak lanjut tanggapan"),
        choices=Evaluation.ResponseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih: nilai direvisi atau nilai tetap.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Jawaban atas tanggapan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": gettext_lazy("Tulis jawaban atas tanggapan unit.")},
    )


class RoundFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari unit"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Semua status"))] + list(Evaluation.Status.choices),
    )
    team = forms.CharField(label=gettext_lazy("Tim"), required=False)
