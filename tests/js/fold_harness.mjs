// Runs the site's accent fold (assets/javascripts/words.js, which every script uses) on given inputs,
// for tests/test_folding.py.
//   node tests/js/fold_harness.mjs < inputs.json    (a JSON list of strings)
// prints {"<script>": [folded input, …], "term": [engine.js's term of each input]} as JSON.
//
// engine.js keeps its token rule private (inside an IIFE); nothing is exported for the tests. The
// harness takes the text of its `function term(…) { … }` and evaluates it in a fresh context
// with words.js's fold and the constants it uses.
import { readFileSync } from "node:fs"
import vm from "node:vm"

const ROOT = new URL("../../", import.meta.url)
const WORDS = "docs/assets/javascripts/words.js"
const ENGINE = "docs/assets/javascripts/search/engine.js"

/* words.js's fold, as the page has it (window.HandbookWords) */
function wordsFold() {
  const context = {}
  context.window = context
  vm.runInNewContext(readFileSync(new URL(WORDS, ROOT), "utf8"), context, { filename: WORDS })
  return context.HandbookWords.fold
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

/* engine.js's token rule: its `function term` evaluated with words.js's fold and the constants it uses */
function engineTerm(fold) {
  const path = ENGINE
  const source = readFileSync(new URL(path, ROOT), "utf8")
  const constants = ["EDGES", "NUMBER", "ZEROS"].map((name) => {
    const line = source.split("\n").find((l) => l.trim().startsWith(`var ${name} =`))
    if (!line) throw new Error(`${path}: no "var ${name} ="`)
    return line.trim()
  })
  const code = `${constants.join("\n")}\n${functionSource(path, "function term(")}\nterm`
  return vm.runInNewContext(code, { fold }, { filename: path })
}

const inputs = JSON.parse(readFileSync(0, "utf8"))
const fold = wordsFold()
const results = { [WORDS]: inputs.map((input) => fold(input)) }
const term = engineTerm(fold)
results.term = inputs.map((input) => term(input))
process.stdout.write(JSON.stringify(results))
