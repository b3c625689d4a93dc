"""Into the books: what AktDesk hands over to 1С:Бухгалтерия (docs/domain.md, «EnterpriseData export»).

``enterprisedata.py`` builds one EnterpriseData message from what the database holds;
``operations.py`` picks a period's objects and writes the file.
"""
