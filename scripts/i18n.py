"""Refresh each addon's i18n/<addon>.pot from a database where it is installed,
and merge the new terms into i18n/zh_CN.po (existing translations are kept,
terms gone from the code are dropped). A new term that Odoo itself already
translates (the fields every mail.thread model has, "Company", "Cancel" ...)
takes Odoo's own zh_CN translation, so the suite reads like the rest of Odoo.

Run through `make i18n` (it starts an Odoo shell on the database).
"""

import io
import os
import re

import polib

import odoo
from odoo.tools.translate import trans_export

ADDONS = ("service_lifecycle", "service_callback", "service_kpi")
ROOT = os.environ["SUITE_ROOT"]


# Odoo's own translations of the modules the suite builds on.
CORE = ("base", "mail", "web", "helpdesk_mgmt", "sale", "crm", "stock", "hr", "survey")


def core_translations():
    known = {}
    for path in odoo.addons.__path__:
        for module in CORE:
            po_path = os.path.join(path, module, "i18n", "zh_CN.po")
            if os.path.exists(po_path):
                for entry in polib.pofile(po_path).translated_entries():
                    known.setdefault(entry.msgid, entry.msgstr)
    return known


def is_demo(occurrence):
    """A term of a demo record (not the demo's model description)."""
    source = occurrence[0]
    xmlid = source.rpartition(".")[2]
    return (
        source.startswith(("model:", "model_terms:"))
        and not source.startswith(("model:ir.model,", "model:ir.model.fields"))
        and re.search(r"_demo(_product_template|_product_product)?$", xmlid) is not None
    )


def refresh(env, addon, known):
    folder = os.path.join(ROOT, "addons", addon, "i18n")
    buffer = io.BytesIO()
    trans_export(False, [addon], buffer, "po", env.cr)
    pot = polib.pofile(buffer.getvalue().decode())
    # the demo's records tell their story in Chinese: their terms stay out
    for entry in [e for e in pot if e.occurrences and all(map(is_demo, e.occurrences))]:
        pot.remove(entry)
    # dates would make every refresh a change, on every branch
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        pot.metadata.pop(key, None)
    pot.save(os.path.join(folder, f"{addon}.pot"))
    po_path = os.path.join(folder, "zh_CN.po")
    po = polib.pofile(po_path) if os.path.exists(po_path) else polib.POFile()
    po.merge(pot)
    po.metadata.update(
        {
            "Project-Id-Version": "Odoo Server 18.0",
            "Language": "zh_CN",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
            "Plural-Forms": "",
        }
    )
    for entry in po.obsolete_entries():
        po.remove(entry)
    for entry in po.untranslated_entries():
        entry.msgstr = known.get(entry.msgid, "")
    po.save(po_path)
    missing = len(po.untranslated_entries())
    print(f"{addon}: {len(pot)} terms, {missing} without a zh_CN translation")


KNOWN = core_translations()
for name in ADDONS:
    if env["ir.module.module"].search(
        [("name", "=", name), ("state", "=", "installed")]
    ):
        refresh(env, name, KNOWN)
