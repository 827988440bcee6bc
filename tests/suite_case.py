# A TransactionCase for the cross-addon scenarios. Odoo tags the test classes of
# addons from their module path (odoo.addons.<addon>...); these live outside
# any addon, so they say what Odoo would have set.
from odoo.tests import TransactionCase


class SuiteCase(TransactionCase):
    test_tags = {"standard", "post_install"}
    test_module = "service_suite"
    test_sequence = 0
