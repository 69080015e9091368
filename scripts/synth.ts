/**
 * `npm run synth`: synthesizes the SST app in-process, with no AWS access, and writes
 * each stack's CloudFormation template and each state machine's ASL (references shown
 * as placeholder ARNs) under build/synth/, with the cdk-nag reports beside them.
 * Exits non-zero on any unsuppressed AwsSolutions error.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { synthesizeApp } from "@pricing/local/template/synth-app";

const out = path.resolve("build/synth");
const stage = process.argv[2] ?? "synth";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const { templates, definitions, messages } = await synthesizeApp({ stage, outdir: path.join(out, "cdk.out"), nag: true });
const shortName = (stackName: string) => stackName.split("-").at(-1)!;
for (const [stackName, template] of Object.entries(templates)) {
  writeFileSync(path.join(out, `${shortName(stackName)}.template.json`), JSON.stringify(template, null, 2));
}
for (const [logicalId, asl] of Object.entries(definitions)) {
  writeFileSync(path.join(out, `${logicalId.replace(/[0-9A-F]{8}$/, "")}.asl.json`), JSON.stringify(asl, null, 2));
}
const errors = Object.values(messages).flat().filter((m) => m.level === "error");
for (const e of errors) console.error(`${e.id}: ${e.entry}`);
console.log(`wrote ${Object.keys(templates).length} templates and ${Object.keys(definitions).length} state machine definitions to ${path.relative(process.cwd(), out)}/`);
process.exit(errors.length > 0 ? 1 : 0);
