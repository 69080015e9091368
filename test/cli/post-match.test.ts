import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "./run";

const ROLE = "arn:aws:iam::123456789012:role/prod-pricing-engine-FeedProducer";

/**
 * A folder with a fake `aws` that records its arguments; `events put-events` prints
 * `stdout` and exits with `status`, the role look-up and assume-role answer as AWS does.
 */
function fakeAws(stdout: string, status = 0, stderr = ""): { env: NodeJS.ProcessEnv; calls: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-aws-"));
  const calls = path.join(dir, "calls");
  writeFileSync(
    path.join(dir, "aws"),
    [
      "#!/usr/bin/env bash",
      `printf '%s\\n' "$*" >> ${JSON.stringify(calls)}`,
      `case "$*" in *cloudformation*) echo ${JSON.stringify(ROLE)}; exit 0;; *sts*) printf 'AKIA\\tSECRET\\tTOKEN\\n'; exit 0;; esac`,
      `printf '%s' ${JSON.stringify(stdout)}`,
      `printf '%s' ${JSON.stringify(stderr)} >&2`,
      `exit ${status}`,
      "",
    ].join("\n"),
  );
  chmodSync(path.join(dir, "aws"), 0o755);
  return { env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}` }, calls };
}

const postMatch = (env: NodeJS.ProcessEnv, ...args: string[]) => run("bash", ["examples/post-match.sh", ...args], env);

describe("examples/post-match.sh", () => {
  test("fails loudly when EventBridge refuses an entry", async () => {
    const aws = fakeAws(JSON.stringify({ FailedEntryCount: 1, Entries: [{ EventId: "1" }, { ErrorCode: "NotFoundException", ErrorMessage: "Event bus prod-match-events does not exist." }] }));
    const result = await postMatch(aws.env, "prod");
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /EventBridge refused 1 of the entries of 01\.json on bus prod-match-events/);
    assert.match(result.stderr, /entry 2: NotFoundException Event bus prod-match-events does not exist\./);
  });

  test("fails loudly when the aws CLI fails, with its message", async () => {
    const aws = fakeAws("", 255, "\nCould not connect to the endpoint URL: \"https://events.us-east-1.amazonaws.com/\"\n");
    const result = await postMatch(aws.env);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /aws events put-events failed for 01\.json on bus dev-match-events/);
    assert.match(result.stderr, /Could not connect to the endpoint URL/);
  });

  test("posts every file, in order, to the stage's bus and says so", async () => {
    const ok = (n: number) => JSON.stringify({ FailedEntryCount: 0, Entries: Array.from({ length: n }, (_, i) => ({ EventId: String(i) })) });
    const aws = fakeAws(ok(10));
    const result = await postMatch({ ...aws.env, AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "" }, "prod");
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^01\.json: 10 events put on prod-match-events\n02\.json: 10 events put on prod-match-events\n$/);
    const calls = readFileSync(aws.calls, "utf8");
    assert.equal(calls.match(/^--region eu-west-1 events put-events --entries /gm)?.length, 2, calls);
    assert.match(calls, /"prod-match-events"/);
    assert.doesNotMatch(calls, /"dev-match-events"/);
    assert.match(calls, /^--region eu-west-1 cloudformation describe-stacks --stack-name prod-pricing-engine-Events /m);
    assert.match(calls, new RegExp(`^--region eu-west-1 sts assume-role --role-arn ${ROLE} `, "m"));
  });

  test("against a local endpoint it posts with the caller's credentials, assuming no role", async () => {
    const aws = fakeAws(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: "1" }] }));
    const result = await postMatch({ ...aws.env, AWS_ENDPOINT_URL: "http://127.0.0.1:4010" }, "local");
    assert.equal(result.status, 0, result.stderr);
    const calls = readFileSync(aws.calls, "utf8");
    assert.doesNotMatch(calls, /sts|cloudformation/);
    assert.equal(calls.match(/events put-events/g)?.length, 2);
  });
});
