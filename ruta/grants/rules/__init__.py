"""The rules of the Peso por Peso 2021 Reglas de Operación, as pure functions.

One module per part of the rules: ``requirements`` (§3.4), ``budget``
(§3.4.1, §4.4.1), ``scoring`` (§3.4.1, §4.3.1), ``allocation`` (§4.3),
``deadlines`` (§3.7.2, §4.3, §4.6, §4.7, §5), ``sanctions`` (§4.4, §4.4.2,
§5), ``identifiers`` (CURP, CLABE; the RFC's rule is ``ruta.common.text.rfc``)
and ``cfdi`` (the invoices of §4.4). No database and no Django: the
services, the commands and the tests call them alike.

A glossary note the platform keeps in mind: "apoyo financiero" is a loan
("aportación monetaria que se otorga como préstamo") in the glossary, but a
support for contingencies (robbery, accidents, environmental events) in
§3.6.4, which says nothing of repaying it. The platform records the scheme
as §3.6.4 describes it and does not schedule repayments; a call that means
a loan says so in its bases (``docs/grants.md``).
"""
