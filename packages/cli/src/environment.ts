// Evaluated before any other module of the CLI. The command-line tools run on the
// developer's Node (20 or later) while deployed functions run on Node 22, and SST's
// tooling still loads the AWS SDK v2: neither notice is actionable here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";

/**
 * The oldest Node the CLI and the local cloud run on (package.json `engines`). Node 20
 * needs the Promise.withResolvers polyfill of packages/local for aws-local-stepfunctions,
 * which declares Node 22; Node 22 is what Lambda runs and what is recommended.
 */
export const MIN_NODE_MAJOR = 20;

/** Why this Node cannot run the CLI, or undefined when it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(version.replace(/^v/, "").split(".")[0]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return undefined;
  return `Node ${MIN_NODE_MAJOR} or later is needed (Node 22 recommended); this is Node ${version}. Install Node 22, e.g. nvm install 22 && nvm use 22`;
}

const problem = nodeVersionProblem(process.version);
if (problem) {
  console.error(`pricing: ${problem}`);
  process.exit(1);
}
