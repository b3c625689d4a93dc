"""The document engine: context builders, DOCX print forms, PDF backends, UPD XML, payment QR, amounts in words."""
