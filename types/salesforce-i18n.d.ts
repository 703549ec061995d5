// The running user's internationalization settings (LWC Developer Guide, "Access Internationalization Properties"):
//   import locale from "@salesforce/i18n/locale";     // "en-US", "de-DE"
//   import currency from "@salesforce/i18n/currency"; // the user's default currency: "USD", "EUR"
//   import timeZone from "@salesforce/i18n/timeZone"; // "America/Los_Angeles", "Europe/Berlin"
// Jest answers them through force-app/test/jest-i18n.js, the preview through preview/modules/preview/i18n.
declare module "@salesforce/i18n/locale" {
  const locale: string;
  export default locale;
}
declare module "@salesforce/i18n/currency" {
  const currency: string;
  export default currency;
}
declare module "@salesforce/i18n/timeZone" {
  const timeZone: string;
  export default timeZone;
}
