/*
 * The handbook's search engine: answers queries from the index the build writes into search/
 * (macros/search/). No dependency: no Material, no worker, no fetch (every file is a script, so
 * search works from file:// too). API: window.HandbookSearch (init, preload, query, plans); the
 * index format and the Result fields are described in README, "Tìm kiếm".
 */
(function () {
  "use strict"

  var VERSION = "1"
  var FORMAT = 3              // of the index (macros/search/index.py)
  var LOAD_ERROR = "Không tải được một phần chỉ mục tìm kiếm. Hãy tải lại trang; nếu vẫn lỗi, báo người quản trị sổ tay."
  var NOT_READY = "Tìm kiếm chưa được khởi động."
  var MAX_WORDS = 32          // a pasted paragraph is searched by its first words
  var MAX_TEXT = 400
  var MIN_PREFIX = 2          // the word being typed completes from 2 characters on
  var COMPLETION = 0.6        // a completion of the word being typed counts less than the word itself
  var OTHER_ACCENT = 0.3      // accents typed: a word written with other accents counts less
  var PAIR = 0.5              // words next to each other, in the order typed: up to half more
  var FIRST = 10              // the results a screen shows: their cards are fetched first
  var fold = window.HandbookWords.fold                // assets/javascripts/words.js, loaded on every page
  var keys = new Map()         // written word -> its accent key: asked for every word of every card shown
  var accentKey = function (written) {
    var key = keys.get(written)
    if (!key) {
      if (keys.size > 50000) keys.clear()
      keys.set(written, key = window.HandbookWords.accentKey(written))
    }
    return key
  }
  var EDGES = /^[^a-z0-9*]+|[^a-z0-9*]+$/g
  var NUMBER = /^[0-9]+\*?$/
  var ZEROS = /^0+(?=[0-9])/

  var root = null
  var manifest = null         // Promise of the manifest
  var shards = new Map()      // name -> Promise of its data
  var arrived = new Map()     // name -> data registered by a shard script
  var decoded = new Map()     // "term|variant" -> [records, positions lists]
  var matched = new Map()     // a word typed in full -> its match: kept while the next words are typed

  /* A word as indexed: folded, punctuation off both edges, leading zeros off a number (tokens.py) */
  function term(value) {
    var folded = fold(value).replace(EDGES, "")
    return NUMBER.test(folded) ? folded.replace(ZEROS, "") : folded
  }

  /* The word as written, lower case, if it has accents; "" if not (tokens.py variant) */
  function variant(value) {
    var lower = String(value).normalize("NFC").toLowerCase()
    var trim = edges(lower)
    lower = lower.slice(trim[0], lower.length - trim[1])
    return fold(lower) === lower ? "" : lower
  }

  /* How many characters that are neither letters nor digits a word starts and ends with. Most words
     start and end with a Latin letter or digit: they are answered without the Unicode classes, whose
     first use costs milliseconds */
  var PLAIN = /[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]/
  var LEAD = /^[^\p{L}\p{N}]+/u
  var TAIL = /[^\p{L}\p{N}]+$/u
  function edges(word) {
    var lead = PLAIN.test(word.charAt(0)) ? 0 : (word.match(LEAD) || [""])[0].length
    var tail = lead === word.length || PLAIN.test(word.charAt(word.length - 1)) ? 0 : (word.match(TAIL) || [""])[0].length
    return [lead, tail]
  }

  /* As index.py's shard_key: the first characters; the words of one character share one shard */
  function shardKey(word, length) {
    var chars = Array.from(word)
    if (chars.length === 1) return "_".repeat(length)
    chars = chars.slice(0, length)
    while (chars.length < length) chars.push("_")
    return chars.map(function (c) { return /[a-z0-9]/.test(c) ? c : "_" }).join("")
  }

  function failure() { return new Error(LOAD_ERROR) }

  /* Run search/<name>.js by a <script> tag; it hands its data to __handbookSearchShard. What a query
     waits for is fetched before what can come `later` (the cards of results below the first screen) */
  function loadScript(name, id, later) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = root + "search/" + name + ".js" + (id ? "?v=" + id : "")
      script.async = true
      script.fetchPriority = later ? "low" : "high"
      script.onload = function () {
        script.remove()
        resolve()
      }
      script.onerror = function () {
        script.remove()
        reject(failure())
      }
      document.head.appendChild(script)
    })
  }

  window.__handbookSearchShard = function (name, data) { arrived.set(String(name), data) }

  /* `arriving`: the manifest script already on its way (init's options.manifest, a Promise) */
  function loadManifest(arriving) {
    if (!manifest) {
      if (root === null) return Promise.reject(new Error(NOT_READY))
      manifest = (arriving || loadScript("manifest", String(Date.now()))).then(function () {
        var found = window.__handbookSearchManifest
        if (!found || found.format !== FORMAT || !Array.isArray(found.shards)) throw failure()
        found.split = new RegExp(found.separator, "g")
        found.known = new Set(found.shards)
        // A small index comes whole, inside the manifest
        if (found.whole) {
          if (!isObject(found.parts)) throw failure()
          Object.keys(found.parts).forEach(function (name) { arrived.set(name, found.parts[name]) })
          delete found.parts
        } else {
          startup(found)        // on their way with the manifest
        }
        return found
      })
      manifest.catch(function () { manifest = null })  // a later query tries again
    }
    return manifest
  }

  function shard(name, index, check, later) {
    if (!shards.has(name)) {
      var loading = index.whole && arrived.has(name) ? Promise.resolve() : loadScript(name, index.id, later)
      var promise = loading.then(function () {
        var data = arrived.get(name)
        arrived.delete(name)
        if (!data || !check(data)) throw failure()
        return data
      })
      promise.catch(function () { shards.delete(name) })
      shards.set(name, promise)
    }
    return shards.get(name)
  }

  function isObject(data) { return typeof data === "object" && !Array.isArray(data) }

  /* What every query needs (the records), and the words of one character, which every word typed starts as */
  function startup(index) {
    var single = shardKey("_", index.keylen)
    if (index.known.has(single)) shard("t-" + single, index, isObject).catch(function () {})
    return recordsOf(index)
  }

  function recordsOf(index) {
    return shard("records", index, function (data) {
      return isObject(data) && Array.isArray(data.group) && data.group.length === index.records
    })
  }

  function kindOf(records, r) {
    var kinds = records.kinds
    for (var kind in kinds) if (r >= kinds[kind][0] && r < kinds[kind][1]) return kind
    return null
  }

  /* The words of a query: term, accents as typed, whether it is being typed (completed as a prefix) */
  function parse(text, index) {
    var typed = String(text == null ? "" : text).slice(0, MAX_TEXT).normalize("NFC")
    var pieces = typed.split(index.split)
    var open = pieces.length > 0 && pieces[pieces.length - 1] !== ""
    var words = [], seen = new Set()
    pieces.forEach(function (piece, i) {
      var word = term(piece)
      if (!word || seen.has(word) || words.length >= MAX_WORDS) return
      seen.add(word)
      words.push({
        term: word, key: accentKey(variant(piece) || word),
        prefix: open && i === pieces.length - 1 && Array.from(word).length >= MIN_PREFIX,
      })
    })
    // Accents typed in any word: every word is compared as written ("Minh" is not "mình")
    var accented = words.some(function (w) { return fold(w.key.base) !== w.key.base || w.key.tones })
    words.forEach(function (w) { w.accented = accented })
    return words
  }

  /* Postings of one variant of a term: records and how much the word counts in each, decoded once;
     each record's positions are read only when needed (the proximity bonus) */
  function postings(word, variantIndex, entry) {
    var id = word + "|" + entry[variantIndex]
    var found = decoded.get(id)
    if (found) return found
    var text = entry[variantIndex + 1]
    var items = text ? text.split(";") : []
    var ids = new Int32Array(items.length), impacts = new Float64Array(items.length), record = 0
    for (var i = 0; i < items.length; i++) {
      var item = items[i], first = item.indexOf(","), second = item.indexOf(",", first + 1)
      record += +item.slice(0, first)
      ids[i] = record
      impacts[i] = +item.slice(first + 1, second < 0 ? item.length : second) / 100
      items[i] = second < 0 ? "" : item.slice(second + 1)
    }
    found = [ids, impacts, items]
    decoded.set(id, found)
    return found
  }

  /* The positions of the i-th record of some postings, read once */
  function positionsOf(found, i) {
    var item = found[2][i]
    if (typeof item === "string") {
      var at = 0
      found[2][i] = item = item ? item.split(",").map(function (step) { return at += +step }) : []
    }
    return item
  }

  /* How a written form found in the index compares with the word as typed: 1 same accents (or none typed) */
  function accentFactor(word, written, indexed, complete) {
    if (!word.accented) return 1
    var key = accentKey(written || indexed)
    if (complete) return key.base === word.key.base && key.tones === word.key.tones ? 1 : OTHER_ACCENT
    // the word being typed: its letters so far, and its tone once typed
    return key.base.startsWith(word.key.base) && (!word.key.tones || key.tones === word.key.tones) ? 1 : OTHER_ACCENT
  }

  /* Every indexed (term, variant) a query word reaches, with its weight */
  function expansions(word, data) {
    var found = []
    var add = function (name, factor) {
      var entry = data[name]
      if (!Array.isArray(entry)) return
      for (var v = 0; v < entry.length; v += 2)
        found.push({ term: name, entry: entry, at: v, weight: factor * accentFactor(word, entry[v], name, name === word.term) })
    }
    add(word.term, 1)
    if (word.prefix) {
      for (var name in data) if (name !== word.term && name.startsWith(word.term)) add(name, COMPLETION)
    }
    return found
  }

  /* Per query word: record -> {score, positions}; the best reach of the word in each record */
  function match(list, only) {
    var byRecord = new Map()
    list.forEach(function (x) {
      var found = postings(x.term, x.at, x.entry)
      for (var i = 0; i < found[0].length; i++) {
        var r = found[0][i]
        if (only && !only.has(r)) continue
        var score = x.weight * found[1][i]
        var best = byRecord.get(r)
        if (!best || score > best.score) byRecord.set(r, { score: score, found: found, at: i })
      }
    })
    return byRecord
  }

  function idf(total, count) {
    return Math.log(1 + (total - count + 0.5) / (count + 0.5))
  }

  /* Words next to each other in the order typed (within 3 words, in one field) */
  function proximity(matches, r, span) {
    var bonus = 0
    for (var i = 0; i + 1 < matches.length; i++) {
      var a = matches[i].get(r), b = matches[i + 1].get(r)
      if (!a || !b) continue
      var p = positionsOf(a.found, a.at)
      var q = positionsOf(b.found, b.at)
      var gap = Infinity
      for (var x = 0, y = 0; x < p.length && y < q.length;) {
        if (q[y] <= p[x]) { y++; continue }
        if (q[y] - p[x] < gap && Math.floor(p[x] / span) === Math.floor(q[y] / span)) gap = q[y] - p[x]
        x++
      }
      if (gap <= 3) bonus += (gap === 1 ? 1 : 0.5) * Math.min(a.weighted, b.weighted)
    }
    return bonus
  }

  /* Every word found ranks above fewer words found */
  function coverage(found, words) {
    return found === words ? 1 : 0.25 * found / words
  }

  function keep(records, options) {
    var range = options.kind ? records.kinds[options.kind] : null
    var plan = options.planIndex
    return function (r) {
      if (range && (r < range[0] || r >= range[1])) return false
      return plan == null || records.plans[r].indexOf(plan) >= 0
    }
  }

  /* The best `limit` groups: candidates taken by their score without the proximity bonus, which
     can add at most PAIR times it, so the walk stops once no later one can enter the top */
  function rank(words, matches, records, index, options) {
    var n = words.length
    var scores = new Map()
    matches.forEach(function (byRecord) {
      var weight = idf(index.records, byRecord.size)
      byRecord.forEach(function (m, r) {
        m.weighted = m.score * weight
        var s = scores.get(r)
        if (!s) scores.set(r, s = { r: r, base: 0, count: 0 })
        s.base += m.weighted
        s.count += 1
      })
    })
    var allowed = keep(records, options)
    var candidates = []
    var groups = new Set()
    scores.forEach(function (s) {
      if (!allowed(s.r)) return
      s.base *= coverage(s.count, n)
      candidates.push(s)
      groups.add(records.group[s.r])
    })
    candidates.sort(function (a, b) { return b.base - a.base || a.r - b.r })
    var best = new Map()       // group -> its best record and score
    var top = []               // the best `limit` groups, best first
    for (var i = 0; i < candidates.length; i++) {
      var c = candidates[i]
      if (top.length >= options.limit && c.base * (1 + PAIR) < top[top.length - 1].score) break
      var score = c.base + (c.count > 1 ? proximity(matches, c.r, index.span) * coverage(c.count, n) : 0)
      var group = records.group[c.r]
      var held = best.get(group)
      if (held && score <= held.score) continue
      var entry = { r: c.r, score: score, group: group }
      best.set(group, entry)
      var at = held ? top.indexOf(held) : -1
      if (at >= 0) top.splice(at, 1)
      if (top.length < options.limit || score > top[top.length - 1].score) {
        var place = top.length
        while (place > 0 && (top[place - 1].score < score || (top[place - 1].score === score && top[place - 1].r > c.r))) place--
        top.splice(place, 0, entry)
        if (top.length > options.limit) top.pop()
      }
    }
    return { total: groups.size, top: top }
  }

  /* The words of a card's text with their places, cut once per text */
  var cut = new Map()
  var terms = new Map()         // piece of text -> its term
  function tokens(text, index) {
    var found = cut.get(text)
    if (found) return found
    found = []
    var re = index.split        // used to the end here, with nothing in between
    re.lastIndex = 0
    var start = 0, m
    var visit = function (from, to) {
      if (to <= from) return
      var piece = text.slice(from, to)
      var word = terms.get(piece)
      if (word === undefined) {
        word = term(piece)
        if (terms.size > 50000) terms.clear()
        terms.set(piece, word)
      }
      if (!word) return
      var trim = edges(piece)
      found.push({ term: word, piece: piece, from: from + trim[0], to: to - trim[1] })
    }
    while ((m = re.exec(text)) !== null) {
      visit(start, m.index)
      start = m.index + m[0].length
      if (m[0].length === 0) re.lastIndex++
    }
    visit(start, text.length)
    if (cut.size > 2000) cut.clear()
    cut.set(text, found)
    return found
  }

  /* Ranges of the words of `text` the query matched (accents as typed, if typed), and those words */
  function marks(text, words, index, found) {
    var ranges = []
    if (!text) return ranges
    tokens(text, index).forEach(function (t) {
      for (var i = 0; i < words.length; i++) {
        var w = words[i]
        var complete = t.term === w.term
        if (!complete && !(w.prefix && t.term.startsWith(w.term))) continue
        if (w.accented) {
          if (t.written === undefined) t.written = variant(t.piece)
          if (accentFactor(w, t.written, t.term, complete) < 1) continue
        }
        ranges.push([t.from, t.to])
        found.add(text.slice(t.from, t.to))
        return
      }
    })
    return ranges
  }

  function result(card, kind, score, words, index) {
    var found = new Set()
    var out = { kind: kind, url: card.url, score: score, title: card.title }
    out.title_marks = marks(card.title, words, index, found)
    if (kind === "document") {
      ["type", "number", "subject", "date", "issuer", "status", "plans_citing"].forEach(function (k) {
        out[k] = card[k] === undefined ? null : card[k]
      })
      out.marks = marks(card.subject, words, index, found)
    } else if (kind === "section") {
      var plan = index.plans[card.plan] || {}
      out.plan = { id: plan.id, title: plan.title, year: plan.year }
      out.section_number = card.section_number
      out.section_title = card.section_title
      out.paragraph = card.paragraph
      out.anchor = card.anchor
      out.marks = marks(card.paragraph, words, index, found)
    } else {
      out.term = card.term
      out.definition = card.definition
      out.marks = marks(card.definition, words, index, found)
    }
    out.words = Array.from(found)
    return out
  }

  /* The cards of the ranked records: first the chunks of the results a screen shows (`ready` is told
     when they are in, if more are to come), then the others'; resolves to the card of a record.
     The first results are handed over even when every card is in: the others' are read after a paint */
  function cardsOf(index, ids, ready) {
    var chunkOf = function (r) { return Math.floor(r / index.chunk) }
    var byChunk = new Map()
    var cardOf = function (r) {
      var card = byChunk.get(chunkOf(r))[r % index.chunk]
      if (!card || typeof card.url !== "string") throw failure()
      return card
    }
    var load = function (chunks, later) {
      return Promise.all(chunks.map(function (c) {
        return shard("c-" + c, index, Array.isArray, later).then(function (cards) { byChunk.set(c, cards) })
      }))
    }
    var first = Array.from(new Set(ids.slice(0, FIRST).map(chunkOf)))
    return load(first, false).then(function () {
      var rest = Array.from(new Set(ids.map(chunkOf))).filter(function (c) { return !byChunk.has(c) })
      if (ids.length <= FIRST) return null
      ready(FIRST, cardOf)
      // the first results are painted before the others are read
      return new Promise(function (resolve) { setTimeout(resolve, 0) }).then(function () { return load(rest, true) })
    }).then(function () { return cardOf })
  }

  /* A query's answer; a part of the index that loaded but holds something else rejects as a damaged one.
     options: kind, plan, limit, progress (called with the first results while the others' cards load) */
  function query(text, options) {
    return answer(text, options || {}).catch(function (error) {
      throw error instanceof Error && (error.message === LOAD_ERROR || error.message === NOT_READY) ? error : failure()
    })
  }

  function answer(text, options) {
    var limit = Math.max(1, Math.min(500, Math.floor(options.limit) || 50))
    return loadManifest().then(function (index) {
      var words = parse(text, index)
      var summary = { terms: words.map(function (w) { return w.term }), accented: words.length > 0 && words[0].accented }
      var empty = { total: 0, query: summary, results: [] }
      if (!words.length) return empty
      var keys = words.map(function (w) { return shardKey(w.term, index.keylen) })
      var names = Array.from(new Set(keys))
        .filter(function (key) { return index.known.has(key) })
      return Promise.all([recordsOf(index)].concat(names.map(function (key) {
        return shard("t-" + key, index, isObject).then(function (data) { return [key, data] })
      }))).then(function (loaded) {
        var records = loaded[0]
        var byKey = new Map(loaded.slice(1))
        var planIndex = options.plan == null ? null : index.plans.findIndex(function (p) { return p.id === options.plan })
        if (planIndex === -1) return empty
        var lists = words.map(function (w, i) { return expansions(w, byKey.get(keys[i]) || {}) })
        // The word being typed is looked up only where the other words are, when they are anywhere
        var matches = [], reach = null
        words.forEach(function (w, i) {
          if (w.prefix) return
          var id = [w.term, w.key.base, w.key.tones, w.accented].join("|")
          if (!matched.has(id)) {
            if (matched.size > 200) matched.clear()
            matched.set(id, match(lists[i], null))
          }
          matches[i] = matched.get(id)
          reach = reach || new Set()
          matches[i].forEach(function (_, r) { reach.add(r) })
        })
        words.forEach(function (w, i) {
          if (w.prefix) matches[i] = match(lists[i], reach && reach.size ? reach : null)
        })
        var ranked = rank(words, matches, records, index, { kind: options.kind || null, planIndex: planIndex, limit: limit })
        if (!ranked.top.length) return empty
        // Results as their cards arrive, best first: the reader sees the first ones without waiting for all
        var results = []
        var fill = function (count, cardOf) {
          for (var i = results.length; i < count; i++) {
            var t = ranked.top[i]
            results.push(result(cardOf(t.r), kindOf(records, t.r), Math.round(t.score * 1000) / 1000, words, index))
          }
          return { total: ranked.total, query: summary, results: results.slice(0, count) }
        }
        var early = typeof options.progress === "function" ? options.progress : null
        return cardsOf(index, ranked.top.map(function (t) { return t.r }), function (count, cardOf) {
          if (early) early(fill(count, cardOf))
        }).then(function (cardOf) { return fill(ranked.top.length, cardOf) })
      })
    })
  }

  window.HandbookSearch = {
    version: VERSION,
    first: FIRST,             // the results a screen shows, handed over first (options.progress)
    /* options.manifest: a Promise of search/manifest.js loaded by the caller (the engine's own load otherwise) */
    init: function (siteRoot, options) {
      var given = siteRoot == null ? "" : String(siteRoot)
      var next = given && !given.endsWith("/") ? given + "/" : given
      if (next !== root) {
        root = next
        manifest = null
        shards = new Map()
        decoded = new Map()
        matched = new Map()
      }
      var arriving = options && options.manifest
      if (arriving && typeof arriving.then === "function" && !manifest) loadManifest(arriving).catch(function () {})
      return Promise.resolve()
    },
    preload: function () {
      return loadManifest().then(startup).then(function () {})
    },
    query: query,
    plans: function () {
      return loadManifest().then(function (index) {
        return index.plans.map(function (p) { return { id: p.id, title: p.title, year: p.year } })
      })
    },
  }
})()
