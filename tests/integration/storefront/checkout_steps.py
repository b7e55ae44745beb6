"""Drive Oscar's checkout with the test client, step by step, as a customer's browser would."""

from django.urls import reverse

NEW_ADDRESS = {
    "first_name": "Casey",
    "last_name": "Customer",
    "line1": "1 High Street",
    "line4": "London",
    "postcode": "SW1A 1AA",
    "country": "GB",
}


def add_to_basket(client, product, quantity=1):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})


def choose_new_address(client, **fields):
    response = client.post(reverse("checkout:shipping-address"), {**NEW_ADDRESS, **fields})
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def choose_saved_address(client, address):
    response = client.post(reverse("checkout:shipping-address"), {"action": "ship_to", "address_id": address.pk})
    assert response.status_code == 302
    return response


def choose_shipping_and_payment(client, method_code):
    # One shipping method is available at a time, which Oscar chooses by itself.
    response = client.get(reverse("checkout:shipping-method"), follow=True)
    assert response.request["PATH_INFO"] == reverse("checkout:payment-details"), response.request["PATH_INFO"]
    response = client.post(reverse("checkout:payment-details"), {"method": method_code})
    assert response.status_code == 302 and response.url == reverse("checkout:preview")
    return client.get(reverse("checkout:preview"))


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def checkout(client, product, *, method_code="bank-transfer", quantity=1, address=None):
    add_to_basket(client, product, quantity)
    if address is None:
        choose_new_address(client)
    else:
        choose_saved_address(client, address)
    preview = choose_shipping_and_payment(client, method_code)
    assert preview.status_code == 200
    return place_order(client)
