// Lints the LWC JavaScript that deploys (compiled from TypeScript by `npm run build`);
// TypeScript sources are held to `tsc --strict` instead.
import lwcConfig from "@salesforce/eslint-config-lwc";
import jestPlugin from "eslint-plugin-jest";

export default [
  ...lwcConfig.configs.recommended,
  {
    files: ["force-app/main/default/lwc/**/__tests__/**/*.js", "force-app/test/jest-mocks/**/*.js"],
    ...jestPlugin.configs["flat/recommended"],
  },
];
