"""The contract's terms as HTML: the registry's detail pane and the card show the same."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from desktop.core.contracts import operations as contract_operations
from desktop.core.models import Contract, DocumentSet, PaymentTerms, Periodicity
from desktop.ui.common import fmt
from desktop.ui.common.i18n import QT_TRANSLATE_NOOP
from desktop.ui.contracts.model import kind_title, status_title

TERMS_TITLES = {
    PaymentTerms.PREPAY_100: QT_TRANSLATE_NOOP("ContractDetail", "100% prepayment"),
    PaymentTerms.PREPAY_70_30: QT_TRANSLATE_NOOP("ContractDetail", "70/30"),
    PaymentTerms.POSTPAY: QT_TRANSLATE_NOOP("ContractDetail", "Postpayment"),
}
DOCSET_TITLES = {
    DocumentSet.ACT_INVOICE: QT_TRANSLATE_NOOP("ContractDetail", "Act + invoice"),
    DocumentSet.UPD: QT_TRANSLATE_NOOP("ContractDetail", "UPD"),
    DocumentSet.ACT_INVOICE_UPD: QT_TRANSLATE_NOOP("ContractDetail", "Act + invoice + UPD"),
}
# A VAT payer's «акт + счёт» package comes with a счёт-фактура (docs/domain.md, «Счета-фактуры»).
VAT_DOCSET_TITLES = {
    DocumentSet.ACT_INVOICE: QT_TRANSLATE_NOOP("ContractDetail", "Act, invoice and VAT invoice"),
}
PERIOD_TITLES = {
    Periodicity.MONTH: QT_TRANSLATE_NOOP("ContractDetail", "Monthly"),
    Periodicity.QUARTER: QT_TRANSLATE_NOOP("ContractDetail", "Quarterly"),
    Periodicity.YEAR: QT_TRANSLATE_NOOP("ContractDetail", "Yearly"),
}


def _texts() -> dict[str, str]:
    """Words used inside f-strings (lupdate does not read f-string expressions)."""
    return {
        "Contract": QCoreApplication.translate("ContractDetail", "Contract"),
        "INN": QCoreApplication.translate("ContractDetail", "INN"),
        "KPP": QCoreApplication.translate("ContractDetail", "KPP"),
        "Price": QCoreApplication.translate("ContractDetail", "Price"),
        "Qty": QCoreApplication.translate("ContractDetail", "Qty"),
        "Service": QCoreApplication.translate("ContractDetail", "Service"),
        "Specification": QCoreApplication.translate("ContractDetail", "Specification"),
        "Supplementary agreements": QCoreApplication.translate("ContractDetail", "Supplementary agreements"),
        "days": QCoreApplication.translate("ContractDetail", "days"),
        "effective from": QCoreApplication.translate("ContractDetail", "effective from"),
        "indefinitely": QCoreApplication.translate("ContractDetail", "indefinitely"),
        "no e-mail": QCoreApplication.translate("ContractDetail", "no e-mail"),
        "of": QCoreApplication.translate("ContractDetail", "of"),
    }


def _documents_text(c: Contract) -> str:
    """The package the closing issues; for a VAT payer with the счёт-фактура, or the buyer's waiver."""
    vat = contract_operations.pays_vat(c)
    titles = {**DOCSET_TITLES, **(VAT_DOCSET_TITLES if vat and not c.sf_waived else {})}
    text = escape(QCoreApplication.translate("ContractDetail", titles.get(c.documents, c.documents)))
    if vat and c.sf_waived:
        text += (
            "<br><small>"
            + escape(
                QCoreApplication.translate(
                    "ContractDetail", "No VAT invoices: the buyer does not pay VAT, consent — %1"
                ).replace("%1", c.sf_waiver_basis or "—")
            )
            + "</small>"
        )
    return text


def contract_html(c: Contract) -> str:
    T = _texts()
    party = c.counterparty
    rows = [
        (
            QCoreApplication.translate("ContractDetail", "Client"),
            f"{escape(party.short_name)}<br><small>{T['INN']} {party.inn}"
            + (f", {T['KPP']} {party.kpp}" if party.kpp else "")
            + "</small>",
        ),
        (QCoreApplication.translate("ContractDetail", "Own entity"), escape(c.own_entity.short_name)),
        (QCoreApplication.translate("ContractDetail", "Type"), kind_title(c.kind)),
        (
            QCoreApplication.translate("ContractDetail", "Billing"),
            QCoreApplication.translate("ContractDetail", PERIOD_TITLES.get(c.periodicity, c.periodicity)),
        ),
        (
            QCoreApplication.translate("ContractDetail", "Payment"),
            QCoreApplication.translate("ContractDetail", TERMS_TITLES.get(c.payment_terms, c.payment_terms))
            + (f", {c.postpay_days} {T['days']}" if c.payment_terms == PaymentTerms.POSTPAY else ""),
        ),
        (QCoreApplication.translate("ContractDetail", "Documents"), _documents_text(c)),
        (
            QCoreApplication.translate("ContractDetail", "Valid"),
            f"{fmt.date(c.valid_from)} – {fmt.date(c.valid_to) or T['indefinitely']}",
        ),
        (QCoreApplication.translate("ContractDetail", "Status"), status_title(c.status)),
        (
            QCoreApplication.translate("ContractDetail", "Manager"),
            escape(c.manager.full_name) if c.manager else "—",
        ),
        (
            QCoreApplication.translate("ContractDetail", "E-mail"),
            escape(party.emails) or f"<span style='color:#b00'>{T['no e-mail']}</span>",
        ),
    ]
    html = [f"<h3>{escape(T['Contract'])} № {escape(c.number)} {T['of']} {fmt.date(c.date)}</h3>"]
    html.append("<table cellspacing='0' cellpadding='2'>")
    for title, value in rows:
        html.append(f"<tr><td style='color:#555'>{escape(title)}</td><td>{value}</td></tr>")
    html.append("</table>")
    html.append(f"<h4>{escape(T['Specification'])}</h4><table border='1' cellspacing='0' cellpadding='3'>")
    html.append(f"<tr><th>№</th><th>{T['Service']}</th><th>{T['Qty']}</th><th>{T['Price']}</th></tr>")
    for line in c.lines:
        name = line.description or (line.service.name if line.service else "")
        html.append(
            f"<tr><td>{line.position}</td><td>{escape(name)}</td>"
            f"<td align='right'>{line.quantity.normalize():f}</td>"
            f"<td align='right'>{fmt.money(line.price)}</td></tr>"
        )
    html.append("</table>")
    if c.agreements:
        html.append(f"<h4>{escape(T['Supplementary agreements'])}</h4><ul>")
        for agreement in c.agreements:
            html.append(
                f"<li>№ {escape(agreement.number)} {T['of']} {fmt.date(agreement.date)}, "
                f"{T['effective from']} {fmt.date(agreement.effective_date)}: "
                f"{escape(agreement.description)}</li>"
            )
        html.append("</ul>")
    return "".join(html)
