"""Test data in one place. Users get their role through the same service the portal uses."""

import io
import itertools
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image

from portal import roles
from portal.services import user_set_roles

User = get_user_model()

DEFAULT_PASSWORD = "a-Strong-test-pass-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.save()
            user_set_roles(user=self, role_names=extracted if extracted is not None else [roles.CUSTOMERS])


def make_user(*role_names, **fields):
    return UserFactory(roles=list(role_names) if role_names else [roles.CUSTOMERS], **fields)


def make_superuser(**fields):
    user = UserFactory(roles=[], is_superuser=True, **fields)
    user_set_roles(user=user, role_names=[])
    return user


# --- catalogue ---------------------------------------------------------------

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

_upcs = itertools.count(1)


def goods_class():
    product_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "Goods", "track_stock": True, "requires_shipping": True}
    )
    return product_class


def shop_partner():
    partner, _ = Partner.objects.get_or_create(code="test-partner", defaults={"name": "Test partner"})
    return partner


def make_category(name, parent=None, **fields):
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    if parent is None:
        return Category.add_root(name=name, **fields)
    parent.refresh_from_db()  # treebeard computes the child's path from the parent's numchild
    return parent.add_child(name=name, **fields)


def make_product(title, *, price="10.00", num_in_stock=10, categories=(), upc=None, description="", image=False, **fields):
    """A product (standalone unless ``structure`` says otherwise) with one stock record, none when price is None."""
    fields.setdefault("structure", Product.STANDALONE)
    if "product_class" not in fields and fields["structure"] != Product.CHILD:
        fields["product_class"] = goods_class()
    product = Product.objects.create(title=title, upc=upc or f"T{next(_upcs):08d}", description=description, **fields)
    for category in categories:
        ProductCategory.objects.create(product=product, category=category)
    if price is not None:
        StockRecord.objects.create(
            product=product,
            partner=shop_partner(),
            partner_sku=product.upc,
            price=Decimal(price),
            price_currency="GBP",
            num_in_stock=num_in_stock,
        )
    if image:
        add_image(product)
    return product


def add_image(product, *, colour="#1d3557"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(buffer, format="PNG")
    image = ProductImage(product=product, display_order=product.images.count())
    image.original.save(f"p{product.pk}.png", ContentFile(buffer.getvalue()), save=False)
    image.save()
    return image


def make_products(count, **fields):
    return [make_product(f"Product {n:03d}", **fields) for n in range(1, count + 1)]


def titles(response_or_products):
    products = getattr(response_or_products, "context", None)
    products = products["products"] if products is not None else response_or_products
    return [product.title for product in products]


# --- support desk ------------------------------------------------------------

_departments = itertools.count(1)


def make_department(name=None, *, members=(), lead=None, auto_assign=False):
    from support.models import Department

    department = Department.objects.create(
        name=name or f"Department {next(_departments)}", lead=lead, auto_assign=auto_assign
    )
    department.members.add(*members)
    return department


def make_support_category(name=None, *, department=None):
    from support.models import Category as SupportCategory

    department = department or make_department()
    return SupportCategory.objects.create(name=name or f"{department.name} questions", department=department)


def make_ticket(requester, *, category=None, title="My parcel has not arrived", description="It was due on Monday.", **fields):
    """A ticket opened through the service, as a customer would; extra fields are set afterwards."""
    from support.services import ticket_create

    category = category or make_support_category()
    ticket = ticket_create(
        requester=requester,
        title=title,
        description=description,
        category=category,
        priority=fields.pop("priority", 3),
        order=fields.pop("order", None),
        uploads=fields.pop("uploads", ()),
    )
    if fields:
        for name, value in fields.items():
            setattr(ticket, name, value)
        ticket.save(update_fields=list(fields))
    return ticket


def png_upload(name="screenshot.png", *, size=(8, 8)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", size, "#e63946").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def html_pretending_to_be_png(name="innocent.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"<html><body><script>alert(1)</script></body></html>", content_type="image/png")


# --- work tasks --------------------------------------------------------------


def make_task(actor=None, *, title="Order more labels", status=None, reason="Waiting on the supplier", **fields):
    """A task created through the service (``actor`` may be None: the portal), then moved to ``status``."""
    from worktasks.models import Status
    from worktasks.services import task_create, task_transition

    task = task_create(actor=actor, title=title, **fields)
    paths = {
        None: [],
        Status.TODO: [],
        Status.IN_PROGRESS: [Status.IN_PROGRESS],
        Status.BLOCKED: [Status.BLOCKED],
        Status.DONE: [Status.DONE],
        Status.CANCELLED: [Status.CANCELLED],
    }
    for step in paths[status]:
        task_transition(task=task, actor=actor, to_status=step, reason=reason)
    return task


def make_tasks(count, actor=None, **fields):
    return [make_task(actor, title=f"Task {n:03d}", **fields) for n in range(1, count + 1)]


# --- storefront: addresses and orders -----------------------------------------


def shipping_country():
    Country = get_model("address", "Country")
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="GB",
        defaults={"name": "United Kingdom", "printable_name": "United Kingdom", "is_shipping_country": True},
    )
    return country


def make_user_address(user, **fields):
    UserAddress = get_model("address", "UserAddress")
    fields = {
        "first_name": "Casey",
        "last_name": "Customer",
        "line1": "1 High Street",
        "line4": "London",
        "postcode": "SW1A 1AA",
        "country": shipping_country(),
        **fields,
    }
    return UserAddress.objects.create(user=user, **fields)


def make_order(user, *, status="Pending payment", product=None, quantity=1, payment_method="bank-transfer", number=None):
    """An order placed the way the checkout places it (Oscar's OrderCreator: stock allocated, lines priced)."""
    from oscar.apps.order.utils import OrderCreator
    from oscar.apps.partner.strategy import Default
    from oscar.core.prices import Price

    from storefront import payment_methods

    Basket = get_model("basket", "Basket")
    ShippingAddress = get_model("order", "ShippingAddress")
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    product = product or make_product(f"Ordered product {next(_upcs)}")
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    basket.add_product(product, quantity)
    address = ShippingAddress.objects.create(
        first_name="Casey", last_name="Customer", line1="1 High Street", line4="London",
        postcode="SW1A 1AA", country=shipping_country(),
    )
    total = Price(currency="GBP", excl_tax=basket.total_excl_tax, incl_tax=basket.total_incl_tax)
    from storefront.shipping.methods import FreeShipping

    method = FreeShipping()
    from oscar.apps.order.utils import OrderNumberGenerator

    order = OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=method.calculate(basket),
        user=user, shipping_address=address, status=status,
        order_number=str(number or OrderNumberGenerator().order_number(basket)),
    )
    basket.submit()
    method_obj = payment_methods.get(payment_method)
    source_type, _ = SourceType.objects.get_or_create(code=method_obj.code, defaults={"name": method_obj.name})
    Source.objects.create(order=order, source_type=source_type, currency="GBP", amount_allocated=total.incl_tax)
    return order
