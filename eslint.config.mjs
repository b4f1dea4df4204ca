import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Gateway media are shown with plain <img>: next/image refuses local-IP upstreams and would
      // proxy every thumbnail through the server for no gain (see STYLE.md, "The grid").
      "@next/next/no-img-element": "off",
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  // Where code runs decides what it may import: the browser never pulls in server modules (the
  // key, the database), and the pure domain in lib/shared depends on neither side.
  {
    files: ["components/**", "lib/client/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/server/*", "**/lib/server/*"], message: "Browser code must not import server modules." }] }],
    },
  },
  {
    files: ["lib/shared/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/server/*", "@/lib/client/*", "**/lib/server/*", "**/lib/client/*", "react", "next", "next/*"], message: "lib/shared is pure: no server, client or framework imports." }] },
      ],
    },
  },
  {
    ignores: [".next/**", ".perf/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;
