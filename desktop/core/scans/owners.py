"""Every owner of scans, for a store that serves the whole application: documents, contracts,
payment requests, document requests.

The store (``scans/store.py``) is generic and never imports its owners; each owner's module
describes itself as a ``ScanOwner`` (``SCAN_OWNER``: its ``Scan`` column, its top folder on the
share, what happens when a queued scan of it reaches the share). This module is the one place
that puts them together, the way Picard's ``formats/__init__.py`` registers every file format
with ``formats/util.py``. The choice: the list is handed to the store when it is built
(``ScanStore(..., owners=SCAN_OWNERS)``, done by ``Settings.scan_store``) rather than filled by
each module as a side effect of being imported, so a store always knows exactly the owners it
was given, whatever was imported before, and the order of the share's folders is this one.
Nothing in the store's own package imports this module.
"""

from __future__ import annotations

from desktop.core.contracts.scans import SCAN_OWNER as CONTRACTS
from desktop.core.doc_requests.attachments import SCAN_OWNER as DOC_REQUESTS
from desktop.core.registry.scans import SCAN_OWNER as DOCUMENTS
from desktop.core.requests.attachments import SCAN_OWNER as PAYMENT_REQUESTS
from desktop.core.scans.store import ScanOwner

# In the order ``ScanStore.folders`` lists the share's folders.
SCAN_OWNERS: tuple[ScanOwner, ...] = (DOCUMENTS, CONTRACTS, PAYMENT_REQUESTS, DOC_REQUESTS)
