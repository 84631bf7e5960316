"""CFDI 4.0 documents the tests write themselves (no real invoice is used).

Each is sealed as the SAT's rules ask, with a certificate made for its
emitter's RFC (``ruta.demo.cfdi``), so the offline checks pass on it as on a
real invoice; the stamp's seal, which needs the SAT's own certificate, is a
placeholder (never checked offline).
"""

from __future__ import annotations

from ruta.demo.cfdi import UNSEALED, demo_signer, document_sealed

EMITTER = "ASO1503127H4"
RECEIVER = "FAD0901015K7"
UUID = "6F1D2C3B-4A59-4E8F-9A1B-2C3D4E5F6A7B"


def cfdi_xml(
    *,
    uuid: str = UUID,
    emitter: str = EMITTER,
    receiver: str = RECEIVER,
    total: str = "50000.00",
    fecha: str = "2021-06-03T10:00:00",
    kind: str = "I",
    version: str = "4.0",
    drop: str = "",
    authority: str = "",
) -> bytes:
    """Return a stamped CFDI 4.0 sealed for its emitter; ``drop`` leaves one out;
    ``authority`` names who issued the emitter's certificate."""
    signer = demo_signer(emitter, authority)
    # A payment receipt (type P) is worth nothing itself: its concept and
    # totals are zero, and the amount paid is in its Pagos complement.
    worth = "0" if kind == "P" else total
    attributes = {
        "Version": version,
        "Fecha": fecha,
        "Sello": "{seal}",
        "NoCertificado": signer.certificate_number,
        "Certificado": signer.certificate_base64(),
        "SubTotal": worth,
        "Moneda": "XXX" if kind == "P" else "MXN",
        "Total": worth,
        "TipoDeComprobante": kind,
        "Exportacion": "01",
        "LugarExpedicion": "83000",
    }
    attributes.pop(drop, None)
    head = " ".join(f'{key}="{value}"' for key, value in attributes.items())
    payment = (
        f'<pago20:Pagos Version="2.0"><pago20:Totales MontoTotalPagos="{total}"/>'
        '<pago20:Pago FechaPago="2021-06-03T10:00:00" FormaDePagoP="03" '
        f'MonedaP="MXN" TipoCambioP="1" Monto="{total}">'
        f'<pago20:DoctoRelacionado IdDocumento="{UUID}" MonedaDR="MXN" '
        f'EquivalenciaDR="1" NumParcialidad="1" ImpSaldoAnt="{total}" '
        f'ImpPagado="{total}" ImpSaldoInsoluto="0.00" ObjetoImpDR="01"/>'
        "</pago20:Pago></pago20:Pagos>"
        if kind == "P"
        else ""
    )
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4"
 xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital"
 xmlns:pago20="http://www.sat.gob.mx/Pagos20" {head}>
  <cfdi:Emisor Rfc="{emitter}" Nombre="ASOCIACION EJEMPLO" RegimenFiscal="603"/>
  <cfdi:Receptor Rfc="{receiver}" Nombre="FUNDACION ADMINISTRADORA"
   DomicilioFiscalReceptor="83000" RegimenFiscalReceptor="603" UsoCFDI="G03"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="84101600" Cantidad="1" ClaveUnidad="E48"
     Descripcion="Ministracion del proyecto" ValorUnitario="{worth}"
     Importe="{worth}" ObjetoImp="01"/>
  </cfdi:Conceptos>
  <cfdi:Complemento>
    {payment}
    <tfd:TimbreFiscalDigital Version="1.1" UUID="{uuid}"
     FechaTimbrado="{fecha}" RfcProvCertif="SAT970701NN3" SelloCFD="{{seal}}"
     NoCertificadoSAT="30001000000400002495" SelloSAT="{UNSEALED}"/>
  </cfdi:Complemento>
</cfdi:Comprobante>
"""
    return document_sealed(document, emitter, authority)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4">&lol3;</cfdi:Comprobante>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4">&xxe;</cfdi:Comprobante>
"""
