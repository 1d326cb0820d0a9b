"""A synthetic handbook of N documents and P plans in the project's real schema: test data, never published.

The synthetic project is the real one plus a part "V" appended to the plan, whose pages cite
N - 25 generated documents (with relations between them). Everything real stays valid, so every
view of the real site is built too, at scale. With P plans, plans 2..P are copies of the fictional
test plan (tests/fixtures/plans/, never published), numbered and dated 2023, 2024, …
Deterministic: the same N and P give the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from helpers import add_test_plan, copy_project

DOCUMENTS_PER_PAGE = 100
DOCUMENTS_PER_PARAGRAPH = 10

TYPES = [  # (type, number code, issuer, system, level)
    ("Quyết định", "QĐ-UBND", "UBND tỉnh", "Nhà nước", "Tỉnh"),
    ("Chỉ thị", "CT-TTg", "Thủ tướng Chính phủ", "Nhà nước", "Trung ương"),
    ("Nghị quyết", "NQ/TU", "Tỉnh ủy", "Đảng", "Tỉnh"),
    ("Kết luận", "KL/TW", "Ban Bí thư", "Đảng", "Trung ương"),
    ("Kế hoạch", "KH-UBND", "UBND tỉnh", "Nhà nước", "Tỉnh"),
    ("Nghị định", "NĐ-CP", "Chính phủ", "Nhà nước", "Trung ương"),
    ("Công văn", "UBND-VX", "UBND tỉnh", "Nhà nước", "Tỉnh"),
]
WORDS = [  # words of the subjects (trích yếu) of synthetic documents
    "tăng", "cường", "đổi", "mới", "công", "tác", "dân", "vận", "chính", "quyền", "cơ", "sở", "phát", "huy",
    "dân", "chủ", "giám", "sát", "phản", "biện", "xã", "hội", "cải", "cách", "hành", "chính", "một", "cửa", "kỷ",
    "luật", "kỷ", "cương", "văn", "hóa", "thể", "thao", "du", "lịch", "đồng", "bào", "dân", "tộc", "thiểu", "số",
    "nông", "thôn", "mới", "thi", "đua", "yêu", "nước", "học", "tập", "làm", "theo", "tư", "tưởng", "đạo", "đức",
    "phong", "cách"
]


def _subject(rng: random.Random) -> str:
    return "về việc " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))


def synthetic_documents(count: int, seed: int = 2022) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(count):
        type_, code, issuer, system, level = TYPES[i % len(TYPES)]
        year = rng.randint(1998, 2021)
        number = f"{1000 + i}/{year}/{code}"
        record = {
            "id": f"tu-lieu-{i + 1:05d}", "type": type_, "number": number, "issuer": issuer,
            "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "term": None, "subject": _subject(rng), "system": system, "level": level,
        }
        if i % 9 == 4:  # some numbers are also written with a stray space, as the real plan does
            record["spellings"] = [number, number.replace("-", "- ", 1) if "-" in number else number]
            record["spellings"] = sorted(set(record["spellings"]))
        if i >= 10 and i % 3 == 0:
            record["implements"] = [f"tu-lieu-{i // 2 + 1:05d}"]
        records.append(record)
    return records


def _citations(record: dict) -> list[str]:
    """One citation per spelling, so that each catalogued spelling occurs in the plan."""
    return [_citation(record, spelling) for spelling in record.get("spellings", [record["number"]])]


def _citation(record: dict, spelling: str) -> str:
    day = "/".join(reversed(record["date"].split("-")))
    return f"{record['type']} số {spelling} ngày {day} của {record['issuer']} {record['subject']}"


def write_project(destination: Path, count: int, plans: int = 1) -> Path:
    """Copy the project to `destination`, grow its catalogue to `count` documents and add `plans` - 1
    copies of the fictional test plan."""
    copy_project(destination)
    if plans > 1:
        add_test_plan(destination)
    for year in range(2024, 2024 + plans - 2):
        add_test_plan(destination, f"thu-nghiem-{year}", year)
    data = destination / "data"
    real = yaml.safe_load((data / "documents.yml").read_text(encoding="utf-8"))["documents"]
    extra = synthetic_documents(max(0, count - len(real)))
    with (data / "documents.yml").open("w", encoding="utf-8") as out:
        yaml.safe_dump({"documents": real + extra}, out, allow_unicode=True, sort_keys=False, width=1000)

    # The extra documents are cited in a part "V" added to the 2022 plan; the automatic cut gives
    # it a page and one page per group of documents ("1.", "2." …)
    header = yaml.safe_load((data / "plans" / "dan-van-2022.yml").read_text(encoding="utf-8"))
    source_path = data / "plans" / header["source"]
    text = source_path.read_text(encoding="utf-8")
    closing = text.index("Nơi nhận:")
    blocks = ["V. Văn bản tham khảo bổ sung (dữ liệu thử)"]
    for page_number, first in enumerate(range(0, len(extra), DOCUMENTS_PER_PAGE), start=1):
        blocks.append(f"{page_number}. Nhóm văn bản tham khảo số {page_number}")
        group = extra[first:first + DOCUMENTS_PER_PAGE]
        for start in range(0, len(group), DOCUMENTS_PER_PARAGRAPH):
            cited = "; ".join(c for r in group[start:start + DOCUMENTS_PER_PARAGRAPH] for c in _citations(r))
            blocks.append(f"- Tiếp tục quán triệt và triển khai {cited}.")
    source_path.write_text(text[:closing] + "\n\n".join(blocks) + "\n\n" + text[closing:], encoding="utf-8")
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description="Tạo một sổ tay thử với N văn bản và P Kế hoạch.")
    parser.add_argument("count", type=int)
    parser.add_argument("destination", type=Path)
    parser.add_argument("--plans", type=int, default=1, help="số Kế hoạch (bản sao của Kế hoạch thử nghiệm)")
    args = parser.parse_args()
    write_project(args.destination, args.count, args.plans)


if __name__ == "__main__":
    main()
