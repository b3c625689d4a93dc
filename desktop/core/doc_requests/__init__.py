"""Document requests (запросы документов): a manager asks for a contract, an invoice, an act, a UPD
or copies of signed documents; standard requests complete themselves, the rest go through the
accountants' queue. One job a module, each importing only those above it:

- ``validation``: what a request says, its field errors, what it needs to be sent, «standard»;
- ``workflow``: drafts, sending, the queue's steps, the history, who is told;
- ``issuing``: the contract and the invoice of a standard request, with their files;
- ``follow``: the signed originals and the client's payment, told to the author; «Закрыт»;
- ``files_json``: a request read from and written as JSON (the command line);
- ``queries``: the tab's lists and the manager's view;
- ``operations``: the screens' calls (each takes a ``Database``).
"""
