def test_login_page_is_public(client, db):
    response = client.get("/masuk/")
    assert response.status_code == 200
    assert "Masuk ke portal" in response.content.decode()


def test_home_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_personas_have_their_roles(personas):
    from sakip.core import permissions

    assert permissions.roles(personas["admin"]) == {"admin"}
    assert permissions.has_perm(
        personas["operator_a"], permissions.P.PK_EDIT, unit_id=personas["operator_a"].roles.get().unit_id
    )
    assert not permissions.has_perm(
        personas["operator_b"], permissions.P.PK_EDIT, unit_id=personas["operator_a"].roles.get().unit_id
    )
