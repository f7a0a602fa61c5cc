#!/usr/bin/env python3
"""Writes form-fields.pdf (filled text fields with appearance streams) and
form-fields-noap.pdf (the same values, no appearance: left to the viewer)."""
import sys


def build(with_ap):
    objs = []

    def add(s):
        objs.append(s)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    lines = [
        (72, 740, 14, "CONSULTING AGREEMENT"),
        (72, 710, 10, "This Consulting Agreement is made between the Client named below and the Consultant named below."),
        (72, 690, 10, "Client:"),
        (72, 670, 10, "Consultant:"),
        (72, 650, 10, "Monthly fee (USD):"),
        (72, 620, 10, "1. Services. The Consultant shall provide the services described in Schedule A."),
        (72, 600, 10, "2. Payment. The Client shall pay each invoice within thirty (30) days of receipt."),
        (72, 580, 10, "3. Termination. Either party may terminate this Agreement on fourteen (14) days' written notice."),
        (72, 560, 10, "4. Governing Law. This Agreement is governed by the laws of the State of New York."),
    ]
    esc = lambda t: t.replace("(", "\\(").replace(")", "\\)").encode()
    content = b"BT\n" + b"".join(b"/F1 %d Tf 1 0 0 1 %d %d Tm (%s) Tj\n" % (sz, x, y, esc(t)) for x, y, sz, t in lines) + b"ET\n"
    cs = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    fields = [("client", "Acme Robotics, Inc.", 690), ("consultant", "Jane Q. Doe", 670), ("fee", "12,500", 650)]
    widgets = []
    for name, val, y in fields:
        ap = b""
        if with_ap:
            s = b"/Tx BMC q BT /F1 10 Tf 0 g 2 4 Td (%s) Tj ET Q EMC" % val.encode()
            n = add(b"<< /Type /XObject /Subtype /Form /BBox [0 0 250 16] /Resources << /Font << /F1 %d 0 R >> >> /Length %d >>\nstream\n" % (font, len(s)) + s + b"\nendstream")
            ap = b" /AP << /N %d 0 R >>" % n
        widgets.append(add(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /V (%s) /DA (/Helv 10 Tf 0 g) /Rect [180 %d 430 %d] /F 4 /P PAGE%s >>" % (name.encode(), val.encode(), y - 4, y + 12, ap)))
    page = add(b"")
    pages = add(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    refs = b" ".join(b"%d 0 R" % w for w in widgets)
    acro = add(b"<< /Fields [%s] /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >>%s >>" % (refs, font, b"" if with_ap else b" /NeedAppearances true"))
    cat = add(b"<< /Type /Catalog /Pages %d 0 R /AcroForm %d 0 R >>" % (pages, acro))
    objs[page - 1] = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>" % (pages, font, cs, refs)
    objs = [o.replace(b"/P PAGE", b"/P %d 0 R" % page) for o in objs]
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, x)
    return out


d = sys.argv[1] if len(sys.argv) > 1 else "."
open(f"{d}/form-fields.pdf", "wb").write(build(True))
open(f"{d}/form-fields-noap.pdf", "wb").write(build(False))
