// Lint rules that catch real defects: typescript-eslint's recommended rules plus its
// type-aware promise and type rules (a forgotten await in an action half-writes data), and
// the React hooks rules (a hook's stale dependency shows old figures). Style is Prettier's.
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/generated/", "node_modules/", ".cache/", "data/"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // zod's own messages are English: app code takes z from ~/utils/zod, which installs zh-TW ones.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "zod", message: "Import z from ~/utils/zod, which gives every issue a zh-TW message.", allowTypeImports: true }],
        },
      ],
    },
  },
  { files: ["app/utils/zod.ts", "tests/**", "prisma/**"], rules: { "@typescript-eslint/no-restricted-imports": "off" } },
);
