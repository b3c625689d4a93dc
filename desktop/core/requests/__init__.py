"""Outgoing payment requests (заявки на оплату), one job a module, each importing only those above it:

- ``validation``: the fields, their checks, the suggested purpose, ``PURPOSE_LIMIT``;
- ``permissions``: the actions, who may take which in which status, the users' roles;
- ``workflow``: creating and editing drafts, the transitions, comments, the history;
- ``queries``: the tab's filter, lists and totals;
- ``export``: approved requests as payment orders for the bank client;
- ``attachments``: the e-invoice and the payment order stored on the share;
- ``settlement``: an imported outgoing payment marking its request paid.
"""
