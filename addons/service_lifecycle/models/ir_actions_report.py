# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's printed forms carry the company header on any wkhtmltopdf.

Odoo prints the header and footer of ``web.external_layout`` through
wkhtmltopdf's ``--header-html``/``--footer-html``, which only a wkhtmltopdf
built on its patched Qt honours: the one most Linux distributions ship drops
them, and the forms come out without logo, company name and address. When the
installed wkhtmltopdf is not patched, the suite's reports keep the header at
the top of each document's body and the footer at its end instead; a patched
install keeps Odoo's behaviour."""

import functools
import logging
import subprocess

import lxml.html

from odoo import api, models
from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

SUITE_MODULES = ("service_lifecycle", "service_callback", "service_kpi")
HEADER_CLASS = "o_service_header_in_body"
FOOTER_CLASS = "o_service_footer_in_body"
# without a header on every page, the page margins need not make room for it
BODY_MARGINS = {"data-report-margin-top": "12", "data-report-margin-bottom": "12"}


@functools.cache
def wkhtmltopdf_patched():
    """Whether the installed wkhtmltopdf is built on the patched Qt (asked once
    per process). Without wkhtmltopdf there is no PDF to fix: True."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, TypeError, subprocess.SubprocessError):
        return True
    patched = b"with patched qt" in version.lower()
    if not patched:
        _logger.info(
            "wkhtmltopdf is not built on the patched Qt: the service suite's "
            "reports print their header and footer in the page body"
        )
    return patched


def _has_class(node, name):
    return name in (node.get("class") or "").split()


def _rename_class(node, old, new):
    classes = [new if c == old else c for c in (node.get("class") or "").split()]
    node.set("class", " ".join(classes))


def _sibling_article(node, forward):
    sibling = node.getnext() if forward else node.getprevious()
    while sibling is not None:
        if _has_class(sibling, "article"):
            return sibling
        if _has_class(sibling, "header") or _has_class(sibling, "footer"):
            return None
        sibling = sibling.getnext() if forward else sibling.getprevious()
    return None


def header_footer_in_body(html):
    """``html`` (a rendered report) with each document's header moved to the top
    of its article and its footer to the end, where the body prints them. The
    page numbers of the footer go: only a header/footer page knows them."""
    root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    match = "//div[contains(concat(' ', normalize-space(@class), ' '), ' {} ')]"
    numbers = (
        ".//span[contains(concat(' ', normalize-space(@class), ' '), ' page ') or "
        "contains(concat(' ', normalize-space(@class), ' '), ' topage ')]/.."
    )
    for header in root.xpath(match.format("header")):
        _rename_class(header, "header", HEADER_CLASS)
        article = _sibling_article(header, forward=True)
        if article is not None:
            article.insert(0, header)
    for footer in root.xpath(match.format("footer")):
        _rename_class(footer, "footer", FOOTER_CLASS)
        for number in footer.xpath(numbers):
            if number.getparent() is not None:
                number.getparent().remove(number)
        article = _sibling_article(footer, forward=False)
        if article is not None:
            article.append(footer)
    return lxml.html.tostring(root, encoding="utf-8")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _is_service_suite_report(self):
        return bool(self) and self.report_name.split(".")[0] in SUITE_MODULES

    @api.model
    def _service_header_in_body(self):
        """Hook: whether the header and footer go into the body (tests force it)."""
        if "service_header_in_body" in self.env.context:
            return self.env.context["service_header_in_body"]
        return not wkhtmltopdf_patched()

    def _prepare_html(self, html, report_model=False):
        if not (self._is_service_suite_report() and self._service_header_in_body()):
            return super()._prepare_html(html, report_model=report_model)
        result = super()._prepare_html(
            header_footer_in_body(html), report_model=report_model
        )
        if result:
            for key, value in BODY_MARGINS.items():
                result[-1].setdefault(key, value)
        return result
