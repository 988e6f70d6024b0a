"""Sign-in in the browser: refusal in Bahasa Indonesia, lockout after repeated failures, phone layout."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, Role
from tests.factories import make_user as _make_user

pytestmark = pytest.mark.browser

WRONG_PASSWORD_MESSAGE = "Nama pengguna atau kata sandi salah"
LOCKED_MESSAGE = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture
def operator(pemda, unit_a):
    return _make_user(pemda, Role.OPERATOR, unit_a, username="operator_dinkes", full_name="Siti Operator")


def test_wrong_password_is_refused_with_an_indonesian_message(page, login, operator):
    login(page, "operator_dinkes", "bukan-sandinya")

    expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)
    assert "/masuk/" in page.url
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()


def test_repeated_failures_lock_the_account_even_for_the_right_password(page, login, operator):
    limit = settings.AXES_FAILURE_LIMIT
    for _attempt in range(limit - 1):
        login(page, "operator_dinkes", "bukan-sandinya")
        expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)

    login(page, "operator_dinkes", "bukan-sandinya")  # the attempt that reaches the limit
    expect(page.get_by_role("alert")).to_contain_text(LOCKED_MESSAGE)

    login(page, "operator_dinkes", DEFAULT_PASSWORD)  # the right password no longer helps
    expect(page.get_by_role("alert")).to_contain_text(LOCKED_MESSAGE)
    expect(page.get_by_role("link", name="Atur ulang kata sandi")).to_be_visible()
    page.goto("/")
    assert "/masuk/" in page.url, "a locked-out user must not reach the home page"


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_phone_width_navigation_toggle_opens_the_menu(page, login, operator):
    login(page, "operator_dinkes", DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")

    menu = page.get_by_role("navigation", name="Navigasi utama")
    expect(menu).to_be_hidden()  # collapsed on a phone
    page.get_by_label("Buka menu").click()
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Beranda")).to_be_visible()
    # Nothing wider than the screen: no horizontal scrolling on a 390px phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the phone screen: {_overflowing(page)}"
    page.screenshot(path=str(_artifact("home-390px.png")), full_page=True)

    page.get_by_label("Buka menu").click()
    expect(menu).to_be_hidden()


def _overflowing(page) -> list[str]:
    """The elements sticking out on the right, for the failure message."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${
                Math.round(el.getBoundingClientRect().right)}`)"""
    )


def _artifact(name):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
