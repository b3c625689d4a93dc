"""The buyer's written waiver of счета-фактуры on a contract: it needs its basis, and only a VAT
payer's contract keeps it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.contracts.editing import create_contract, input_from_previous, update_contract
from desktop.core.db import Database
from desktop.core.demo.data import fill_demo
from desktop.core.errors import ValidationError
from desktop.core.models import Contract, OwnEntity, VatRegime
from tests.factories import TODAY


def test_a_waiver_without_its_basis_is_refused_naming_the_field(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        fill_demo(session, clients=3, seed=2, today=TODAY)
    with sqlite_db.transaction() as session:
        contract_id = session.scalars(select(Contract.id).limit(1)).one()
        with pytest.raises(ValidationError) as error:
            update_contract(session, contract_id, {"sf_waived": True, "sf_waiver_basis": "  "})
        assert error.value.field == "sf_waiver_basis"
        assert "укажите письменное согласие покупателя" in error.value.message
    with sqlite_db.transaction() as session:
        update_contract(
            session, contract_id, {"sf_waived": True, "sf_waiver_basis": "Соглашение от 10.01.2026"}
        )
    with sqlite_db.transaction() as session:
        contract = session.get(Contract, contract_id)
        assert contract is not None and contract.sf_waived
        # The next year's contract copies the waiver with its basis.
        copy = input_from_previous(session, contract_id, contract.date.year + 1)
        assert (copy.sf_waived, copy.sf_waiver_basis) == (True, "Соглашение от 10.01.2026")
        entity = session.get(OwnEntity, contract.own_entity_id)
        assert entity is not None
        entity.vat_regime = VatRegime.NO_VAT  # a seller without VAT issues none: nothing to waive
        entity.vat_history.clear()
        session.flush()
        new = create_contract(session, copy)
        assert (new.sf_waived, new.sf_waiver_basis) == (False, "")
