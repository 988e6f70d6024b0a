from django.contrib.auth import views as auth_views
from django.urls import path

from .views import auth, home, imports, notifications, pemda, units, users, years

app_name = "core"

urlpatterns = [
    path("pemberitahuan/", notifications.notification_list, name="notifications"),
    path("pemberitahuan/<int:pk>/baca/", notifications.notification_read, name="notification_read"),
    path("akun/token/", auth.token_view, name="token"),
    # Units and their heads
    path("unit/", units.unit_list, name="unit_list"),
    path("unit/baru/", units.unit_create, name="unit_create"),
    path("unit/impor/", imports.unit_import, name="unit_import"),
    path("unit/impor/simpan/", imports.unit_import_confirm, name="unit_import_confirm"),
    path("unit/<uuid:uid>/", units.unit_detail, name="unit_detail"),
    path("unit/<uuid:uid>/ubah/", units.unit_edit, name="unit_edit"),
    path("unit/<uuid:uid>/aktif/", units.unit_toggle_active, name="unit_toggle_active"),
    path("unit/<uuid:uid>/hapus/", units.unit_delete, name="unit_delete"),
    path("unit/<uuid:uid>/kepala/baru/", units.unit_head_create, name="unit_head_create"),
    path("unit/kepala/<uuid:uid>/ubah/", units.unit_head_edit, name="unit_head_edit"),
    # Users and roles
    path("pengguna/", users.user_list, name="user_list"),
    path("pengguna/baru/", users.user_create, name="user_create"),
    path("pengguna/impor/", imports.user_import, name="user_import"),
    path("pengguna/impor/simpan/", imports.user_import_confirm, name="user_import_confirm"),
    path("pengguna/<uuid:uid>/", users.user_detail, name="user_detail"),
    path("pengguna/<uuid:uid>/ubah/", users.user_edit, name="user_edit"),
    path("pengguna/<uuid:uid>/aktif/", users.user_toggle_active, name="user_toggle_active"),
    path("pengguna/<uuid:uid>/atur-ulang-sandi/", users.user_send_reset, name="user_send_reset"),
    path("pengguna/<uuid:uid>/peran/", users.role_add, name="role_add"),
    path("pengguna/peran/<uuid:uid>/lepas/", users.role_remove, name="role_remove"),
    # Excel import helpers (key: unit | user)
    path("impor/<slug:key>/templat.xlsx", imports.import_template, name="import_template"),
    path("impor/<slug:key>/batal/", imports.import_cancel, name="import_cancel"),
    # Years and the reporting calendar
    path("tahun/", years.year_list, name="year_list"),
    path("tahun/baru/", years.year_create, name="year_create"),
    path("tahun/<uuid:uid>/", years.year_edit, name="year_edit"),
    path("tahun/<uuid:uid>/berjalan/", years.year_set_current, name="year_set_current"),
    # Pemda profile
    path("pemda/", pemda.pemda_detail, name="pemda_detail"),
    path("pemda/ubah/", pemda.pemda_edit, name="pemda_edit"),
    path("pemda/logo/", pemda.pemda_logo, name="pemda_logo"),
    path("pemda/kategori/", pemda.category_list, name="category_list"),
    path("pemda/kategori/<uuid:uid>/", pemda.category_edit, name="category_edit"),
]

# Sign-in pages are registered without namespace (Django's auth views expect these names).
auth_urlpatterns = [
    path("", home.home, name="home"),
    path("masuk/", auth.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("akun/sandi/selesai/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("lupa-sandi/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("lupa-sandi/terkirim/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("reset/selesai/", auth.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
