"""The draft header of an imported plan: kind, title, number, place and date, issuer, signer.

Every fact is read from the text as written. The letterhead (the issuing bodies' names in capitals
and the national motto) is not kept in the source text, as in the 2022 source: the header's
`issuer` says who issued the plan. What had to be chosen rather than read goes to the review list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.cut import CLOSING, PREAMBLE
from ..slugs import fold

MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
RULE_LINE = re.compile(r"^[-_=.*\s]+$")  # the short rules drawn under the letterhead
NUMBER_LINE = re.compile(r"^Số\s*:\s*(\S+)")
PLACE_DATE = re.compile(r"^[^,]{2,40},\s*ngày\b.*\bnăm\s+\d{4}\s*$")
TITLE_TYPE = re.compile(r"^(KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|CHỈ THỊ|NGHỊ QUYẾT|HƯỚNG DẪN|ĐỀ ÁN)\b\s*(.*)$")
YEAR = re.compile(r"\s+năm\s+\d{4}\b.*$")
PROVINCE = re.compile(r"^(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ)\s+(.+)$")
SIGNATURE_MAX = 4


@dataclass
class Header:
    kind: str
    title: str
    number: str
    place_date: str
    issuer: str
    signer: str
    signature_blocks: int = 2
    letterhead: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _motto(line: str) -> bool:
    folded = " ".join(fold(line.replace("*", "")).replace("–", "-").split())
    return any(folded.startswith(m) or folded.replace(" - ", "-") == m.replace(" - ", "-") for m in MOTTO)


def split_letterhead(blocks: list[str]) -> tuple[list[str], list[str]]:
    """(the blocks without the letterhead, the letterhead's lines); a lone "KẾ HOẠCH" joins its title."""
    start = next((i for i, b in enumerate(blocks) if PREAMBLE.match(b)), len(blocks))
    identity = [line for block in blocks[:start] for line in block.split("\n") if line.strip()]
    kept, letterhead = [], []
    number_seen = any(NUMBER_LINE.match(line) for line in identity)
    for line in identity:
        plain = line.replace("*", "").strip()
        before_number = number_seen and not any(NUMBER_LINE.match(k) for k in kept)
        if _motto(plain) or RULE_LINE.match(plain) or (before_number and plain.isupper() and not NUMBER_LINE.match(plain)
                                                       and not TITLE_TYPE.match(plain)):
            letterhead.append(plain)
        elif kept and TITLE_TYPE.fullmatch(kept[-1].replace("*", "").strip()) and not TITLE_TYPE.match(kept[-1])[2]:
            kept[-1] = f"{kept[-1]} {line}"  # "KẾ HOẠCH" alone, its subject on the next line
        else:
            kept.append(line)
    return kept + blocks[start:], letterhead


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def read_header(blocks: list[str], letterhead: list[str], known: list[dict]) -> Header:
    """The header's facts from the plan's blocks (letterhead already split off); `known`: other plans' headers."""
    notes: list[str] = []
    start = next((i for i, b in enumerate(blocks) if PREAMBLE.match(b)), len(blocks))
    identity = [line.replace("*", "").strip() for block in blocks[:start] for line in block.split("\n")]
    number = next((m[1] for line in identity if (m := NUMBER_LINE.match(line))), None)
    if number is None:
        notes.append("Không thấy dòng \"Số: …\" ở phần đầu: ghi số hiệu vào trường number, như văn bản ghi.")
    place_date = next((line for line in identity if PLACE_DATE.match(line)), None)
    if place_date is None:
        notes.append("Không thấy dòng địa danh, ngày tháng năm (\"…, ngày … tháng … năm …\"): ghi vào place_date.")
    title = _title(identity[-1] if identity else "", notes)
    lines = [line.replace("*", "").strip() for block in blocks for line in block.split("\n")]
    signer = lines[-1] if lines else ""
    closing = next((i for i in range(len(lines) - 1, -1, -1) if CLOSING.match(lines[i])), None)
    listed = [i for i in range(closing or 0, len(lines)) if re.match(r"^([-+•]|Lưu\b)", lines[i])]
    signature = len(lines) - 1 - (listed[-1] if listed else len(lines) - 3)
    blocks_count = signature if 1 <= signature <= SIGNATURE_MAX else 2
    kind = _kind(title, known, notes)
    issuer = _issuer(letterhead, blocks, place_date or "", known, notes)
    return Header(kind=kind, title=title, number=number or "?", place_date=place_date or "?", issuer=issuer,
                  signer=signer, signature_blocks=blocks_count, letterhead=letterhead, notes=notes)


def _title(line: str, notes: list[str]) -> str:
    match = TITLE_TYPE.match(line)
    if not match:
        notes.append(f"Dòng tên Kế hoạch không bắt đầu bằng \"KẾ HOẠCH\": lấy nguyên dòng '{line[:60]}'; kiểm tra trường title.")
        return _sentence_case(line) if line.isupper() else line
    rest = match[2]
    if rest.isupper():
        notes.append("Tên Kế hoạch viết chữ hoa: đã đổi sang chữ thường; kiểm tra chữ hoa của tên riêng trong trường title.")
        rest = rest.lower()
    else:
        rest = rest[:1].lower() + rest[1:]
    return f"{_sentence_case(match[1])} {rest}".strip()


def _kind(title: str, known: list[dict], notes: list[str]) -> str:
    words = set(fold(title).split())
    for header in known:
        if set(fold(header["kind"]).split()) <= words:
            notes.append(f"Loại Kế hoạch (kind) lấy theo Kế hoạch cùng loại đã có ('{header['kind']}'), "
                         "để so sánh với năm trước.")
            return header["kind"]
    kind = re.sub(r"\s*\(.*\)$", "", YEAR.sub("", title))
    notes.append(f"Loại Kế hoạch (kind) '{kind}' suy từ tên; Kế hoạch cùng loại mới được so sánh với nhau.")
    return kind


def _issuer(letterhead: list[str], blocks: list[str], place_date: str, known: list[dict], notes: list[str]) -> str:
    """The issuing body: the letterhead's last body name, as another plan or this text spells it."""
    bodies = [line for line in letterhead if not _motto(line) and not RULE_LINE.match(line)]
    if not bodies:
        if known:
            notes.append(f"Văn bản không có tên cơ quan ở phần đầu: cơ quan ban hành (issuer) lấy theo Kế hoạch "
                         f"đã có ('{known[0]['issuer']}'); kiểm tra lại.")
            return known[0]["issuer"]
        notes.append("Văn bản không có tên cơ quan ở phần đầu: ghi cơ quan ban hành vào trường issuer.")
        return "?"
    body = bodies[-1]
    for header in known:
        if fold(header["issuer"]).startswith(fold(body)):
            notes.append(f"Cơ quan ban hành lấy theo Kế hoạch đã có: '{header['issuer']}' (phần đầu ghi '{body}').")
            return header["issuer"]
    text = "\n".join(blocks)
    folded = fold(text)  # one character for one character: the text is NFC
    at = folded.find(fold(body))
    name = text[at:at + len(body)] if at >= 0 else body
    parent = next((PROVINCE.match(line) for line in bodies[:-1] if PROVINCE.match(line)), None)
    place = place_date.split(",")[0].strip()
    if parent and fold(parent[2]) == fold(place):
        name = f"{name} {parent[1].lower()} {place}"
    notes.append(f"Cơ quan ban hành (issuer) '{name}' đọc từ phần đầu ({' / '.join(bodies)}); kiểm tra chữ hoa, chữ thường.")
    return name
