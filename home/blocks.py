from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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

    class Meta:
        template = "home/blocks/image.html"
        icon = "image"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", max_length=120, template="home/blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3", "h4"])
    image = ImageWithCaptionBlock()
    quote = blocks.BlockQuoteBlock()
    call_to_action = CallToActionBlock()
