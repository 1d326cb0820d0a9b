/*
 * The handbook's word rules in the browser, written once for every script that compares words:
 * search/engine.js (queries), search-highlight.js (words marked on the opened page) and
 * table-filter.js (the table's text filter). Loaded on every page before them (mkdocs.yml).
 * fold is macros/slugs.py's fold, checked against tests/folding_cases.json (tests/test_folding.py).
 */
(function (root) {
  "use strict"

  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g

  /* Accents off, lower case: "Chỉ thị" -> "chi thi", "QĐ" -> "qd" (đ Đ, and the look-alikes Ð ð, to d) */
  function fold(value) {
    return String(value)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u0111\u0110\u00d0\u00f0]/g, "d")
      .toLowerCase()
  }

  /* A word's accents with the tone mark's place left out: "khoá" and "khóa" give the same key */
  function accentKey(value) {
    var text = String(value).normalize("NFD").toLowerCase()
    var tones = text.match(TONES) || []
    return { base: text.replace(TONES, "").normalize("NFC"), tones: tones.sort().join("") }
  }

  root.HandbookWords = { fold: fold, accentKey: accentKey }
})(typeof window !== "undefined" ? window : globalThis)
