"""The in-program notifications of a user (уведомления), one job a module, each importing only those above it:

- ``store``: how many are unread, the list of one login, marking them read;
- ``listener``: on PostgreSQL, a blocking loop that hears a new notification at once
  (``LISTEN aktdesk_notifications``; the payload is the login told), reconnecting when the
  connection drops;
- ``operations``: the screens' calls (each takes a ``Database``).

The features that tell someone (``payments.closed``, ``requests.notices``, ``doc_requests.workflow``)
insert ``Notification`` rows themselves, each with its own ``object_type``.
"""
