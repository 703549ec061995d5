// Builds the offline preview: the project's own LWC (the JavaScript `npm run build` compiles from their TypeScript,
// the same files that deploy) bundled with the open-source LWC compiler, lightning-base-components, and the
// stand-ins in preview/modules for what only the platform provides. Output: out/preview/site (index.html, app.js).
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  copyFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { rollup, type Plugin, type RollupCache, type RollupLog } from "rollup";
import lwc from "@lwc/rollup-plugin";
import replaceModule, { type RollupReplaceOptions } from "@rollup/plugin-replace";
import { PROJECT_ROOT, DEFAULT_SOURCE } from "../scripts/lib/forceApp.ts";
import { buildSampleData } from "./sampleData.ts";
import { LABEL_IMPORT_PREFIX, LABELS_FILE, labelTranslations, labelValues } from "../scripts/lib/customLabels.ts";

// The package's types describe CommonJS: under NodeNext the default import is typed as the module, while at run
// time (ESM) it is the plugin function.
const replace = replaceModule as unknown as (options: RollupReplaceOptions) => Plugin;

export const PREVIEW_DIR = join(PROJECT_ROOT, "preview");
export const DEFAULT_OUT_DIR = join(PROJECT_ROOT, "out/preview/site");

// The components the page shows. Each must exist as TypeScript source and as the JavaScript compiled from it.
export const PAGE_COMPONENTS = ["handoffChecklist", "handoffSummary", "csIntakePanel"] as const;

export interface BuildOptions {
  // force-app/main/default or a copy of it (tests build broken copies)
  source?: string;
  outDir?: string;
  // A previous build's cache: unchanged modules (most of lightning-base-components) are not compiled again.
  cache?: RollupCache;
  // Keep the last build when none of its inputs changed since (npm start): no rollup run at all.
  reuseUnchanged?: boolean;
  // Where progress goes while building (npm start prints it); silent when not given.
  log?: (message: string) => void;
}

export interface BuildResult {
  outDir: string;
  cache: RollupCache | undefined;
  bundleBytes: number;
  components: string[];
  // True when the previous build was kept because no input changed.
  reused: boolean;
}

// Written beside the built page: the fingerprint of the inputs it was built from.
export const BUILD_STAMP = ".build-inputs.json";

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "__tests__" && entry.name !== "node_modules") out.push(...filesUnder(path));
    } else out.push(path);
  }
  return out;
}

// Everything the page is built from, by content: the components and the metadata the sample data reads
// (force-app), the stand-ins and the page (preview), and the installed packages (the lock file). By content, not
// modification time, because "npm run build" rewrites every component's JavaScript even when nothing changed.
// About 2 MB of text: hashed in a fraction of a second.
export function inputFingerprint(source: string): string {
  // Named relative to their root, so a copy of force-app with the same content has the same fingerprint.
  const roots: [string, string[]][] = [
    [source, [...filesUnder(source), recordedRowsPath(source)]],
    [PREVIEW_DIR, filesUnder(PREVIEW_DIR)],
    [
      PROJECT_ROOT,
      ["package-lock.json", "scripts/lib/forceApp.ts", "scripts/lib/customLabels.ts"].map((file) =>
        join(PROJECT_ROOT, file),
      ),
    ],
  ];
  const hash = createHash("sha256");
  for (const [root, files] of roots) {
    for (const file of files.filter((f) => existsSync(f)).sort()) {
      hash.update(`${relative(root, file)}\0`);
      hash.update(readFileSync(file));
      hash.update("\0");
    }
  }
  return hash.digest("hex");
}

function readStamp(outDir: string): { fingerprint: string; builtAt: string; bundleBytes: number } | null {
  try {
    return JSON.parse(readFileSync(join(outDir, BUILD_STAMP), "utf8"));
  } catch {
    return null;
  }
}

export class PreviewBuildError extends Error {}

// Every LWC bundle folder with a .js entry file, as c/<name> for the module resolver; a folder with only a .css
// file is a shared style sheet (`@import "c/<name>"` in a component's CSS).
function componentAliases(lwcDir: string): { name: string; path: string }[] {
  if (!existsSync(lwcDir)) return [];
  return readdirSync(lwcDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const script = join(lwcDir, entry.name, `${entry.name}.js`);
      const styles = join(lwcDir, entry.name, `${entry.name}.css`);
      return { name: `c/${entry.name}`, path: existsSync(script) ? script : styles };
    })
    .filter((alias) => existsSync(alias.path));
}

// The recorded Apex responses the stand-in serves its intake actions from: the Jest fixtures of csIntakePanel.
export function recordedRowsPath(source: string): string {
  return join(source, "lwc/csIntakePanel/__tests__/data/lifecycleRows.json");
}

export function missingComponentFiles(lwcDir: string): string[] {
  const problems: string[] = [];
  for (const name of PAGE_COMPONENTS) {
    const folder = join(lwcDir, name);
    const where = relative(PROJECT_ROOT, folder) || folder;
    if (!existsSync(join(folder, `${name}.ts`)) && !existsSync(join(folder, `${name}.js`))) {
      problems.push(`${where}/${name}.ts: the component is missing (the preview shows it, so it must exist)`);
      continue;
    }
    if (!existsSync(join(folder, `${name}.js`))) {
      problems.push(`${where}/${name}.js: not compiled; run "npm run build" (tsc writes it beside ${name}.ts)`);
    }
    if (!existsSync(join(folder, `${name}.html`)))
      problems.push(`${where}/${name}.html: the component's template is missing`);
  }
  return problems.concat(staleCompiledFiles(lwcDir));
}

// TypeScript changed after the last build: the preview would show the old behaviour without saying so.
export function staleCompiledFiles(lwcDir: string): string[] {
  if (!existsSync(lwcDir)) return [];
  const stale: string[] = [];
  for (const bundle of readdirSync(lwcDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const folder = join(lwcDir, bundle.name);
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))) {
      const compiled = join(folder, file.replace(/\.ts$/, ".js"));
      if (existsSync(compiled) && statSync(compiled).mtimeMs < statSync(join(folder, file)).mtimeMs) {
        const where = relative(PROJECT_ROOT, join(folder, file)) || join(folder, file);
        stale.push(`${where} changed after it was compiled; run "npm run build"`);
      }
    }
  }
  return stale;
}

// lightning-base-components opens every gate; this one makes lightning-combobox call attachInternals, which the
// engine refuses under synthetic shadow (the shadow mode Lightning Experience runs these components in).
const CLOSED_GATES = new Set(["@salesforce/gate/bc.260.enableComboboxElementInternals"]);

// The engine that matches the compiler: `lwc` carries its own @lwc/engine-dom, while an older one (a dependency of
// the Jest preset) sits at the top of node_modules, where a bare "@lwc/engine-dom" would resolve.
const requireHere = createRequire(import.meta.url);
const LWC_ENGINE = requireHere.resolve("@lwc/engine-dom", { paths: [dirname(requireHere.resolve("lwc"))] });

const APEX_PREFIX = "@salesforce/apex/";
const SCHEMA_PREFIX = "@salesforce/schema/";
// The user settings the app's components read (c/localeFormat), answered by preview/i18n from the page's ?lang=.
// The base components read these too; the other @salesforce/i18n properties (number and date patterns) come from
// lightning-base-components' own en-US stand-ins.
const I18N_SETTINGS = new Set(["@salesforce/i18n/locale", "@salesforce/i18n/currency", "@salesforce/i18n/timeZone"]);
const VIRTUAL = "\0preview:";

// The labels of the source being built: each @salesforce/label/c.X import becomes its English value and its
// translations, and preview/labels picks one by the page's ?lang=. A label missing from the labels file fails the
// build, as it fails a deploy.
interface PreviewLabels {
  english: Map<string, string>;
  translations: Map<string, Map<string, string>>;
}

function readPreviewLabels(source: string): PreviewLabels {
  return { english: labelValues(source), translations: labelTranslations(source) };
}

function labelModule(labels: PreviewLabels, name: string): string | null {
  const english = labels.english.get(name);
  if (english === undefined) return null;
  const translated: Record<string, string> = {};
  for (const [locale, texts] of labels.translations) {
    const text = texts.get(name);
    if (text !== undefined) translated[locale] = text;
  }
  return (
    'import { pickLabel } from "preview/labels";\n' +
    `export default pickLabel(${JSON.stringify(english)}, ${JSON.stringify(translated)});`
  );
}

// The platform's @salesforce/* modules, answered by generated modules that delegate to the stand-ins.
function platformModules(sampleDataJson: string, recordedRowsJson: string, labels: PreviewLabels): Plugin {
  return {
    name: "preview-platform-modules",
    resolveId(source) {
      if (source === "lwc") return LWC_ENGINE;
      if (CLOSED_GATES.has(source)) return VIRTUAL + source;
      if (source === "@preview/sample-data" || source === "@preview/recorded-apex") return VIRTUAL + source;
      if (source === "@salesforce/apex" || source.startsWith(APEX_PREFIX)) {
        return VIRTUAL + source;
      }
      if (source.startsWith(SCHEMA_PREFIX) || source.startsWith("@salesforce/user/")) return VIRTUAL + source;
      if (source.startsWith("@salesforce/customPermission/")) return VIRTUAL + source;
      if (source.startsWith(LABEL_IMPORT_PREFIX) || I18N_SETTINGS.has(source)) return VIRTUAL + source;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      if (source === "@preview/sample-data") return `export default ${sampleDataJson};`;
      if (source === "@preview/recorded-apex") return `export default ${recordedRowsJson};`;
      if (CLOSED_GATES.has(source)) return "export default { isOpen: () => false };";
      if (source === "@salesforce/apex") {
        return (
          'export { refreshValue as refreshApex } from "preview/lds";\n' +
          "export function getSObjectValue(record, field) { return record ? record[typeof field === 'string' ? field.split('.').pop() : field.fieldApiName] : undefined; }"
        );
      }
      if (source.startsWith(APEX_PREFIX)) {
        const [className, methodName] = source.slice(APEX_PREFIX.length).split(".");
        const exportName = `${className}_${methodName}`;
        return [
          `import { ${exportName} as implementation, callApex } from "preview/apex";`,
          'import { apexWireAdapter } from "preview/lds";',
          "const method = (params) => callApex(implementation, params);",
          "method.adapter = apexWireAdapter(method);",
          "export default method;",
        ].join("\n");
      }
      if (source.startsWith(LABEL_IMPORT_PREFIX)) {
        const name = source.slice(LABEL_IMPORT_PREFIX.length);
        const module = labelModule(labels, name);
        if (module === null) {
          this.error(`Custom Label ${name} is imported but not in ${LABELS_FILE}; add it there (and its translations)`);
        }
        return module;
      }
      if (I18N_SETTINGS.has(source)) {
        const setting = source.slice(source.lastIndexOf("/") + 1);
        return `import { userSetting } from "preview/i18n";\nexport default userSetting(${JSON.stringify(setting)});`;
      }
      if (source.startsWith(SCHEMA_PREFIX)) {
        const [objectApiName, ...field] = source.slice(SCHEMA_PREFIX.length).split(".");
        const value = field.length ? { objectApiName, fieldApiName: field.join(".") } : { objectApiName };
        return `export default ${JSON.stringify(value)};`;
      }
      if (source === "@salesforce/user/Id")
        return 'import { runningUser } from "preview/store";\nexport default runningUser().id;';
      if (source === "@salesforce/user/isGuest") return "export default false;";
      if (source.startsWith("@salesforce/customPermission/")) {
        // Read when the module loads, which is when the page starts as the sales rep: none of the CS permissions.
        return "export default false;";
      }
      return null;
    },
  };
}

// Module ids as a reader knows them: project-relative paths, without the compiler's ?specifier= suffix.
function readableId(id: string): string {
  const path = id.replace(VIRTUAL, "").replace(/\?specifier=.*$/, "");
  return path.startsWith("/") ? relative(PROJECT_ROOT, path) : path;
}

function describeLog(log: RollupLog): string {
  const importer = log.id ? readableId(log.id) : "an unknown module";
  if (log.code === "MISSING_EXPORT" && log.message.includes("preview/apex")) {
    return (
      `${log.message.replace(/\0preview:/g, "").replace(/\.$/, "")}: a component calls an Apex method the preview has no stand-in ` +
      "for; add it to preview/modules/preview/apex/apex.js"
    );
  }
  if (log.code === "MISSING_EXPORT") {
    return `${log.message}: the preview's stand-in lacks what ${importer} uses; add it under preview/modules`;
  }
  if (log.code === "UNRESOLVED_IMPORT") {
    return (
      `"${log.exporter ?? "a module"}", imported by ${importer}, has no stand-in in the preview; ` +
      "add one under preview/modules (see docs/preview.md)"
    );
  }
  return log.id ? `${log.message} (in ${importer})` : log.message;
}

export async function buildPreview(options: BuildOptions = {}): Promise<BuildResult> {
  const source = options.source ?? DEFAULT_SOURCE;
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const log = options.log ?? (() => undefined);
  const lwcDir = join(source, "lwc");
  log("checking the compiled components");
  const missing = missingComponentFiles(lwcDir);
  if (missing.length) {
    throw new PreviewBuildError(`The preview cannot be built:\n- ${missing.join("\n- ")}`);
  }
  const fingerprint = inputFingerprint(source);
  const previous = readStamp(outDir);
  if (
    options.reuseUnchanged &&
    previous?.fingerprint === fingerprint &&
    existsSync(join(outDir, "app.js")) &&
    existsSync(join(outDir, "index.html"))
  ) {
    log(`nothing changed since the build of ${previous.builtAt}: reusing ${relative(PROJECT_ROOT, outDir) || outDir}`);
    return {
      outDir,
      cache: options.cache,
      bundleBytes: previous.bundleBytes,
      components: [...PAGE_COMPONENTS],
      reused: true,
    };
  }
  log("reading the requirement records, settings and field metadata for the sample data");
  const sampleDataJson = JSON.stringify(buildSampleData(source));
  const recordedRowsJson = JSON.stringify(JSON.parse(readFileSync(recordedRowsPath(source), "utf8")).rows);
  log(
    `bundling ${PAGE_COMPONENTS.join(", ")} with lightning-base-components (rollup and the LWC compiler: ` +
      "about half a minute on a 2-core machine the first time)",
  );
  const problems: string[] = [];
  const bundle = await rollup({
    // Cached modules keep how their imports resolved; dropping that makes c/<component> resolve against this
    // build's source even when the cache comes from a build of another copy of it.
    cache: options.cache && {
      ...options.cache,
      modules: options.cache.modules.map((module) => ({ ...module, resolvedIds: {} })),
    },
    input: join(PREVIEW_DIR, "web/main.js"),
    plugins: [
      platformModules(sampleDataJson, recordedRowsJson, readPreviewLabels(source)),
      replace({
        preventAssignment: true,
        values: {
          // Without this the engine takes the server-side rendering path and the page stays blank.
          "import.meta.env.SSR": "false",
          "process.env.NODE_ENV": JSON.stringify("development"),
          "process.env.IS_BROWSER": "true",
        },
      }),
      lwc({
        rootDir: PROJECT_ROOT,
        modules: [
          { dir: join(PREVIEW_DIR, "modules") },
          ...componentAliases(lwcDir),
          { npm: "lightning-base-components" },
        ],
      }),
    ],
    onLog(level, log) {
      if (level === "warn" && ["UNRESOLVED_IMPORT", "MISSING_EXPORT"].includes(log.code ?? "")) {
        problems.push(describeLog(log));
      }
    },
  }).catch((error: RollupLog & Error) => {
    throw new PreviewBuildError(`The preview bundle failed: ${describeLog(error)}`);
  });
  if (problems.length) {
    await bundle.close();
    throw new PreviewBuildError(`The preview bundle is incomplete:\n- ${problems.join("\n- ")}`);
  }
  log(`writing ${relative(PROJECT_ROOT, outDir) || outDir}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { output } = await bundle.write({ file: join(outDir, "app.js"), format: "es", inlineDynamicImports: true });
  const cache = bundle.cache;
  await bundle.close();
  copyFileSync(join(PREVIEW_DIR, "web/index.html"), join(outDir, "index.html"));
  const code = output[0].code;
  const bundleBytes = Buffer.byteLength(code);
  writeFileSync(
    join(outDir, BUILD_STAMP),
    JSON.stringify({ fingerprint, builtAt: new Date().toISOString(), bundleBytes }, null, 2),
  );
  return { outDir, cache, bundleBytes, components: [...PAGE_COMPONENTS], reused: false };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  buildPreview({ log: (message) => console.log(`preview: ${message}`) })
    .then((result) => {
      console.log(
        `preview: built ${relative(PROJECT_ROOT, result.outDir)} (${Math.round(result.bundleBytes / 1024)} KB)`,
      );
    })
    .catch((error: Error) => {
      console.error(error instanceof PreviewBuildError ? error.message : error);
      process.exitCode = 1;
    });
}
