"""`aktdesk payments export --approved` end to end: the file reads back through our own statement reader
with the same documents and sums, the requests are marked exported, and the bank's statement with those
payments marks them paid."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.core.bank import fingerprint, read_statement_files
from desktop.core.db import Database
from desktop.core.models import BankPayment, OwnEntity, PaymentRequest, RequestStatus
from desktop.core.requests import export, settlement, workflow
from desktop.core.requests.permissions import Action
from tests.factories.requests import (
    ACCOUNTANT,
    APPROVER,
    INITIATOR,
    TODAY,
    draft_input,
    setup_parties,
)


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--database", url, "payments", "export", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _requests(db: Database) -> dict[str, Any]:
    """Approved requests of the first entity (a company, a sole trader without KPP, one without VAT),
    one already exported, a draft, and an approved request of the second entity."""
    with db.transaction() as session:
        parties = setup_parties(session)

        def make(status: str, **changes: Any) -> PaymentRequest:
            request = workflow.create_request(
                session, draft_input(parties, **changes), login=INITIATOR, today=TODAY
            )
            if status != "draft":
                workflow.submit(session, request.id, login=INITIATOR)
                workflow.approve(session, request.id, login=APPROVER, comment="Оплатить")
            return request

        approved = [
            make("approved"),
            make(
                "approved",
                counterparty_id=parties["trader"].id,
                amount=Decimal("1234567.89"),
                vat_rate="без НДС",
                subject="Ремонт кондиционеров по договору № 7 от 01.02.2026",
            ),
            make("approved", amount=Decimal("0.01"), subject="за услуги связи (доплата)"),
        ]
        exported_before = make("approved", amount=Decimal("500.00"))
        exported_before.exported_at = dt.datetime(2026, 11, 20, 9, 0)
        draft = make("draft")
        other_entity = make("approved", own_entity_id=parties["entity2"].id)
        return {
            "approved": [r.id for r in approved],
            "exported_before": exported_before.id,
            "draft": draft.id,
            "other": other_entity.id,
            "inn": parties["entity"].inn,
            "account": parties["entity"].primary_account.account,
        }


def test_export_of_approved_requests_reads_back_identical_and_is_settled_by_the_statement(
    tmp_path: Path, sqlite_url: str, sqlite_db: Database
) -> None:
    made = _requests(sqlite_db)

    several = _cli(sqlite_url, "--approved", "--out", str(tmp_path / "all.txt"))
    assert several.returncode == 2
    assert "нескольких юрлиц" in several.stderr and "--entity" in several.stderr
    assert not (tmp_path / "all.txt").exists()

    out = tmp_path / "в банк" / "платёжки.txt"
    run = _cli(
        sqlite_url, "--approved", "--out", str(out), "--entity", made["inn"], "--login", ACCOUNTANT, "--json"
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["orders"] == 3 and summary["requests"] == ["1", "2", "3"]
    assert summary["total"] == "1246767.90" and summary["account"] == made["account"]

    result = read_statement_files([out])
    assert result.errors == []
    [statement] = result.statements
    assert statement.encoding == "cp1251" and statement.header_accounts == [made["account"]]
    with sqlite_db.session() as session:
        requests = [session.get(PaymentRequest, i) for i in made["approved"]]
        assert all(r is not None for r in requests)
        docs = statement.documents
        assert len(docs) == len(requests) == 3
        assert sum(d.amount for d in docs) == sum(r.amount for r in requests) == Decimal("1246767.90")  # type: ignore[union-attr]
        for doc, request in zip(docs, requests, strict=True):
            assert request is not None
            assert doc.number == export.order_number(request)
            assert doc.amount == request.amount
            assert doc.purpose == request.purpose
            assert (
                doc.payee.inn,
                doc.payee.kpp,
                doc.payee.account,
                doc.payee.bik,
                doc.payee.corr_account,
            ) == (
                request.contractor_inn,
                request.contractor_kpp,
                request.contractor_account,
                request.contractor_bik,
                request.contractor_corr_account,
            )
            assert doc.payee.name == request.contractor_name
            assert (doc.payer.inn, doc.payer.account) == (made["inn"], made["account"])
            assert request.exported_at is not None
            assert request.history[-1].user_login == ACCOUNTANT
            assert request.history[-1].comment.startswith(f"Выгружено платёжное поручение № {doc.number} от ")
        assert docs[1].payee.kpp == "" and docs[1].purpose.endswith("НДС не облагается")
        untouched = {
            i: session.get(PaymentRequest, i) for i in (made["exported_before"], made["draft"], made["other"])
        }
        assert untouched[made["draft"]].exported_at is None  # type: ignore[union-attr]
        assert untouched[made["other"]].exported_at is None  # type: ignore[union-attr]

    again = _cli(sqlite_url, "--approved", "--out", str(tmp_path / "again.txt"), "--entity", made["inn"])
    assert again.returncode == 2 and "Нет согласованных к оплате заявок" in again.stderr

    # The bank pays them; its statement comes back with the same documents as outgoing payments.
    with sqlite_db.transaction() as session:
        entity = session.scalars(select(OwnEntity).where(OwnEntity.inn == made["inn"])).one()
        settled = []
        for doc in docs:
            payment = BankPayment(
                fingerprint=fingerprint(doc),
                direction="out",
                own_entity_id=entity.id,
                own_account=doc.payer.account,
                number=doc.number,
                date=doc.date,
                amount=doc.amount,
                payee_name=doc.payee.name,
                payee_inn=doc.payee.inn,
                payee_account=doc.payee.account,
                payee_bik=doc.payee.bik,
                purpose=doc.purpose,
                imported_by=ACCOUNTANT,
            )
            session.add(payment)
            session.flush()
            request = settlement.settle_outgoing(session, payment)
            settled.append(request.id if request else None)
        assert settled == made["approved"]
    with sqlite_db.session() as session:
        statuses = [session.get(PaymentRequest, i).status for i in made["approved"]]  # type: ignore[union-attr]
        assert statuses == [RequestStatus.PAID] * 3


def test_export_is_refused_for_a_role_that_may_not_and_nothing_is_written(
    tmp_path: Path, sqlite_url: str, sqlite_db: Database
) -> None:
    made = _requests(sqlite_db)
    out = tmp_path / "платёжки.txt"
    run = _cli(sqlite_url, "--approved", "--out", str(out), "--entity", made["inn"], "--login", INITIATOR)
    assert run.returncode == 2
    assert "может только бухгалтер или администратор; ваша роль — менеджер" in run.stderr
    assert not out.exists()
    with sqlite_db.session() as session:
        assert all(session.get(PaymentRequest, i).exported_at is None for i in made["approved"])  # type: ignore[union-attr]
    unknown = _cli(sqlite_url, "--approved", "--out", str(out), "--entity", "7707083893")
    assert unknown.returncode == 2 and "ИНН 7707083893 нет" in unknown.stderr


def test_a_request_returned_after_export_can_be_exported_again_once_approved(
    tmp_path: Path, sqlite_db: Database
) -> None:
    made = _requests(sqlite_db)
    with sqlite_db.transaction() as session:
        entity_id = session.scalars(select(OwnEntity.id).where(OwnEntity.inn == made["inn"])).one()
        export.export_orders(
            session, tmp_path / "1.txt", own_entity_id=entity_id, login=ACCOUNTANT, today=TODAY
        )
        first = made["approved"][0]
        workflow.transition(
            session, first, Action.RETURN, login=ACCOUNTANT, comment="Банк отклонил: неверный счёт"
        )
        request = session.get(PaymentRequest, first)
        assert request is not None and request.exported_at is None
        workflow.submit(session, first, login=INITIATOR)
        workflow.approve(session, first, login=APPROVER)
        result = export.export_orders(
            session, tmp_path / "2.txt", own_entity_id=entity_id, login=ACCOUNTANT, today=TODAY
        )
        assert result.requests == [request.number]


def test_the_exported_file_imported_back_as_a_statement_marks_the_requests_paid(
    tmp_path: Path, sqlite_url: str, sqlite_db: Database
) -> None:
    """The bank client's statement carries the same documents as the upload: `aktdesk bank import`
    stores them as outgoing payments and each settles the request it pays."""
    made = _requests(sqlite_db)
    out = tmp_path / "платёжки.txt"
    run = _cli(sqlite_url, "--approved", "--out", str(out), "--entity", made["inn"], "--login", ACCOUNTANT)
    assert run.returncode == 0, run.stderr

    def bank_import(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--database",
                sqlite_url,
                "bank",
                "import",
                str(path),
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )

    refused = bank_import(out)  # our own upload is not proof that the bank paid
    assert refused.returncode == 1 and "а не выписка банка" in refused.stdout
    # The bank's statement: the same documents, sent by the bank client, with the date debited.
    text = out.read_bytes().decode("cp1251")
    text = text.replace("Отправитель=AktDesk", "Отправитель=СберБизнес")
    text = text.replace("ВидОплаты=01", f"ДатаСписано={TODAY:%d.%m.%Y}\r\nВидОплаты=01")
    statement = tmp_path / "выписка.txt"
    statement.write_bytes(text.encode("cp1251"))
    imported = bank_import(statement)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    report = json.loads(imported.stdout)
    assert (report["documents"], report["outgoing"], report["incoming"]) == (3, 3, 0)
    with sqlite_db.session() as session:
        for request_id in made["approved"]:
            request = session.get(PaymentRequest, request_id)
            assert request is not None and request.payment is not None
            assert request.status == RequestStatus.PAID
            assert request.paid_at == request.payment.date
            assert request.payment.status == "allocated" and request.payment.amount == request.amount
            assert request.history[-1].to_status == RequestStatus.PAID
        for request_id in (made["exported_before"], made["draft"], made["other"]):
            request = session.get(PaymentRequest, request_id)
            assert request is not None and request.status != RequestStatus.PAID
