"""Sending documents to clients: packages after closing, reminders about unsigned acts, UPD for EDO.

- ``transport``: the SMTP connection and its failures in plain Russian;
- ``compose``: editable mail templates (``forms/mail/*.txt``) and MIME messages;
- ``letters``: the template context (client, period, documents, totals);
- ``packages`` / ``reminders``: who gets which message (skipping what was already sent);
- ``delivery``: sending with progress and cancel, each message recorded (``Dispatch``);
- ``edo``: the period's UPD XML into a folder or a ZIP per client, marked as sent by EDO.
"""
