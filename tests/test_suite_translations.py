# Chinese users work in zh_CN all day: every term of the three addons must be
# translated in the addon's i18n/zh_CN.po, and the files must be clean.
import os

import polib
import pytest
from suite_case import SuiteCase

from odoo.tools.translate import TranslationModuleReader

from conftest import ADDONS, ADDONS_DIR


def _po(addon):
    return polib.pofile(os.path.join(ADDONS_DIR, addon, "i18n", "zh_CN.po"))


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_po_has_no_untranslated_or_fuzzy_entry(addon):
    po = _po(addon)
    assert po.metadata.get("Language") == "zh_CN"
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


class TestTermsTranslated(SuiteCase):
    def test_every_exported_term_is_in_zh_cn_po(self):
        for addon in ADDONS:
            translated = {e.msgid for e in _po(addon).translated_entries()}
            reader = TranslationModuleReader(self.env.cr, modules=[addon])
            terms = {
                source
                for module, _type, _name, _res_id, source, _value, _comments in reader
                if module == addon and source
            }
            with self.subTest(addon=addon):
                self.assertTrue(terms, f"Odoo exported no term of {addon}")
                self.assertEqual(sorted(terms - translated), [])
