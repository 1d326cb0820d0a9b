// lunr.vi's query against lunr's own, for tests/test_search_query.py: no browser, no build.
//   node tests/js/query_harness.mjs < input.json
// input: {"scripts": [Material's search worker, lunr.stemmer.support, lunr.vi], "docs": [...],
// "queries": [...]}. Each query is searched as Material sends it (every word ending in "*"), in
// order, the way a reader types; each search and each suggestion query (every word required in
// the title) runs with lunr.vi's query and with lunr's own. Prints {"compared": n, "differences": [...]}.
import { readFileSync } from "node:fs"
import vm from "node:vm"

const input = JSON.parse(readFileSync(0, "utf8"))
const context = { console, addEventListener() {}, postMessage() {} }
context.self = context
vm.createContext(context)
const [worker, ...plugins] = input.scripts
vm.runInContext(readFileSync(worker, "utf8"), context, { filename: worker })
const lunr = context.lunr
const lunrQuery = lunr.Index.prototype.query                 // before lunr.vi replaces it
for (const file of plugins)
  vm.runInContext(readFileSync(file, "utf8"), context, { filename: file })

const index = lunr(function () {
  this.metadataWhitelist = ["position"]
  this.use(lunr.vi)
  this.ref("location")
  this.field("title", { boost: 10 })
  this.field("text")
  for (const doc of input.docs) this.add(doc)
})

/* What Material reads of the results: order, scores, match data (key order included) */
const shown = results => JSON.stringify(results.map(r => [r.ref, r.score, r.matchData.metadata]))

/* The same call with lunr's own query, then with lunr.vi's; [lunr's, lunr.vi's] */
function both(run) {
  const fast = lunr.Index.prototype.query
  lunr.Index.prototype.query = lunrQuery
  let reference
  try {
    reference = shown(run())
  } finally {
    lunr.Index.prototype.query = fast
  }
  return [reference, shown(run())]
}

const differences = []
let compared = 0
for (const query of input.queries) {
  const words = query.trim().split(/\s+/)
  const material = words.map(word => `${word}*`).join(" ")
  const runs = {
    search: () => index.search(material),
    suggest: () => index.query(q => {
      for (const word of words)
        q.term(word, { fields: ["title"], presence: lunr.Query.presence.REQUIRED,
          wildcard: lunr.Query.wildcard.TRAILING })
    })
  }
  for (const [name, run] of Object.entries(runs)) {
    const [reference, fast] = both(run)
    compared++
    if (reference !== fast)
      differences.push({ query, name, lunr: reference.slice(0, 300), vi: fast.slice(0, 300) })
  }
}
process.stdout.write(JSON.stringify({ compared, differences }))
