// The running user's locale settings (@salesforce/i18n/locale, currency, timeZone) in the preview, chosen with the
// language of its Custom Labels (?lang=, preview/labels): ?lang=de is a German user in Germany, as a German rep or
// CSM's user settings would be; otherwise the English sample user, in the browser's own time zone.
import { requestedLanguage } from "preview/labels";

const ENGLISH = { locale: "en-US", currency: "USD", timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
const BY_LANGUAGE = {
  de: { locale: "de-DE", currency: "EUR", timeZone: "Europe/Berlin" },
};

const settings = BY_LANGUAGE[requestedLanguage] ?? ENGLISH;

export function userSetting(name) {
  if (!(name in settings)) throw new Error(`The preview has no user setting "${name}"`);
  return settings[name];
}
