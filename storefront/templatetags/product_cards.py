"""``{% product_cards products as cards %}``: the listing's product cards, each rendered once and then read from the cache.

A card (``oscar/catalogue/partials/product.html``) costs about a millisecond to render: a
thumbnail lookup, the purchase info, currency formatting, URLs. A listing shows 20 of them.
Here every card is cached under a digest of everything it shows, read together with one
``get_many``:

- the product: pk, title, slug, structure, rating, date updated, whether it has options, its
  class's ``track_stock``;
- its primary image (pk and file name, or the missing image);
- its stock records (price, currency, stock, allocations, date updated), and for a parent its
  public children's, which price it;
- what the whole shop shares: the tax rule and pricing strategy, currency settings, hidden
  features, media and static URLs, the language, the URL prefix, and the card templates' source.

So a change of price, stock, title or image gives a new key and the next request renders the
card afresh, in every process, with no invalidation; old entries just expire. All of this comes
with the products from ``storefront.selectors`` (``product_list``, ``product_cards``), so reading
the keys costs no query. Pass only products from those selectors.

A card is rendered on its own, from ``request`` and ``product`` only, so it cannot show anything
else of the page or of the visitor. Its "Add to basket" form is stored with a placeholder for the
CSRF token (the one ``portal.pagecache`` uses) and each visitor gets their own token here. The
pricing strategy must not depend on the visitor (``storefront.partner.strategy.Selector`` reads
settings only); if it ever does, its inputs must join the key.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.pagecache import CSRF_PLACEHOLDER
from storefront.partner.tax import shop_tax_rule

register = template.Library()

CARD_TEMPLATE = "oscar/catalogue/partials/product.html"
# The card's own template and the one it includes: a change of either makes new keys.
CARD_TEMPLATES = (CARD_TEMPLATE, "oscar/catalogue/partials/stock_record.html")
# Keys change with the data, so this only bounds how long unused cards take space.
CARD_CACHE_SECONDS = 6 * 60 * 60
# Bump when Python code that shapes a card changes (the pricing strategy, a template filter):
# a cache shared across deploys (Redis) would keep the old cards otherwise.
CARD_CACHE_VERSION = 1
KEY_PREFIX = "productcard"

_TOKEN_PLACEHOLDER = CSRF_PLACEHOLDER.decode()
# A card whose thumbnail could not be made has an empty src (Oscar logs the error): not kept.
_FAILED_THUMBNAIL = ' src=""'


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> list[str]:
    """The HTML of each product's card, in order."""
    products = list(products)
    request = context.get("request")
    if not products or request is None:
        return [_render(context, product) for product in products]

    shared = _shared_state(request)
    keys = [_card_key(shared, product) for product in products]
    cached = cache.get_many(keys)
    fresh = {}
    cards = []
    for key, product in zip(keys, products):
        card = cached.get(key)
        if card is None:
            card = _render_alone(request, product)
            if _FAILED_THUMBNAIL not in card:
                fresh[key] = card
        cards.append(card)
    if fresh:
        cache.set_many(fresh, CARD_CACHE_SECONDS)

    if any(_TOKEN_PLACEHOLDER in card for card in cards):
        # The context's lazy token, so the page and its cards share one; reading it also
        # makes CsrfViewMiddleware send the visitor the CSRF cookie.
        token = str(context.get("csrf_token") or get_token(request))
        cards = [card.replace(_TOKEN_PLACEHOLDER, token) for card in cards]
    return [mark_safe(card) for card in cards]


def _render(context, product) -> str:
    with context.push(product=product):
        return get_template(CARD_TEMPLATE).template.render(context)


def _render_alone(request, product) -> str:
    return get_template(CARD_TEMPLATE).template.render(
        Context({"request": request, "product": product, "csrf_token": _TOKEN_PLACEHOLDER})
    )


def _shared_state(request) -> tuple:
    """What every card depends on besides its product (settings, strategy, templates)."""
    rule = shop_tax_rule()
    strategy = getattr(request, "strategy", None)
    sources = hashlib.blake2b(digest_size=16)
    for name in CARD_TEMPLATES:
        sources.update(get_template(name).template.source.encode())
    return (
        CARD_CACHE_VERSION,
        sources.hexdigest(),
        get_language(),
        get_script_prefix(),
        (rule.rate, rule.prices_include_tax, rule.name),
        type(strategy).__module__,
        type(strategy).__qualname__,
        getattr(strategy, "rate", None),
        settings.OSCAR_DEFAULT_CURRENCY,
        repr(getattr(settings, "OSCAR_CURRENCY_FORMAT", None)),
        tuple(getattr(settings, "OSCAR_HIDDEN_FEATURES", ())),
        settings.MEDIA_URL,
        settings.STATIC_URL,
        getattr(settings, "OSCAR_MISSING_IMAGE_URL", ""),
    )


def _card_key(shared: tuple, product) -> str:
    state = (shared, _product_state(product))
    return f"{KEY_PREFIX}:{hashlib.blake2b(repr(state).encode(), digest_size=20).hexdigest()}"


def _product_state(product) -> tuple:
    image = product.primary_image()
    if isinstance(image, dict):
        image_state = ("missing", image["original"])
    else:
        image_state = (image.pk, image.original.name)
    product_class = product.get_product_class()
    children = ()
    if product.is_parent:
        children = tuple((child.pk, _stock_state(child)) for child in product.get_public_children())
    return (
        product.pk,
        product.title,
        product.slug,
        product.structure,
        product.rating,
        product.date_updated,
        product.has_options,
        product_class.pk if product_class else None,
        product_class.track_stock if product_class else None,
        image_state,
        _stock_state(product),
        children,
    )


def _stock_state(product) -> tuple:
    return tuple(
        (
            record.pk,
            record.partner_id,
            record.price_currency,
            record.price,
            record.num_in_stock,
            record.num_allocated,
            record.low_stock_threshold,
            record.date_updated,
        )
        for record in product.stockrecords.all()
    )
