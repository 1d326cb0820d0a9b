"""Vietnamese text as Unicode: plain-text files decoded, legacy font encodings (TCVN3, VNI) detected.

TCVN3 (ABC) and VNI are not character sets but fonts (.VnTime, VNI-Times) that draw Vietnamese
letters in place of Western ones: the file holds "KÕ ho¹ch" or "Keá hoaïch" for "Kế hoạch". No
library kept on PyPI or Debian converts them, so they are detected and the editor is told how to
convert. Windows-1258 has a codec in Python's standard library and is converted.
"""

from __future__ import annotations

import codecs
import unicodedata

from ..errors import DataError

# Letters of Vietnamese that only Unicode has (â ê ô are Latin-1, which legacy fonts reuse): ă đ ơ ư, U+1EA0-U+1EF9
_VIETNAMESE = set("ăđơưĂĐƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
# The Latin-1 letters a Vietnamese Unicode text uses; any other Latin-1 sign inside words is a font code
_LATIN1_VIETNAMESE = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_FONT_CODES = {chr(c) for c in range(0xA1, 0x100)} - _LATIN1_VIETNAMESE - {"×", "÷", "°", "«", "»", "©", "®", "§", "±"}
# TCVN3 draws its tone marks as Latin-1 signs (¸ µ ¶ · ¹ ¨ …); VNI as letters after the base letter
_TCVN3_SIGNS = {chr(c) for c in range(0xA1, 0xC0)}
_CODES = _FONT_CODES | _TCVN3_SIGNS

HOW_TO_CONVERT = ("mở tệp bằng Unikey, Công cụ chuyển mã (Ctrl+Shift+F6): chọn bảng mã nguồn {name}, đích "
                  "Unicode, chuyển rồi lưu lại (Word: lưu thành .docx), sau đó chạy lại lệnh nhập")


def legacy_encoding(text: str) -> str | None:
    """"TCVN3" or "VNI" when the text is Vietnamese in a legacy font encoding, else None."""
    vietnamese = sum(ch in _VIETNAMESE for ch in text)
    codes = [ch for ch in text if ch in _CODES]
    if len(codes) < 3 or len(codes) <= vietnamese:
        return None
    signs = sum(ch in _TCVN3_SIGNS for ch in codes)
    return "TCVN3" if signs * 2 >= len(codes) else "VNI"


def check_unicode(text: str, shown_as: str) -> None:
    """Refuse a text written in a legacy Vietnamese font encoding, saying how to convert it."""
    name = legacy_encoding(text)
    if name:
        label = "TCVN3 (ABC)" if name == "TCVN3" else "VNI"
        raise DataError(shown_as, f"văn bản viết bằng bảng mã cũ {label}, không phải Unicode (ví dụ: "
                        f"'{_sample(text)}')", HOW_TO_CONVERT.format(name=label))


def _sample(text: str) -> str:
    words = [w for w in text.split() if any(ch in _CODES for ch in w)]
    return " ".join(words[:4])


def decode_text(data: bytes, shown_as: str) -> tuple[str, list[str]]:
    """A plain-text file's text (NFC, "\\n" line ends) and notes: UTF-8, UTF-16 or Windows-1258."""
    notes = []
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
        notes.append("Tệp ghi bằng UTF-16 (Unicode của Notepad): đã đọc và ghi lại thành UTF-8.")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _single_byte(data, shown_as)
            notes.append("Tệp ghi bằng bảng mã Windows-1258: đã chuyển sang Unicode (UTF-8); "
                         "đối chiếu vài câu có dấu với bản gốc.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    check_unicode(text, shown_as)
    return text, notes


def _single_byte(data: bytes, shown_as: str) -> str:
    """A file that is not UTF-8: Windows-1258 if it reads as Vietnamese, else a legacy font encoding."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = ""
    if legacy_encoding(text) is None and any(ch in _VIETNAMESE for ch in text):
        return text
    check_unicode(data.decode("latin-1"), shown_as)
    raise DataError(shown_as, "không đọc được bảng mã của tệp (không phải UTF-8, UTF-16 hay Windows-1258)",
                    "mở tệp bằng Notepad hoặc Word, lưu lại với bảng mã UTF-8 rồi chạy lại lệnh nhập")
