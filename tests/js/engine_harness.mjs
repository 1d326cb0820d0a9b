// Runs docs/assets/javascripts/search/engine.js in Node against a built site's search/ folder,
// for tests/test_search_index.py: no browser, the same script.
//   node tests/js/engine_harness.mjs <site dir> < queries.json
// queries.json: [[text, options], …]; prints [{total, query, results} or {error}, …] as JSON.
// options.progress true: the answer has "early", the partial answers the engine handed over first.
// <script> tags are stood in for: the file named by src (without its ?v=) runs in the same context.
import { readFileSync } from "node:fs"
import vm from "node:vm"

const ROOT = new URL("../../", import.meta.url)
const site = process.argv[2].replace(/\/?$/, "/")

const context = { console, URL, Date, setTimeout }
context.window = context
context.document = {
  head: {
    appendChild(script) {
      setTimeout(() => {
        let source
        try {
          source = readFileSync(site + script.src.split("?")[0], "utf8")
        } catch {
          script.onerror()
          return
        }
        try {
          vm.runInContext(source, context, { filename: script.src })
        } catch {
          // a damaged script: the browser reports the error and still fires "load"
        }
        script.onload()
      }, 0)
    },
  },
  createElement() {
    return { remove() {} }
  },
}
vm.createContext(context)
// As on a page: the shared word rules first, then the engine
for (const script of ["docs/assets/javascripts/words.js", "docs/assets/javascripts/search/engine.js"])
  vm.runInContext(readFileSync(new URL(script, ROOT), "utf8"), context, { filename: script })

const search = context.HandbookSearch
await search.init("")
const answers = []
for (const [text, options] of JSON.parse(readFileSync(0, "utf8"))) {
  try {
    // {progress: true}: the answer carries the first results handed over before it, as "early"
    const early = []
    const asked = options && options.progress ? { ...options, progress: (first) => early.push(first) } : options || {}
    const answer = await search.query(text, asked)
    answers.push(options && options.progress ? { ...answer, early } : answer)
  } catch (error) {
    answers.push({ error: error.message })
  }
}
process.stdout.write(JSON.stringify(answers))
