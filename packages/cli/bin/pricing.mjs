#!/usr/bin/env node
// Runs the TypeScript sources directly: the CLI ships with the repository, not as a build.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
