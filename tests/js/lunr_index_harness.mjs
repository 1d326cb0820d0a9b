// Builds the search index as the browser does, in Node, for tests/test_ready_index.py:
//   node tests/js/lunr_index_harness.mjs < request.json
// request: {"worker": Material's search worker, "scripts": {"<file name>": path} for the files it
// imports (lunr.stemmer.support.min.js, lunr.vi.min.js), "index": search_index.json's content,
// "ready": the ready-made index (ready_index.json's content) or null}.
// Prints {"index": lunr's Index#toJSON(), "blocks": index.viBlocks, "source": lunr.vi.source}.
//
// The worker is run as it is, through its own message handler: Material's tokenizer is private to
// it. Node has no XMLHttpRequest; a ready index is handed over as search/ready_index.js does from
// file://, through the `parent` of a worker run in an iframe.
import { readFileSync } from "node:fs"
import vm from "node:vm"

const request = JSON.parse(readFileSync(0, "utf8"))
let handler, built
const context = {
  console,
  addEventListener: (type, listener) => { if (type === "message") handler = listener },
  postMessage: () => {},
  importScripts: (...urls) => {
    for (const url of urls) {
      const name = url.split("/").pop()
      if (!(name in request.scripts)) throw new Error(`unexpected script ${url}`)
      vm.runInContext(readFileSync(request.scripts[name], "utf8"), context, { filename: name })
      const lunr = context.lunr
      if (name.startsWith("lunr.vi.")) {
        const plugin = lunr.vi
        lunr.vi = function () {
          plugin.apply(this, arguments)
          const build = this.build
          this.build = function () { return (built = build.apply(this, arguments)) }
        }
      }
    }
  },
}
context.self = context
if (request.ready) {
  context.parent = { IFrameWorker: true, __readyIndex: request.ready }
  // Material finds its lunr folder from the iframe's worker script
  context.document = { querySelector: () => ({ src: "site/assets/javascripts/workers/search.js" }) }
}
vm.createContext(context)
vm.runInContext(readFileSync(request.worker, "utf8"), context, { filename: "worker.js" })
const { config, docs } = request.index
await handler({ data: { type: 0, data: { config, docs, options: { suggest: false } } } })   // settles once built
if (!built) throw new Error("the worker built no index")
process.stdout.write(JSON.stringify({ index: built.toJSON(), blocks: built.viBlocks, source: context.lunr.vi.source }))
