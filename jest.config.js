// sfdx-lwc-jest runs the LWC tests on the compiled JavaScript that deploys, not on the TypeScript source:
// @lwc/jest-preset would otherwise resolve x.ts before x.js and test what never reaches the org.
import { jestConfig } from "@salesforce/sfdx-lwc-jest/config.js";

export default {
  ...jestConfig,
  moduleFileExtensions: ["js", "html", "json", "ts"],
  modulePathIgnorePatterns: ["<rootDir>/.localdevserver", "<rootDir>/out/"],
  // out/ holds copies of force-app that the node tests make; only the real bundles are tested.
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/tests/",
    "<rootDir>/scripts/",
    "<rootDir>/testkit/",
    "<rootDir>/bench/",
    "<rootDir>/out/",
  ],
  // A CSS-only module (shared styles, `@import "c/intakeStyles"`) has no JavaScript for the resolver to find.
  moduleNameMapper: {
    ...jestConfig.moduleNameMapper,
    "^c/intakeStyles$": "<rootDir>/force-app/main/default/lwc/intakeStyles/intakeStyles.css",
    // The running user's locale settings: en-US, USD unless a test loads its modules with withUserSettings
    // (force-app/test/jest-i18n.js).
    "^@salesforce/i18n/(locale|currency|timeZone)$": "<rootDir>/force-app/test/jest-mocks/i18n/$1.js",
  },
  setupFilesAfterEnv: ["<rootDir>/force-app/test/jest-setup.js"],
};
