// The language the preview shows its Custom Labels in: English, or a shipped translation chosen with ?lang=<locale>
// in the page address (?lang=de for German), as Salesforce picks the running user's language. A label without a text
// in that language shows its English value, as in the org.
const requested = new URLSearchParams(globalThis.location ? globalThis.location.search : "").get("lang");

// The language the page asked for (?lang=), or null for English; preview/i18n picks the user's locale by it.
export const requestedLanguage = requested;

export function pickLabel(english, translations) {
  return (requested && translations[requested]) || english;
}
