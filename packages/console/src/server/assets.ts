import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The page's source: plain HTML, CSS and TypeScript modules under packages/console/web. */
export const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));
const require = createRequire(import.meta.url);

export interface Asset {
  type: string;
  body: string | Buffer;
}

/**
 * The console's static files, built on first request: the page's TypeScript is bundled
 * with uPlot by esbuild (no build step before `npm start` or `npm test`), uPlot's
 * stylesheet comes from its dist folder.
 */
export class Assets {
  private readonly cache = new Map<string, Promise<Asset>>();

  get(path: string): Promise<Asset> | null {
    const load = LOADERS[path];
    if (!load) return null;
    let asset = this.cache.get(path);
    if (!asset) {
      asset = load();
      asset.catch(() => this.cache.delete(path));
      this.cache.set(path, asset);
    }
    return asset;
  }
}

const LOADERS: Record<string, () => Promise<Asset>> = {
  "": async () => ({ type: "text/html; charset=utf-8", body: await readFile(`${WEB_DIR}index.html`) }),
  "console.css": async () => ({ type: "text/css; charset=utf-8", body: await readFile(`${WEB_DIR}console.css`) }),
  "uplot.css": async () => ({ type: "text/css; charset=utf-8", body: await readFile(require.resolve("uplot/dist/uPlot.min.css")) }),
  "console.js": async () => {
    const result = await build({
      entryPoints: [`${WEB_DIR}main.ts`],
      bundle: true,
      format: "esm",
      target: ["chrome110", "firefox110"],
      write: false,
      minify: true,
      sourcemap: "inline",
      logLevel: "silent",
    });
    return { type: "text/javascript; charset=utf-8", body: Buffer.from(result.outputFiles[0].contents) };
  },
};
