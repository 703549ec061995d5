// @salesforce/i18n/currency in Jest (see force-app/test/jest-i18n.js).
import { userSetting } from "../../jest-i18n";

export default userSetting("currency");
