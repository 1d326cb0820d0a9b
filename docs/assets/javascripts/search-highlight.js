/*
 * On-page highlighting of search words, accent-insensitive: readers type without
 * diacritics ("chi thi") and expect the words as written ("Chỉ thị") to be marked.
 *
 * A search result links to its page with "?h=<words>" (Material's search.highlight).
 * Material marks those words only where they are spelled exactly as given, and the
 * words it passes are folded ("chi thi 16"), so it would mark almost nothing. This
 * script takes the words out of the address before Material's highlighter reads it
 * (this file runs before DOMContentLoaded, Material's highlighter after it), then marks,
 * in the page content, every word whose folded form is one of them ("Chỉ", "thị",
 * "16"); a word that occurs nowhere as a whole word is matched as a prefix.
 * Marks are Material's own (<mark data-md-highlight>), so they look the same.
 * Folding is the one of overrides/assets/javascripts/lunr/min/lunr.vi.min.js (and of
 * table-filter.js and macros/slugs.py), checked against tests/folding_cases.json.
 */
(function () {
  "use strict"
  var url = new URL(location.href)
  var query = url.searchParams.get("h")
  if (!query || typeof String.prototype.normalize !== "function")
    return

  /* Take the words out of the address, so that Material does not highlight them too */
  url.searchParams.delete("h")
  history.replaceState(history.state, "", url.href)

  /* "Chỉ thị" -> "chi thi", "QĐ" -> "qd" (đ Đ, and the look-alikes Ð ð, fold to d) */
  function fold(value) {
    return String(value)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u0111\u0110\u00d0\u00f0]/g, "d")
      .toLowerCase()
  }
  function number(word) {                          // "04" -> "4", as the index does
    return /^\d+$/.test(word) ? word.replace(/^0+(?=\d)/, "") : word
  }

  var words = {}
  fold(query).split(/[^a-z0-9]+/).forEach(function (word) {
    if (word) words[number(word)] = true
  })

  /* Words of a text node: [start, end, folded word] over the original characters */
  function tokens(text) {
    var result = [], start = -1, folded = ""
    for (var i = 0; i <= text.length; i++) {
      var f = i < text.length ? fold(text.charAt(i)) : " "
      var letter = /^[a-z0-9]$/.test(f)
      if (f === "" && start >= 0)                    // a combining mark inside a word
        continue
      if (letter) {
        if (start < 0) { start = i; folded = "" }
        folded += f
      } else if (start >= 0) {
        result.push([start, i, number(folded)])
        start = -1
      }
    }
    return result
  }

  function textNodes(root) {
    var nodes = []
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement
        if (!parent || !parent.offsetHeight || parent.closest("mark, script, style, .headerlink"))
          return NodeFilter.FILTER_REJECT
        return /\S/.test(node.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT
      }
    })
    for (var node = walker.nextNode(); node; node = walker.nextNode())
      nodes.push(node)
    return nodes
  }

  function highlight() {
    var root = document.querySelector("article.md-content__inner")
    if (!root)
      return
    var found = []
    var whole = {}
    textNodes(root).forEach(function (node) {
      var list = tokens(node.data)
      list.forEach(function (token) { if (words[token[2]]) whole[token[2]] = true })
      found.push([node, list])
    })
    var prefixes = Object.keys(words).filter(function (word) { return !whole[word] })
    function matches(word) {
      if (words[word]) return true
      for (var p = 0; p < prefixes.length; p++)
        if (word.indexOf(prefixes[p]) === 0) return true
      return false
    }
    found.forEach(function (entry) {
      var node = entry[0], text = node.data, cursor = 0
      var parts = document.createDocumentFragment(), marked = false
      entry[1].forEach(function (token) {
        if (!matches(token[2]))
          return
        parts.appendChild(document.createTextNode(text.slice(cursor, token[0])))
        var mark = document.createElement("mark")
        mark.setAttribute("data-md-highlight", "")
        mark.textContent = text.slice(token[0], token[1])
        parts.appendChild(mark)
        cursor = token[1]
        marked = true
      })
      if (!marked)
        return
      parts.appendChild(document.createTextNode(text.slice(cursor)))
      node.parentNode.replaceChild(parts, node)
    })
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", highlight, { once: true })
  else
    highlight()
})()

/*
 * A result whose page matched only in its sections links to the page with an empty "?h="
 * (Material). Give such links the words as typed, so the page opened from them is marked too.
 */
;(function () {
  "use strict"
  var list = document.querySelector(".md-search-result__list")
  var box = document.querySelector("input.md-search__input")
  if (!list || !box || typeof MutationObserver !== "function")
    return
  new MutationObserver(function () {
    var words = box.value.trim()
    if (!words)
      return
    var encoded = encodeURIComponent(words).replace(/%20/g, "+")
    list.querySelectorAll("a[href*='h=']").forEach(function (link) {
      var href = link.getAttribute("href")
      var filled = href.replace(/([?&]h=)(?=&|#|$)/, "$1" + encoded)
      if (filled !== href)
        link.setAttribute("href", filled)
    })
  }).observe(list, { childList: true, subtree: true })
})()
