// @salesforce/i18n/locale in Jest (see force-app/test/jest-i18n.js).
import { userSetting } from "../../jest-i18n";

export default userSetting("locale");
