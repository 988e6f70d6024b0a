from django.contrib.auth import views as auth_views
from django.urls import path

from .views import auth, home, notifications

app_name = "core"

urlpatterns = [
    path("pemberitahuan/", notifications.notification_list, name="notifications"),
    path("pemberitahuan/<int:pk>/baca/", notifications.notification_read, name="notification_read"),
    path("akun/token/", auth.token_view, name="token"),
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
