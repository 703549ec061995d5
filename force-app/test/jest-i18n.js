// The running user's locale settings in Jest. jest.config.js maps @salesforce/i18n/locale, currency and timeZone to
// force-app/test/jest-mocks/i18n, which read them from here: en-US, USD and America/Los_Angeles unless a test asks for
// others with withUserSettings. The time zone is not the machine's (UTC in CI), so code that forgets the user's time
// zone shows the wrong hour in a test. Settings live on globalThis because a test's isolated modules and the setup
// files each load their own copy of this file.
const DEFAULTS = Object.freeze({ locale: "en-US", currency: "USD", timeZone: "America/Los_Angeles" });
const CURRENT = Symbol.for("sales-cs-handoff.jest.i18n");

export function userSetting(name) {
  const settings = globalThis[CURRENT] ?? DEFAULTS;
  if (!(name in settings)) throw new Error(`Jest i18n: no user setting "${name}"; known: ${Object.keys(DEFAULTS)}`);
  return settings[name];
}

// Loads modules as a user with these settings sees them (the others keep their defaults): load runs in
// jest.isolateModules, so what it requires, and everything they import, is a fresh copy that reads the settings.
// The LWC engine is the one exception: a second engine would own the same custom element names, so the fresh
// components share the test's engine, and the test mounts them with its own createElement.
//   const { formatAmount } = withUserSettings({ locale: "de-DE", currency: "EUR" }, () => require("c/csIntakeModel"));
export function withUserSettings(settings, load) {
  const unknown = Object.keys(settings).filter((name) => !(name in DEFAULTS));
  if (unknown.length) throw new Error(`Jest i18n: unknown user setting ${unknown}; known: ${Object.keys(DEFAULTS)}`);
  const engine = require("lwc");
  globalThis[CURRENT] = { ...DEFAULTS, ...settings };
  try {
    let loaded;
    jest.isolateModules(() => {
      jest.doMock("lwc", () => engine);
      loaded = load();
    });
    return loaded;
  } finally {
    jest.dontMock("lwc");
    delete globalThis[CURRENT];
  }
}
