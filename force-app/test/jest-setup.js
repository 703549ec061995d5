// Accessibility matchers (toBeAccessible) and the app's Custom Labels (English values) for every LWC test.
import { registerSa11yMatcher } from "@sa11y/jest";
import { registerCustomLabels } from "./jest-labels";

registerSa11yMatcher();
registerCustomLabels();
