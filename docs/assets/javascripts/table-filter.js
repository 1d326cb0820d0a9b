/* Sort and filter the table of documents on "Tra cứu → Bảng tra văn bản".
 *
 * Progressive enhancement: the page ships a complete plain table and a hidden filter form
 * (its options are generated from data/documents.yml at build time). This script shows the form,
 * puts a sort button in every header cell (aria-sort tells the state) and hides the rows that do
 * not match. Nothing is fetched; without JavaScript the table simply stays whole.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  var NOT_STATED = "Kế hoạch không nêu";

  /* Accent folding, as in search ("Đảng" -> "dang"): assets/javascripts/words.js */
  var fold = window.HandbookWords.fold;

  function cellText(cell) {
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /* The value a column sorts by: a date's ISO form, else the cell's text ("" when not stated). */
  function sortKey(cell) {
    var time = cell && cell.querySelector("time[datetime]");
    if (time) return time.getAttribute("datetime");
    var text = cellText(cell);
    return text === NOT_STATED ? "" : text;
  }

  function yearOf(cell) {
    var time = cell && cell.querySelector("time[datetime]");
    return time ? time.getAttribute("datetime").slice(0, 4) : NOT_STATED;
  }

  function enhance(root) {
    var table = root.querySelector("table");
    var form = root.querySelector("form[data-hb-filters]");
    if (!table || !form || table.hasAttribute("data-hb-enhanced")) return;
    table.setAttribute("data-hb-enhanced", "");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var status = form.querySelector("[role=status]");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var ka = sortKey(a.cells[column]), kb = sortKey(b.cells[column]);
          if (!ka || !kb) return ka ? -1 : kb ? 1 : 0; /* "not stated" always last */
          var order = collator.compare(ka, kb);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var text = form.querySelector("input[data-text]");
    /* Words split where the build splits them (macros/slugs.py WORD_SEPARATOR, in the form's attribute) */
    var separator = new RegExp(form.getAttribute("data-word-separator"));

    function wordsOf(value) {
      return fold(value).split(separator).filter(Boolean);
    }

    /* A row's words, read once: the rows never change, only their order */
    var read = new Map();
    function rowWordsOf(row) {
      if (!read.has(row)) read.set(row, wordsOf(cellText(row)));
      return read.get(row);
    }

    /* A typed number matches a whole number of the row ("16" is not in "18/CT-UBND" or "2016"); other
     * words match the start of a word ("chi th", "nd-cp") */
    function matches(rowWords, word) {
      var whole = /^[0-9]+$/.test(word);
      return rowWords.some(function (rowWord) {
        return whole ? rowWord === word : rowWord.indexOf(word) === 0;
      });
    }

    function apply() {
      var words = wordsOf(text.value);
      var shown = 0;
      rows.forEach(function (row) {
        var match = selects.every(function (select) {
          if (!select.value) return true;
          if (select.hasAttribute("data-year-column")) {
            return yearOf(row.cells[+select.getAttribute("data-year-column")]) === select.value;
          }
          var cell = cellText(row.cells[+select.getAttribute("data-column")]);
          /* A cell that lists several values ("2023, 2022") matches any one of them */
          return select.hasAttribute("data-several")
            ? cell.split(/,\s*/).indexOf(select.value) >= 0
            : cell === select.value;
        });
        if (match && words.length) {
          var rowWords = rowWordsOf(row);
          match = words.every(function (word) { return matches(rowWords, word); });
        }
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shown === rows.length
        ? "Đang hiện cả " + rows.length + " văn bản."
        : "Đang hiện " + shown + " trên " + rows.length + " văn bản.";
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hb-browse]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
