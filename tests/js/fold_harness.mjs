// Runs the accent fold of each of the site's scripts on given inputs, for tests/test_folding.py.
//   node tests/js/fold_harness.mjs < inputs.json    (a JSON list of strings)
// prints {"<script>": [folded input, …], …, "term": [engine.js's term of each input]} as JSON.
//
// The scripts keep their fold private (inside an IIFE, or in the search worker); nothing is
// exported for the tests. The harness takes the text of `function fold(…) { … }` from each
// script and evaluates it alone in a fresh context: the function must be self-contained.
import { readFileSync } from "node:fs"
import vm from "node:vm"

const ROOT = new URL("../../", import.meta.url)
const SCRIPTS = [
  "docs/assets/javascripts/search/engine.js",
  "docs/assets/javascripts/search-highlight.js",
  "docs/assets/javascripts/table-filter.js",
]
const DECLARATION = "function fold("

/* The source of the script's only `function fold`: the shortest text from there that parses */
function foldSource(path) {
  return `(${functionSource(path, DECLARATION)})`
}

function functionSource(path, declaration) {
  const source = readFileSync(new URL(path, ROOT), "utf8")
  const start = source.indexOf(declaration)
  if (start < 0 || source.indexOf(declaration, start + 1) >= 0)
    throw new Error(`${path}: expected exactly one "${declaration}…"`)
  for (let end = source.indexOf("}", start); end >= 0; end = source.indexOf("}", end + 1)) {
    const candidate = source.slice(start, end + 1)
    try {
      new vm.Script(`(${candidate})`)
      return candidate
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error     // else: the function goes on
    }
  }
  throw new Error(`${path}: "${declaration}…" never ends`)
}

/* engine.js's token rule: its `function term` evaluated with its fold and the constants it uses */
function engineTerm() {
  const path = SCRIPTS[0]
  const source = readFileSync(new URL(path, ROOT), "utf8")
  const constants = ["EDGES", "NUMBER", "ZEROS"].map((name) => {
    const line = source.split("\n").find((l) => l.trim().startsWith(`var ${name} =`))
    if (!line) throw new Error(`${path}: no "var ${name} ="`)
    return line.trim()
  })
  const code = `${constants.join("\n")}\n${functionSource(path, "function fold(")}\n` +
    `${functionSource(path, "function term(")}\nterm`
  return vm.runInNewContext(code, {}, { filename: path })
}

const inputs = JSON.parse(readFileSync(0, "utf8"))
const results = {}
for (const path of SCRIPTS) {
  const fold = vm.runInNewContext(foldSource(path), {}, { filename: path })
  results[path] = inputs.map((input) => fold(input))
}
const term = engineTerm()
results.term = inputs.map((input) => term(input))
process.stdout.write(JSON.stringify(results))
