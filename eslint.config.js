// ESLint for the browser scripts (flat config; `make lint` runs it through node_modules/.bin).
// Browser scripts are modern ES modules with no build step: const/let, no var, no IIFE.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Third-party code shipped as is (lunr.min.js), and what is built or installed.
    ignores: ["docs/assets/javascripts/vendor/", "site/", ".site-*/", "site.previous/", ".venv/", ".cache/", "bench-results/"],
  },
  js.configs.recommended,
  {
    files: ["docs/**/*.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    // This file and other development tools run under Node.
    files: ["*.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.node,
    },
  },
];
