#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript sources directly: the CLI ships with the repository, not as a build.
// The local cloud allocates many short-lived objects (SDK requests, execution histories):
// a 64 MB young generation (V8's default is 16 MB) cuts its garbage collection enough to
// price 500 in-play matches where it priced 300 (BENCHMARKS.md, "Pipeline").
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
