// ESLint for the handbook's own JavaScript (make lint-js, from the repository root):
//   tests/node_modules/.bin/eslint --config tests/eslint.config.mjs --max-warnings 0 \
//     docs/assets/javascripts tests/js tests/eslint.config.mjs
// ESLint, @eslint/js and globals are pinned in tests/package.json. Paths below are relative to
// the directory ESLint runs in (with --config, that is the working directory: the repository root).
import js from "@eslint/js"
import globals from "globals"

export default [
  {
    ignores: ["**/node_modules/"],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // Scripts of the pages, loaded by <script> tags (extra.polyfills, extra_javascript)
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: globals.browser,
    },
  },
  {
    // Test tools, run by Node
    files: ["tests/**/*.mjs"],
    languageOptions: {
      sourceType: "module",
      globals: globals.node,
    },
  },
]
