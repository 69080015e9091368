import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The console package's folder: bundle paths are written relative to it, so the output is the same on every machine. */
const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));

/** The page's script as the console serves it, checked in so the console runs without esbuild (a dev dependency). */
export const WEB_BUNDLE = fileURLToPath(new URL("../web/dist/console.js", import.meta.url));

const BANNER = "// Generated from packages/console/web/*.ts by `npm run build -w @pricing/console`; do not edit.";

/**
 * Bundles the page's TypeScript with uPlot into one ES module. Not minified: the file is
 * reviewed in diffs and read in the browser's debugger without a source map.
 */
export async function bundleWeb(): Promise<string> {
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: ["web/main.ts"],
    bundle: true,
    format: "esm",
    target: ["chrome110", "firefox110"],
    write: false,
    legalComments: "none",
    banner: { js: BANNER },
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(WEB_BUNDLE, await bundleWeb());
  console.log(`wrote ${WEB_BUNDLE}`);
}
