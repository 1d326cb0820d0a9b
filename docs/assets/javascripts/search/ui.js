/*
 * The handbook's search box (overrides/partials/search.html): a WAI-ARIA combobox whose listbox
 * shows the answers of window.HandbookSearch (search/engine.js, which this file loads).
 *
 * Keys: "/" anywhere (outside another field) focuses the box; ↑ ↓ choose a result, Enter opens
 * it (the first one when none is chosen), Esc closes the list, a second Esc empties the box.
 * "?q=<words>" in a page's address opens the box with those words (the home page's form).
 * Every text is put in the page as text, never as HTML: a query or a record cannot inject markup.
 * The engine and its index load when the reader first uses the box, not with the page.
 */
(function () {
  "use strict"
  const root = document.querySelector("[data-hb-search]")
  if (!root) return

  const LIMIT = 50
  const KINDS = { document: "Văn bản", section: "Mục Kế hoạch", glossary: "Thuật ngữ" }
  const NOT_STATED = "Kế hoạch không nêu"
  const UNAVAILABLE = "Không tải được bộ tìm kiếm. Hãy tải lại trang; nếu vẫn lỗi, báo người quản trị sổ tay."

  const input = root.querySelector(".hb-search__input")
  const openButton = root.querySelector(".hb-search__open")
  const closeButton = root.querySelector(".hb-search__close")
  const panel = root.querySelector(".hb-search__panel")
  const list = root.querySelector(".hb-search__results")
  const status = root.querySelector(".hb-search__status")
  const planSelect = root.querySelector("select[name=hb-search-plan]")
  const kindRadios = Array.from(root.querySelectorAll("input[name=hb-search-kind]"))
  // The same width as Material's own switch to the phone layout (60em)
  const narrow = window.matchMedia("(max-width: 59.984375em)")

  /* The site's root: this script is <root>/assets/javascripts/search/ui.js */
  const script = document.currentScript
  const base = (script ? script.src : location.href).replace(/\/assets\/javascripts\/search\/ui\.js([?#].*)?$/, "")

  /* A page opened from a result ("?h=<words>", see href) marks the words: search-highlight.js, loaded
   * only on such a page so that no other page's first view carries it */
  const params = new URLSearchParams(location.search)
  if (params.has("h")) {
    const highlighter = document.createElement("script")
    highlighter.src = base + "/assets/javascripts/search-highlight.js"
    document.head.appendChild(highlighter)
  }

  /* The engine (search/engine.js) is loaded by this script when the reader first uses the box, so
   * that a page view does not carry it; a failed load is tried again at the next keystroke */
  let loading = null
  function engine() {
    if (!loading) {
      loading = loadEngine().then(fillPlans)
      loading.catch(function () { loading = null })
    }
    return loading
  }

  /* The engine and the index's manifest load side by side, not one after the other: the engine
   * takes the manifest from init (the query-string stamp keeps a rebuilt site's manifest fresh) */
  function loadEngine() {
    const manifest = window.HandbookSearch ? null : loadScript(base + "/search/manifest.js?v=" + Date.now())
    const engineLoaded = window.HandbookSearch ? Promise.resolve() : loadScript(base + "/assets/javascripts/search/engine.js")
    if (manifest) manifest.catch(function () { /* the engine loads it again itself */ })
    return engineLoaded.then(function () {
      if (!window.HandbookSearch) throw new Error(UNAVAILABLE)
      return Promise.resolve(window.HandbookSearch.init(base + "/", { manifest: manifest }))
    })
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const tag = document.createElement("script")
      tag.src = src
      tag.onload = function () { resolve() }
      tag.onerror = function () { tag.remove(); reject(new Error(UNAVAILABLE)) }
      document.head.appendChild(tag)
    })
  }

  function fillPlans() {
    return Promise.resolve(window.HandbookSearch.plans()).then(function (plans) {
      (plans || []).forEach(function (plan) {
        const option = document.createElement("option")
        option.value = plan.id
        option.textContent = planName(plan)
        planSelect.appendChild(option)
      })
    }, function () { /* the plan filter stays at "Mọi Kế hoạch" */ })
  }

  function planName(plan) {
    const title = plan.title || ""
    return plan.year && title.indexOf(String(plan.year)) < 0 ? title + " (" + plan.year + ")" : title
  }

  /* Elements --------------------------------------------------------------------------------- */

  function element(tag, className, text) {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined && text !== null) node.textContent = String(text)
    return node
  }

  /* Where the most different marked words stand close together: the start of that run of marks */
  function densest(text, ranges) {
    let best = 0, most = 0
    ranges.forEach(function (range, i) {
      const words = new Set()
      for (let j = i; j < ranges.length && ranges[j][0] - range[0] < 80; j++)
        words.add(text.slice(ranges[j][0], ranges[j][1]).toLowerCase())
      if (words.size > most) { best = i; most = words.size }
    })
    return ranges[best][0]
  }

  /* `text` with the engine's ranges in <mark>; a long text starts shortly before its densest run of
   * marks, so that the matched words are within the two lines a phone shows */
  function marked(tag, className, text, marks, whole) {
    const node = element(tag, className)
    text = String(text || "")
    const ranges = (Array.isArray(marks) ? marks : [])
      .filter(function (r) { return Array.isArray(r) && r[0] >= 0 && r[1] > r[0] && r[1] <= text.length })
      .sort(function (a, b) { return a[0] - b[0] })
    let from = 0
    const focus = ranges.length ? densest(text, ranges) : 0
    if (!whole && focus > 60) {
      const space = text.lastIndexOf(" ", focus - 30)
      from = space > 0 ? space + 1 : 0
      if (from) node.appendChild(document.createTextNode("… "))
    }
    let cursor = from
    ranges.forEach(function (range) {
      const start = Math.max(range[0], cursor)
      if (range[1] <= start) return
      node.appendChild(document.createTextNode(text.slice(cursor, start)))
      node.appendChild(element("mark", "", text.slice(start, range[1])))
      cursor = range[1]
    })
    node.appendChild(document.createTextNode(text.slice(cursor)))
    return node
  }

  function href(result) {
    const url = String(result.url || "")
    const hash = url.indexOf("#")
    const path = hash < 0 ? url : url.slice(0, hash)
    const words = Array.isArray(result.words) ? result.words.join(" ") : ""
    return base + "/" + path + (words ? "?h=" + encodeURIComponent(words) : "") + (hash < 0 ? "" : url.slice(hash))
  }

  function documentCard(link, result) {
    link.appendChild(marked("h3", "hb-result__title", result.title || [result.type, result.number].join(" "),
      result.title_marks, true))
    link.appendChild(element("p", "hb-result__kind", KINDS.document))
    if (result.subject) link.appendChild(marked("p", "hb-result__text", result.subject, result.marks, true))
    const facts = element("p", "hb-result__facts")
    facts.appendChild(element("span", "", "Ngày ban hành: " + (result.date || NOT_STATED)))
    facts.appendChild(element("span", "", "Cơ quan ban hành: " + (result.issuer || NOT_STATED)))
    link.appendChild(facts)
    link.appendChild(element("p", "hb-result__status", "Hiện trạng: " + (result.status || "Chưa kiểm tra")))
    const citing = Number(result.plans_citing) || 0
    link.appendChild(element("p", "hb-result__citing",
      citing ? "Được " + citing + " Kế hoạch viện dẫn" : "Chưa Kế hoạch nào viện dẫn"))
  }

  function sectionCard(link, result) {
    const title = result.title || [result.section_number, result.section_title].filter(Boolean).join(". ")
    link.appendChild(marked("h3", "hb-result__title", title, result.title_marks, true))
    const plan = result.plan ? planName(result.plan) : ""
    link.appendChild(element("p", "hb-result__kind", plan ? KINDS.section + " · " + plan : KINDS.section))
    if (result.paragraph) link.appendChild(marked("p", "hb-result__text hb-result__text--clamped", result.paragraph, result.marks))
  }

  function glossaryCard(link, result) {
    link.appendChild(marked("h3", "hb-result__title", result.title || result.term, result.title_marks, true))
    link.appendChild(element("p", "hb-result__kind", KINDS.glossary))
    if (result.definition) link.appendChild(marked("p", "hb-result__text hb-result__text--clamped", result.definition, result.marks))
  }

  /* Each result is its link, in the role of an option: an option's content is presentational, so
   * a link inside an option would be an interactive control hidden in another (axe nested-interactive) */
  function option(result, index) {
    const item = element("li", "hb-result hb-result--" + result.kind)
    item.setAttribute("role", "none")
    const link = element("a", "hb-result__link")
    link.id = "hb-search-option-" + index
    link.setAttribute("role", "option")
    link.setAttribute("aria-selected", "false")
    link.href = href(result)
    link.tabIndex = -1                 // the list is walked with the arrow keys from the box
    const fill = { document: documentCard, section: sectionCard, glossary: glossaryCard }[result.kind] || glossaryCard
    fill(link, result)
    item.appendChild(link)
    return item
  }

  /* State ------------------------------------------------------------------------------------ */

  let serial = 0
  let active = -1
  // The cards of the query `serial` in the list (show)
  const NOTHING_DRAWN = Object.freeze({ serial: -1, count: 0, later: false, results: [] })
  let drawn = NOTHING_DRAWN

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"))
  }

  function setActive(index) {
    const items = options()
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false")
    active = items.length ? index : -1
    if (active < 0) {
      input.removeAttribute("aria-activedescendant")
      return
    }
    items[active].setAttribute("aria-selected", "true")
    input.setAttribute("aria-activedescendant", items[active].id)
    items[active].scrollIntoView({ block: "nearest" })
  }

  function settle(state, text) {
    root.setAttribute("data-state", state)
    root.setAttribute("data-query", text)
  }

  /* The combobox is expanded while its listbox shows results */
  function syncExpanded() {
    input.setAttribute("aria-expanded", String(!panel.hidden && !list.hidden))
  }

  function clearResults() {
    drawn = NOTHING_DRAWN         // a later batch of cards for the list cleared is not added
    setActive(-1)
    list.replaceChildren()
    list.hidden = true
    syncExpanded()
  }

  /* An answer's cards, drawn as they come: the engine hands over the first results while the cards of
   * the others load (`complete` false), then the whole answer. The first cards (what a screen shows)
   * are built at once, the rest once those are painted; the answer is "done" when every card is in */
  function show(answer, text, complete) {
    const results = Array.isArray(answer && answer.results) ? answer.results : []
    const total = Math.max(Number(answer && answer.total) || 0, results.length)
    const mine = serial
    if (drawn.serial !== mine) {
      clearResults()
      drawn = { serial: mine, count: 0, later: false, results: [], text: text }
      root.classList.remove("hb-search--failed")
    }
    drawn.results = results
    drawn.complete = complete
    status.textContent = total === 0 ? "Không có kết quả"
      : total > LIMIT ? total + " kết quả, hiện " + LIMIT + " kết quả đầu"
        : total + " kết quả"
    // the first screen's cards (the engine's first results) are built before the first paint, the rest after
    const first = window.HandbookSearch.first
    if (drawn.count < first) append(first)
    list.hidden = drawn.count === 0
    syncExpanded()
    if (drawn.count < results.length && !drawn.later) {
      drawn.later = true
      requestAnimationFrame(function () { setTimeout(function () { if (drawn.serial === mine) append(Infinity) }) })
    }
    if (complete && drawn.count === results.length) settle("done", text)
  }

  /* Adds the cards not yet drawn, up to `upTo` in all */
  function append(upTo) {
    const next = drawn.results.slice(drawn.count, upTo)
    list.append.apply(list, next.map(function (result, i) { return option(result, drawn.count + i) }))
    drawn.count += next.length
    drawn.later = false
    if (drawn.complete && drawn.count === drawn.results.length) settle("done", drawn.text)
  }

  function fail(error, text) {
    clearResults()
    root.classList.add("hb-search--failed")
    status.textContent = (error && error.message) || UNAVAILABLE
    settle("failed", text)
  }

  function filters() {
    const kind = kindRadios.find(function (radio) { return radio.checked })
    return { kind: (kind && kind.value) || null, plan: planSelect.value || null, limit: LIMIT }
  }

  function search() {
    const text = input.value
    const mine = ++serial
    if (!text.trim()) {
      clearResults()
      status.textContent = ""
      settle("done", text)
      engine().catch(function () { /* told when the reader types */ })
      return
    }
    settle("busy", text)
    const asked = filters()
    asked.progress = function (first) { if (mine === serial) show(first, text, false) }
    engine()
      .then(function () { return window.HandbookSearch.query(text, asked) })
      .then(function (answer) { if (mine === serial) show(answer, text, true) },
        function (error) { if (mine === serial) fail(error, text) })
  }

  /* Opening and closing ---------------------------------------------------------------------- */

  function expand(open) {
    panel.hidden = !open
    root.classList.toggle("hb-search--expanded", open)
    syncExpanded()
  }

  function openBox() {
    root.classList.add("hb-search--open")
    openButton.setAttribute("aria-expanded", "true")
    document.documentElement.classList.toggle("hb-search-locked", narrow.matches)
    expand(true)
  }

  function closeBox() {
    const wasOpen = root.classList.contains("hb-search--open")
    root.classList.remove("hb-search--open")
    openButton.setAttribute("aria-expanded", "false")
    document.documentElement.classList.remove("hb-search-locked")
    setActive(-1)
    expand(false)
    if (wasOpen && narrow.matches && root.contains(document.activeElement)) openButton.focus()
  }

  function focusBox() {
    openBox()
    input.focus()
    input.select()
  }

  function go(index) {
    const item = options()[index]
    if (item) location.href = item.href
  }

  input.addEventListener("focus", function () {
    openBox()
    engine().then(function () { return window.HandbookSearch.preload && window.HandbookSearch.preload() })
      .catch(function () { /* told when the reader types */ })
  })
  input.addEventListener("input", function () {
    openBox()
    search()
  })
  input.addEventListener("keydown", function (event) {
    const count = options().length
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault()
        if (panel.hidden) openBox()
        if (count) setActive(event.key === "ArrowDown" ? (active + 1) % count : (active <= 0 ? count : active) - 1)
        break
      case "Enter":
        event.preventDefault()
        go(active >= 0 ? active : 0)
        break
      case "Escape":
        event.preventDefault()
        if (!panel.hidden) {
          closeBox()
        } else if (input.value) {
          input.value = ""
          search()
        }
        break
      default:
        break
    }
  })
  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault() })
  kindRadios.concat([planSelect]).forEach(function (control) { control.addEventListener("change", search) })
  openButton.addEventListener("click", focusBox)
  closeButton.addEventListener("click", closeBox)
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeBox(); input.focus() }
  })

  /* Leaving the box closes it: by the keyboard (focus moves out) or the pointer (a press outside) */
  root.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) closeBox()
  })
  document.addEventListener("pointerdown", function (event) {
    if (!root.contains(event.target)) closeBox()
  })

  /* "/" focuses the box, unless the reader is typing in a field */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
    const target = event.target
    if (target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return
    event.preventDefault()
    focusBox()
  })

  root.hidden = false
  expand(false)
  settle("done", "")
  const asked = params.get("q")
  if (asked) {
    input.value = asked.slice(0, input.maxLength)
    focusBox()
    search()
  }
})()
