"""The «Запросы документов» tab and the card of a request."""
