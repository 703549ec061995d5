// sfdx-lwc-jest runs the LWC tests on the compiled JavaScript that deploys, not on the TypeScript source:
// @lwc/jest-preset would otherwise resolve x.ts before x.js and test what never reaches the org.
import { jestConfig } from "@salesforce/sfdx-lwc-jest/config.js";

export default {
  ...jestConfig,
  moduleFileExtensions: ["js", "html", "json", "ts"],
  modulePathIgnorePatterns: ["<rootDir>/.localdevserver"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/", "<rootDir>/scripts/"],
  setupFilesAfterEnv: ["<rootDir>/force-app/test/jest-setup.js"],
};
