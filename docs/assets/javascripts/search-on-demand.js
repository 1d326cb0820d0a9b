// Load the search index when the reader starts a search, not with every page view:
// with thousands of documents the index weighs megabytes, and most page views never search.
// Material asks for the index as soon as a page loads: over HTTP with an XMLHttpRequest for
// search/search_index.json, from a folder (file://) with a <script> for search/search_index.js.
// Both are held back until the search box gets focus (click, "/" or "s", the search button) or
// the page was opened from a shared search link (?q=). Loaded before Material's bundle.
(function () {
  "use strict"
  var INDEX = /(^|\/)search\/search_index\.js(on)?([?#].*)?$/
  var held = []
  var released = false

  function release() {
    if (released) return
    released = true
    held.splice(0).forEach(function (run) { run() })
  }

  function whenReleased(run) {
    if (released) run()
    else held.push(run)
  }

  // HTTP: Material fetches search_index.json with XMLHttpRequest
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndexRequest = INDEX.test(String(url))
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this
    var body = arguments
    if (!request.searchIndexRequest) return send.apply(request, body)
    whenReleased(function () { send.apply(request, body) })
  }

  // file://: Material appends <script src="search/search_index.js"> to the head. The index made
  // at build time (search/ready_index.js, README "Tìm kiếm") is loaded with it, and run before it,
  // so it is on the page when the search worker (an iframe here) starts; the worker reads it
  // there. Over HTTP the worker fetches search/ready_index.json itself.
  var appendChild = Node.prototype.appendChild
  Node.prototype.appendChild = function (child) {
    if (child && child.tagName === "SCRIPT" && INDEX.test(child.getAttribute("src") || "")) {
      var parent = this
      whenReleased(function () {
        var ready = document.createElement("script")
        ready.src = child.getAttribute("src").replace(/search_index\.js/, "ready_index.js")
        ready.async = child.async = false             // run in the order appended
        appendChild.call(parent, ready)
        appendChild.call(parent, child)
      })
      return child
    }
    return appendChild.apply(this, arguments)
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target
    if (target && target.matches && target.matches("input.md-search__input")) release()
  }, true)
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release()
  }, true)
  if (/[?&]q=/.test(location.search)) release()

  // Shown while the index loads; Material's Vietnamese translation leaves this line in English
  document.addEventListener("DOMContentLoaded", function () {
    var meta = document.querySelector(".md-search-result__meta")
    if (meta && meta.textContent.trim() === "Initializing search")
      meta.textContent = "Đang chuẩn bị tìm kiếm…"
  })
})()
