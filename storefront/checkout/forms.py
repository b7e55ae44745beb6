from django import forms

from storefront import payment_methods


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label="How would you like to pay?", widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(method.code, method.name) for method in payment_methods.available()]
        self.descriptions = {method.code: method.description for method in payment_methods.available()}

    @property
    def payment_method(self):
        return payment_methods.get(self.cleaned_data["method"])
