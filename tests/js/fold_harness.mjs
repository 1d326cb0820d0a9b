// Runs the accent fold of each of the site's scripts on given inputs, for tests/test_folding.py.
//   node tests/js/fold_harness.mjs < inputs.json    (a JSON list of strings)
// prints {"<script>": [folded input, …], …, "term": [lunr.vi.min.js's term of each input]} as JSON.
//
// The scripts keep their fold private (inside an IIFE, or in the search worker); nothing is
// exported for the tests. The harness takes the text of `function fold(…) { … }` from each
// script and evaluates it alone in a fresh context: the function must be self-contained.
import { readFileSync } from "node:fs"
import vm from "node:vm"

const ROOT = new URL("../../", import.meta.url)
const SCRIPTS = [
  "overrides/assets/javascripts/lunr/min/lunr.vi.min.js",
  "docs/assets/javascripts/search-highlight.js",
  "docs/assets/javascripts/table-filter.js",
]
const DECLARATION = "function fold("

/* The source of the script's only `function fold`: the shortest text from there that parses */
function foldSource(path) {
  const source = readFileSync(new URL(path, ROOT), "utf8")
  const start = source.indexOf(DECLARATION)
  if (start < 0 || source.indexOf(DECLARATION, start + 1) >= 0)
    throw new Error(`${path}: expected exactly one "${DECLARATION}…"`)
  for (let end = source.indexOf("}", start); end >= 0; end = source.indexOf("}", end + 1)) {
    const candidate = `(${source.slice(start, end + 1)})`
    try {
      new vm.Script(candidate)
      return candidate
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error     // else: the function goes on
    }
  }
  throw new Error(`${path}: "${DECLARATION}…" never ends`)
}

/*
 * lunr.vi.min.js's token rule: the pipeline function it registers as "fold-vi", taken from the
 * whole script run on a stand-in for lunr (only what its top level touches).
 */
function lunrViTerm() {
  const registered = {}
  const lunr = {
    Pipeline: { registerFunction: (fn, label) => { registered[label] = fn } },
    Query: { prototype: { clause() {} } },
    Index: { prototype: { search() {}, query() {} } },
  }
  const path = SCRIPTS[0]
  vm.runInNewContext(readFileSync(new URL(path, ROOT), "utf8"), { self: { lunr } }, { filename: path })
  return (text) => {
    const token = { str: text, toString() { return this.str }, update(fn) { this.str = fn(this.str); return this } }
    const result = registered["fold-vi"](token)
    return result === undefined ? "" : result.toString()
  }
}

const inputs = JSON.parse(readFileSync(0, "utf8"))
const results = {}
for (const path of SCRIPTS) {
  const fold = vm.runInNewContext(foldSource(path), {}, { filename: path })
  results[path] = inputs.map((input) => fold(input))
}
const term = lunrViTerm()
results.term = inputs.map((input) => term(input))
process.stdout.write(JSON.stringify(results))
