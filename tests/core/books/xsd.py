"""The closed validation schemas of EnterpriseData 1.20.2 and 1.21.1 (copied from ../shared/refs/enterprisedata/
validation/, see its SOURCE.md: generated from 1C's own XDTO packages with the wildcards dropped, so lxml
compiles them), and a check of a message against the one of its format (no tests here)."""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
MESSAGE_SCHEMAS = {
    "1.20": SCHEMAS / "Message_EnterpriseData_1_20_2.xsd",
    "1.21": SCHEMAS / "Message_EnterpriseData_1_21_1.xsd",
}
ED = "{http://v8.1c.ru/edi/edi_stnd/EnterpriseData/%s}"


@functools.cache
def message_schema(version: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(MESSAGE_SCHEMAS[version])))


def schema_errors(path: Path, version: str) -> list[str]:
    """What the schema of ``version`` finds wrong in the file (empty: valid)."""
    schema = message_schema(version)
    if schema.validate(etree.parse(str(path))):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def refs(path: Path) -> list[str]:
    """Every ``Ссылка`` the objects of the message carry (their own key, not the references inside)."""
    root = etree.parse(str(path)).getroot()
    body = root[1]
    return [obj[0].findtext(f"{body.tag[: body.tag.index('}') + 1]}Ссылка") or "" for obj in body]
