"""PostgreSQL as the suite uses it: Django's backend, emptied faster (``base``)."""
