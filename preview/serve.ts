// `npm start`: builds the preview (preview/build.ts) and serves it on 127.0.0.1 with node:http. The page and its
// bundle come from out/preview/site; the Lightning Design System's styles, icons and fonts from the installed
// @salesforce-ux/design-system package under /assets/, so the page needs nothing from the internet.
import { createServer, type Server } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import { PROJECT_ROOT } from "../scripts/lib/forceApp.ts";
import { buildPreview, DEFAULT_OUT_DIR, PreviewBuildError } from "./build.ts";

export const SLDS_ASSETS = join(PROJECT_ROOT, "node_modules/@salesforce-ux/design-system/assets");
export const DEFAULT_PORT = 4173;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

export interface PreviewServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

// Maps a request path to a file inside one of the two roots; anything else (including ../ tricks) is not found.
export function resolveRequestPath(siteDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  const [root, rest] = decoded.startsWith("/assets/")
    ? [SLDS_ASSETS, decoded.slice("/assets/".length)]
    : [siteDir, decoded === "/" ? "index.html" : decoded.slice(1)];
  const file = normalize(join(root, rest));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export function startServer(options: { siteDir?: string; port?: number } = {}): Promise<PreviewServer> {
  const siteDir = options.siteDir ?? DEFAULT_OUT_DIR;
  if (!existsSync(join(siteDir, "index.html"))) {
    return Promise.reject(new Error(`${siteDir}/index.html not found: build the preview first (tsx preview/build.ts)`));
  }
  const server = createServer((request, response) => {
    const file =
      request.method === "GET" || request.method === "HEAD" ? resolveRequestPath(siteDir, request.url ?? "/") : null;
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end(`Not found: ${request.url}`);
      return;
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      // Reloading must give the freshly built bundle and fresh sample data.
      "cache-control": "no-store",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// PORT when set; otherwise the default port, or any free one when something else already uses it.
async function startOnPreferredPort(): Promise<PreviewServer> {
  if (process.env.PORT) return startServer({ port: Number(process.env.PORT) });
  try {
    return await startServer({ port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    return startServer({ port: 0 });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const skipBuild = process.argv.includes("--no-build");
  (async () => {
    if (!skipBuild) {
      const started = Date.now();
      const result = await buildPreview({
        reuseUnchanged: true,
        log: (message) => console.log(`preview: ${message}`),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `preview: ${result.reused ? "reused" : "built"} ${relative(PROJECT_ROOT, result.outDir)} in ${seconds} s`,
      );
    }
    const preview = await startOnPreferredPort();
    console.log(`preview: serving the handoff app on sample data at ${preview.url} (Ctrl+C to stop)`);
    const stop = () => preview.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  })().catch((error: Error) => {
    console.error(error instanceof PreviewBuildError ? error.message : error);
    process.exit(1);
  });
}
