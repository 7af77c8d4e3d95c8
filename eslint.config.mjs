// Flat config: typescript-eslint's recommended rules on all TypeScript sources.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The provider shell must require() the built runtime at call time (docs/PULUMI-DYNAMIC.md, "Serialization").
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
