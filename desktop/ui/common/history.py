"""The history pane of a card: the event log of one object, newest first."""

from __future__ import annotations

import json
from html import escape

from desktop.core.db import Database
from desktop.core.users.operations import object_history
from desktop.ui.common import fmt

ACTIONS = {
    "create": "создание",
    "update": "изменение",
    "delete": "удаление",
    "agreement": "доп. соглашение",
    "replace": "замена",
    "sent": "отправка",
    "scan": "скан",
    "paid": "оплата",
}


def history_html(database: Database, object_type: str, object_id: int) -> str:
    found = object_history(database, object_type, object_id)
    events = list(reversed(found.events))
    if not events:
        return "<p style='color:gray'>Изменений нет.</p>"
    names = found.names  # people are shown by name, not by their login
    rows = []
    for event in events:
        try:
            details = json.loads(event.details or "{}")
        except ValueError:
            details = {}
        parts = []
        for name, value in details.items():
            if isinstance(value, list) and len(value) == 2:
                parts.append(
                    f"{escape(name)}: {escape(str(value[0] or '—'))} → {escape(str(value[1] or '—'))}"
                )
            else:
                parts.append(f"{escape(name)}: {escape(str(value))}")
        rows.append(
            f"<tr><td>{fmt.moment(event.at)}</td><td>{escape(names.get(event.user_login, event.user_login))}</td>"
            f"<td>{escape(ACTIONS.get(event.action, event.action))}</td><td>{'<br>'.join(parts)}</td></tr>"
        )
    return (
        "<table border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th>Когда</th><th>Кто</th><th>Что</th><th>Подробности</th></tr>" + "".join(rows) + "</table>"
    )
