from django import template

register = template.Library()


@register.filter
def help_and_error_ids(field):
    """The ids includes/form_field.html gives a field's help text and errors, and the ones its
    ``aria-describedby`` lists: the help, then the errors, of those the field shows.

    Worked out once here; in the template each form field read its help text and errors (a new
    error list each time) up to five times.
    """
    help_id, errors_id = f"{field.auto_id}_helptext", f"{field.auto_id}_errors"
    shown = [element_id for element_id, text in ((help_id, field.help_text), (errors_id, field.errors)) if text]
    return {"help": help_id, "errors": errors_id, "described_by": " ".join(shown)}
