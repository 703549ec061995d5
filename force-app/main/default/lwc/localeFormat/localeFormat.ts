// Dates, numbers and amounts as the running user reads them: in the locale, default currency and time zone of their
// Salesforce user settings (the @salesforce/i18n scoped modules, LWC Developer Guide, "Access Internationalization
// Properties"), not the browser's and never a fixed en-US. One place, so every component formats the same way.
import userLocale from "@salesforce/i18n/locale";
import userCurrency from "@salesforce/i18n/currency";
import userTimeZone from "@salesforce/i18n/timeZone";

// Built once: Intl formatters are costly to create and the user's settings do not change while a page is open.
const numberFormat = new Intl.NumberFormat(userLocale);
const dateTimeFormat = new Intl.DateTimeFormat(userLocale, {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: userTimeZone,
});
const amountFormats = new Map<string, Intl.NumberFormat>();

// A count or a quantity with the user's digit grouping and decimal mark: 131,072 (en-US), 131.072 (de-DE).
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

// A deal amount in whole units of its currency: the record's currency when it carries one (CurrencyIsoCode in a
// multi-currency org), else the user's default currency. "$24,000" (en-US, USD), "24.000 €" (de-DE, EUR).
export function formatCurrencyAmount(amount: number, currencyIsoCode?: string | null): string {
  const currency = currencyIsoCode || userCurrency;
  let format = amountFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(userLocale, {
      style: "currency",
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    });
    amountFormats.set(currency, format);
  }
  return format.format(amount);
}

// A moment (an ISO date-time string from Apex) in the user's time zone: "Nov 24, 2026, 1:00 AM" (en-US),
// "24.11.2026, 10:00" (de-DE).
export function formatDateTime(value: string | Date): string {
  return dateTimeFormat.format(typeof value === "string" ? new Date(value) : value);
}
