"""Sending documents to clients: packages after closing, reminders about unsigned acts, UPD for EDO.

Layers, each importing only those above it in this list:

- ``transport``: the SMTP connection and its failures in plain Russian;
- ``templates``: the mail templates (``forms/mail/*.txt`` or edited in the program), parsed and checked;
- ``compose``: the planned message (``Outgoing``) and the MIME message that carries it;
- ``letters``: the template context (client, period, documents, totals);
- ``packages`` / ``reminders``: who gets which message (skipping what was already sent);
- ``delivery``: sending with progress and cancel, each message recorded (``Dispatch``); a test message;
- ``log``: the sending log as rows for the screen;
- ``editing``: a template edited in the program, tried on a real client's letter, then saved;
- ``edo``: the period's UPD XML into a folder or a ZIP per client, marked as sent by EDO.
"""
