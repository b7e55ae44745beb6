from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from storefront.blocks import CategoryProductsBlock, FeaturedProductsBlock


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link_text = blocks.CharBlock(max_length=60)
    link_url = blocks.CharBlock(max_length=300, help_text="A path such as /shop/ or a full address.")

    class Meta:
        template = "home/blocks/call_to_action.html"
        icon = "pick"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)
    alt_text = blocks.CharBlock(
        required=False, max_length=250, help_text="Describe the image for people who cannot see it; defaults to its title."
    )

    class Meta:
        template = "home/blocks/image.html"
        icon = "image"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        template = "home/blocks/quote.html"
        icon = "openquote"


RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HelpBodyBlock(blocks.StreamBlock):
    """What a help article is made of: prose and pictures, no shop blocks."""

    heading = blocks.CharBlock(form_classname="title", max_length=120, template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageWithCaptionBlock()
    quote = blocks.BlockQuoteBlock()


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", max_length=120, template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageWithCaptionBlock()
    # Kept as a plain block quote: pages written before the attributed quote existed use it.
    quote = blocks.BlockQuoteBlock()
    attributed_quote = QuoteBlock(label="Quote with attribution")
    call_to_action = CallToActionBlock()
    featured_products = FeaturedProductsBlock()
    category_products = CategoryProductsBlock()


class ProductsBlock(blocks.StreamBlock):
    """The shop blocks alone, for the home page's featured products."""

    featured_products = FeaturedProductsBlock()
    category_products = CategoryProductsBlock()
