import { syncBuiltinESMExports } from "node:module";
import http from "node:http";
import { AwsServiceError } from "./protocol";
import type { Authorizer } from "./server";
import type { AppTemplate } from "./template/app";
import { currentFunctionEnv } from "./lambda/env";

/**
 * The permissions of the app's functions, enforced on the local endpoint.
 *
 * On AWS a function may call only the actions its execution role allows; locally every
 * call would succeed, so a handler that starts making a call its role does not grant
 * would pass every local test and fail on its first deploy. Here each function's role
 * is read from the template (its AWS::IAM::Policy statements and inline policies) and
 * every call a function makes to the local endpoint is checked against it.
 *
 * What is checked, honestly: the action (`dynamodb:PutItem`, `events:PutEvents`, ...)
 * with IAM's wildcards and explicit Deny; not resources or conditions (the stack tests
 * check that statements name this app's resources). Callers that are not functions (the
 * CLI, the console, tests) act as an administrator, as a developer's credentials would.
 */
export type Permissions = Map<string, PolicyStatement[]>;
export interface PolicyStatement {
  effect: "Allow" | "Deny";
  /** The statement's actions as IAM matches them (compiled once: every call is checked). */
  actions: RegExp[];
  /** The service part of each action (`dynamodb` of `dynamodb:GetItem`, all of `*`), matched the same way. */
  services: RegExp[];
}

/** The header the local cloud puts on requests made from inside a function's invocation. */
export const CALLER_HEADER = "x-local-function-name";

/** The IAM service prefix of each AWS JSON protocol target prefix the endpoint mounts. */
const IAM_PREFIX: Record<string, string> = {
  DynamoDB_20120810: "dynamodb",
  AWSEvents: "events",
  AWSStepFunctions: "states",
  AmazonSQS: "sqs",
};

type Raw = { Type: string; Properties?: Record<string, unknown> };
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function statementsOf(document: { Statement?: unknown } | undefined): PolicyStatement[] {
  return asList(document?.Statement as Array<{ Effect?: string; Action?: string | string[] }> | undefined)
    .filter((s) => s.Action !== undefined)
    .map((s) => {
      const actions = asList(s.Action).map(String);
      return { effect: s.Effect === "Deny" ? "Deny" : "Allow", actions: actions.map(actionPattern), services: actions.map((a) => actionPattern(a.split(":")[0])) };
    });
}

/** Each function's policy statements, by the function name the local cloud invokes it as. */
export function functionPermissions(app: AppTemplate): Permissions {
  const permissions: Permissions = new Map();
  for (const stack of app.stacks) {
    const resources = Object.entries<Raw>(stack.resources as Record<string, Raw>);
    const byRole = new Map<string, PolicyStatement[]>();
    for (const [roleId, role] of resources.filter(([, r]) => r.Type === "AWS::IAM::Role")) {
      byRole.set(roleId, asList(role.Properties?.Policies as Array<{ PolicyDocument?: { Statement?: unknown } }> | undefined).flatMap((p) => statementsOf(p.PolicyDocument)));
    }
    for (const [, policy] of resources.filter(([, r]) => r.Type === "AWS::IAM::Policy")) {
      for (const role of asList(policy.Properties?.Roles as Array<{ Ref?: string }> | undefined)) {
        if (role?.Ref && byRole.has(role.Ref)) byRole.get(role.Ref)!.push(...statementsOf(policy.Properties?.PolicyDocument as { Statement?: unknown } | undefined));
      }
    }
    for (const [logicalId, fn] of resources.filter(([, r]) => r.Type === "AWS::Lambda::Function")) {
      const roleId = (fn.Properties?.Role as { "Fn::GetAtt"?: [string, string] } | undefined)?.["Fn::GetAtt"]?.[0];
      permissions.set(String(stack.resolve({ Ref: logicalId })), roleId ? (byRole.get(roleId) ?? []) : []);
    }
  }
  return permissions;
}

/** IAM's action matching: case-insensitive, `*` any run of characters, `?` one. */
function actionPattern(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i");
}

export function isAllowed(statements: PolicyStatement[], action: string): boolean {
  const applies = (s: PolicyStatement) => s.actions.some((pattern) => pattern.test(action));
  return !statements.some((s) => s.effect === "Deny" && applies(s)) && statements.some((s) => s.effect === "Allow" && applies(s));
}

/**
 * SQS's batch operations have no IAM action of their own: each is allowed by its
 * single-message action (SendMessageBatch by sqs:SendMessage, and so on).
 */
const BATCH_ACTION: Record<string, string> = {
  "sqs:SendMessageBatch": "sqs:SendMessage",
  "sqs:DeleteMessageBatch": "sqs:DeleteMessage",
  "sqs:ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility",
};

/**
 * Refuses `targetPrefix.operation` when `caller` (a function name, or undefined for a
 * caller that is not a function) may not perform it, as AWS answers: AccessDeniedException.
 */
export function authorize(permissions: Permissions, accountId: string, caller: string | undefined, targetPrefix: string, operation: string): void {
  if (caller === undefined) return;
  const prefix = Object.hasOwn(IAM_PREFIX, targetPrefix) ? IAM_PREFIX[targetPrefix] : undefined;
  if (!prefix) return;
  const called = `${prefix}:${operation}`;
  const action = Object.hasOwn(BATCH_ACTION, called) ? BATCH_ACTION[called] : called;
  const statements = permissions.get(caller);
  if (statements && isAllowed(statements, action)) return;
  throw new AwsServiceError(
    "AccessDeniedException",
    `User: arn:aws:sts::${accountId}:assumed-role/${caller}-role/${caller} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    400,
  );
}

/**
 * Whether a role allows any call to the services the local endpoint serves (DynamoDB,
 * EventBridge, Step Functions, SQS): a function whose role allows none of them can only
 * compute (PriceGroup, the models).
 */
export function callsLocalServices(statements: PolicyStatement[]): boolean {
  const prefixes = Object.values(IAM_PREFIX);
  return statements.some((s) => s.effect === "Allow" && s.services.some((service) => prefixes.some((prefix) => service.test(prefix))));
}

/** The endpoint's check of each request against the role of the function that sent it (CALLER_HEADER). */
export function roleCheck(permissions: Permissions, accountId: string): Authorizer {
  return (request, targetPrefix, operation) => {
    const caller = request.headers[CALLER_HEADER];
    authorize(permissions, accountId, typeof caller === "string" ? caller : undefined, targetPrefix, operation);
  };
}

let marking = false;
/**
 * Marks every HTTP request made inside a function's invocation with the function's
 * name (CALLER_HEADER), so the endpoint knows whose role to check. The functions run in
 * this process and share SDK clients (and so credentials), so the signature cannot say
 * which function called; the invocation's scope can. `http.request` is wrapped once and
 * the builtin's ESM bindings synced (`module.syncBuiltinESMExports`), so the SDK's
 * handler sees the wrapper however it imported `node:http`.
 */
export function markFunctionRequests(): void {
  if (marking) return;
  marking = true;
  const original = http.request;
  const wrapped = function request(this: unknown, ...args: unknown[]) {
    const name = currentFunctionEnv()?.AWS_LAMBDA_FUNCTION_NAME;
    if (name !== undefined) {
      const i = args.findIndex((a) => typeof a === "object" && a !== null && !(a instanceof URL));
      if (i >= 0) {
        const options = args[i] as http.RequestOptions;
        args[i] = { ...options, headers: { ...(options.headers as Record<string, string> | undefined), [CALLER_HEADER]: name } };
      }
    }
    return (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
  } as typeof http.request;
  http.request = wrapped;
  syncBuiltinESMExports();
}
