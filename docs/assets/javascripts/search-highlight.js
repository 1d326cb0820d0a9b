/*
 * The page opened from a search result: marks the words that matched and brings the matched
 * paragraph into view.
 *
 * A result links to "page.html?h=<words>#<paragraph id>" (search/ui.js); the words are those the
 * engine found on the page, as written there. A word written with accents ("Chỉ") is marked where
 * the page has the same accents (the tone mark may sit on either vowel: "khoá", "khóa"); a word
 * without accents ("chi") is marked whatever the accents on the page. A word that occurs nowhere
 * as a whole word is marked as the start of longer words. The words are then taken out of the
 * address, so that a reload or a shared link shows the page plain.
 * Folding and accent keys: assets/javascripts/words.js, shared with the search engine.
 */
(function () {
  "use strict"
  var url = new URL(location.href)
  var query = url.searchParams.get("h")
  if (!query)
    return

  url.searchParams.delete("h")
  history.replaceState(history.state, "", url.href)

  var fold = window.HandbookWords.fold                // assets/javascripts/words.js
  function number(word) {                          // "04" -> "4", as the index does
    return /^\d+$/.test(word) ? word.replace(/^0+(?=\d)/, "") : word
  }
  function accents(word) {
    var key = window.HandbookWords.accentKey(word)
    return key.base + "|" + key.tones
  }

  /* folded word -> {plain: typed without accents somewhere, keys: {accent key: true}} */
  var words = {}
  query.normalize("NFC").split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
    var folded = number(fold(word))
    if (!/^[a-z0-9]+$/.test(folded))
      return
    var entry = words[folded] || (words[folded] = { plain: false, keys: {} })
    if (fold(word) === word.toLowerCase())
      entry.plain = true
    else
      entry.keys[accents(word)] = true
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

  function same(token, text) {
    var entry = words[token[2]]
    return entry.plain || entry.keys[accents(text.slice(token[0], token[1]))] === true
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
    function matches(token, text) {
      if (words[token[2]]) return same(token, text)
      for (var p = 0; p < prefixes.length; p++)
        if (token[2].indexOf(prefixes[p]) === 0) return true
      return false
    }
    found.forEach(function (entry) {
      var node = entry[0], text = node.data, cursor = 0
      var parts = document.createDocumentFragment(), marked = false
      entry[1].forEach(function (token) {
        if (!matches(token, text))
          return
        parts.appendChild(document.createTextNode(text.slice(cursor, token[0])))
        var mark = document.createElement("mark")
        mark.setAttribute("data-hb-found", "")
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
    reveal()
  }

  /* The matched paragraph (the address's target, framed by handbook.css): at the top of the window */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1))
    var target = id && document.getElementById(id)
    if (target)
      target.scrollIntoView({ block: "start" })
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", highlight, { once: true })
  else
    highlight()
})()
