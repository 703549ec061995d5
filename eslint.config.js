// Lints the LWC JavaScript that deploys (compiled from TypeScript by `npm run build`);
// TypeScript sources are held to `tsc --strict` instead.
import lwcConfig from "@salesforce/eslint-config-lwc";
import jestPlugin from "eslint-plugin-jest";
import globals from "globals";

export default [
  ...lwcConfig.configs.recommended,
  {
    files: [
      "force-app/main/default/lwc/**/__tests__/**/*.js",
      "force-app/test/jest-mocks/**/*.js",
      "force-app/test/*.js",
    ],
    ...jestPlugin.configs["flat/recommended"],
    languageOptions: {
      ...jestPlugin.configs["flat/recommended"].languageOptions,
      globals: { ...globals.node, ...globals.jest },
    },
    rules: {
      ...jestPlugin.configs["flat/recommended"].rules,
      // Tests drive wire adapters by hand (emit); the rule is about components.
      "@lwc/lwc/no-unexpected-wire-adapter-usages": "off",
    },
  },
];
