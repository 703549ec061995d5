import { formatCurrencyAmount, formatDateTime, formatNumber } from "c/localeFormat";
import { withUserSettings } from "../../../../../test/jest-i18n.js";

// Intl separates an amount from a trailing currency sign with a no-break space.
const NBSP = "\u00a0";

describe("c/localeFormat", () => {
  it("formats for the running user's Salesforce settings: en-US, USD, Pacific time by default in Jest", () => {
    expect(formatCurrencyAmount(24000)).toBe("$24,000");
    expect(formatNumber(131072)).toBe("131,072");
    expect(formatDateTime("2026-11-24T09:00:00.000Z")).toBe("Nov 24, 2026, 1:00 AM");
  });

  it("formats dates, numbers and amounts the German way for a de-DE user with EUR in Berlin", () => {
    const german = withUserSettings({ locale: "de-DE", currency: "EUR", timeZone: "Europe/Berlin" }, () =>
      require("c/localeFormat"),
    );
    expect(german.formatCurrencyAmount(1234)).toBe(`1.234${NBSP}€`);
    expect(german.formatNumber(131072)).toBe("131.072");
    expect(german.formatDateTime("2026-11-24T09:00:00.000Z")).toBe("24.11.2026, 10:00");
  });

  it("shows an amount in the record's own currency when it carries one, else the user's default currency", () => {
    const german = withUserSettings({ locale: "de-DE", currency: "EUR" }, () => require("c/localeFormat"));
    expect(german.formatCurrencyAmount(24000, "USD")).toBe(`24.000${NBSP}$`);
    expect(german.formatCurrencyAmount(24000, null)).toBe(`24.000${NBSP}€`);
    expect(formatCurrencyAmount(24000, "GBP")).toBe("£24,000");
  });
});
