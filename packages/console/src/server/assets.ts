import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { InternalError } from "@pricing/core/errors";
import { TOKEN_META } from "../api";

/** The page's source: plain HTML, CSS and TypeScript modules under packages/console/web. */
export const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));
const require = createRequire(import.meta.url);

export interface Asset {
  type: string;
  body: string | Buffer;
}

/** Where the page keeps the per-launch token; the file ships it empty. */
const TOKEN_SLOT = `<meta name="${TOKEN_META}" content="">`;

/**
 * The console's static files, read on first request: the page (with this launch's
 * token written in), its stylesheet, uPlot's stylesheet from its dist folder, and the
 * page's script, bundled ahead of time into web/dist by src/build.ts (so the console
 * runs with production dependencies only; a test keeps the bundle current).
 */
export class Assets {
  private readonly cache = new Map<string, Promise<Asset>>();
  private readonly loaders: ReadonlyMap<string, () => Promise<Asset>>;

  constructor(token: string) {
    this.loaders = new Map<string, () => Promise<Asset>>([
      ["", async () => ({ type: "text/html; charset=utf-8", body: withToken(await readFile(`${WEB_DIR}index.html`, "utf8"), token) })],
      ["console.css", async () => ({ type: "text/css; charset=utf-8", body: await readFile(`${WEB_DIR}console.css`) })],
      ["match.css", async () => ({ type: "text/css; charset=utf-8", body: await readFile(`${WEB_DIR}match.css`) })],
      ["uplot.css", async () => ({ type: "text/css; charset=utf-8", body: await readFile(require.resolve("uplot/dist/uPlot.min.css")) })],
      ["console.js", async () => ({ type: "text/javascript; charset=utf-8", body: await readFile(`${WEB_DIR}dist/console.js`) })],
    ]);
  }

  get(path: string): Promise<Asset> | null {
    const load = this.loaders.get(path);
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

function withToken(html: string, token: string): string {
  if (!html.includes(TOKEN_SLOT)) throw new InternalError("console.no_token_slot", `index.html has no ${TOKEN_SLOT} to write the token into`);
  return html.replace(TOKEN_SLOT, `<meta name="${TOKEN_META}" content="${token}">`);
}
