"""Outgoing payment requests (заявки на оплату), one job a module, each importing only those above it:

- ``validation``: the fields, their checks, the suggested purpose, ``PURPOSE_LIMIT``;
- ``routes``: the approval route of a request: its steps, whose turn it is, a budget item's month;
- ``permissions``: the actions, who may take which in which status and step, the users' roles;
- ``notices``: who is told of a step (the in-program notifications);
- ``workflow``: creating and editing drafts, the transitions (on PostgreSQL the database's function),
  comments, the history;
- ``mailing``: the e-mail to the next approvers;
- ``listing``: plain rows and one step for the command line;
- ``queries``: the tab's filter, lists and totals;
- ``export``: approved requests as payment orders for the bank client;
- ``attachments``: the e-invoice and the payment order stored on the share;
- ``settlement``: an imported outgoing payment marking its request paid.
"""
