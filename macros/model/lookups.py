"""Where to check a document's standing today: the public databases that hold it, searched by number.

The same lookups serve the editor (`make status-report`) and the reader (a link on the document
page, which makes no request until it is followed). No address below is guessed; each format was
seen in public material found on 2026-12-06:

- vbpl.vn (Cơ sở dữ liệu quốc gia về văn bản pháp luật, Bộ Tư pháp): the search page
  `https://vbpl.vn/TW/Pages/vbpq-timkiem.aspx?Keyword=<số hiệu>` is built the same way by several
  independent public projects (legal-citation link builders and crawlers in the public code index);
  its documents' own pages sit beside it, `https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=<n>`
  (the "vbpl datapack" data set's url column).
- thuvienphapluat.vn: `https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword=<từ khóa>`, with
  `match=True` (exact phrase) and `area=0` (every field), in many public crawlers and tools; it also
  holds Party documents (the source of Quyết định 23-QĐ/TW in data/status.yml is one of its pages).
- tulieuvankien.dangcongsan.vn (Tư liệu văn kiện Đảng): no search address was seen, only the section
  "Văn bản của Đảng", `https://tulieuvankien.dangcongsan.vn/he-thong-van-ban/van-ban-cua-dang`, linked
  as such by public projects and the parent of its documents' pages; the reader searches there.
- congbao.chinhphu.vn (Công báo) is left out: the public projects disagree on its search address
  (`/tim-kiem?q=`, `/tim-kiem?keyword=`, `/tim-kiem-van-ban` with a form token) and one notes that
  it shows no results without a browser session.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .catalogue import Document


@dataclass(frozen=True)
class Lookup:
    site: str  # the site's name and address, as a reader knows it
    short: str  # the site's name alone, for a link's words
    how: str  # what the link opens
    url: str


def _query(text: str) -> str:
    """A query value that stays readable in print ("16/CT-TTg", "Hiến%20pháp"): only what would break
    the address is escaped; the browser encodes letters with diacritics itself when the link is followed."""
    return "".join(c if ord(c) > 127 else quote(c, safe="/-") for c in text)


@dataclass(frozen=True)
class _Site:
    name: str
    short: str
    address: str  # "{q}" is replaced by the document's number (or name), URL-encoded; no "{q}": a section to browse
    browse: str = ""  # what the reader does on a section page

    def lookup(self, document: Document) -> Lookup:
        if "{q}" not in self.address:
            return Lookup(self.name, self.short, self.browse, self.address)
        how = "tìm theo số hiệu" if document.number else "tìm theo tên văn bản"
        return Lookup(self.name, self.short, how, self.address.format(q=_query(document.number or document.name)))


VBPL = _Site("Cơ sở dữ liệu quốc gia về văn bản pháp luật (vbpl.vn)", "vbpl.vn",
             "https://vbpl.vn/TW/Pages/vbpq-timkiem.aspx?Keyword={q}")
TVPL = _Site("Thư viện Pháp luật (thuvienphapluat.vn)", "Thư viện Pháp luật",
             "https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword={q}&match=True&area=0")
PARTY_DOCUMENTS = _Site("Tư liệu văn kiện Đảng (tulieuvankien.dangcongsan.vn)", "Tư liệu văn kiện Đảng",
                        "https://tulieuvankien.dangcongsan.vn/he-thong-van-ban/van-ban-cua-dang",
                        browse="mục Văn bản của Đảng, tìm văn bản trên trang đó")

# (system, level) → the sites that hold such documents, the official one first. Provincial Party
# documents are in no public database known to the handbook: the report says to ask the issuer.
SITES = {
    ("Nhà nước", "Trung ương"): (VBPL, TVPL),
    ("Nhà nước", "Tỉnh"): (TVPL,),
    ("Đảng", "Trung ương"): (PARTY_DOCUMENTS, TVPL),
}
ASK_THE_ISSUER = "Sổ tay chưa biết cơ sở dữ liệu công khai nào có văn bản này: hỏi cơ quan ban hành"


def lookups_for(document: Document) -> list[Lookup]:
    """Where to check this document today, by its number (or its name when the plan gives none)."""
    return [site.lookup(document) for site in SITES.get((document.system, document.level), ())]
