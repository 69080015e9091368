import { createRequire } from "node:module";
import { InputError } from "@pricing/core/errors";
import type { AslDefinition, AslState, Resolver, StateMachineSpec, StateMachineType } from "./types";

type AslValidator = (definition: unknown, options: { checkArn: boolean; checkPaths: boolean }) => { isValid: boolean; errorsText: (separator?: string) => string };
const aslValidator = createRequire(import.meta.url)("asl-validator") as AslValidator;

/** Task resource the local cloud gives converted Wait states (see prepareDefinition). */
export const LOCAL_WAIT_RESOURCE = "arn:aws:states:::local:wait";
// The library's task timer is a real setTimeout, which Node caps at 2^31-1 ms; tasks
// time out on the shared clock instead, so the library's own timer is pushed to the cap.
const LIBRARY_TASK_TIMEOUT_SECONDS = 2_147_483;

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Template = { Resources?: Record<string, Resource> };

export interface PreparedDefinition {
  /** The definition the library runs. */
  definition: AslDefinition;
  /** Original type of every state, nested ones included (names are unique per machine). */
  stateTypes: Map<string, string>;
  /** Original Task and Wait states by name, with their Retry, timeouts and wait fields. */
  tasks: Map<string, AslState>;
  waits: Map<string, AslState>;
}

type ChoiceRule = Record<string, unknown>;

/**
 * A Choice rule as the library reads it as AWS does: the library (aws-local-stepfunctions
 * 3.0.0) evaluates `IsPresent: false` as `false && defined`, so it never matches, where
 * AWS matches a path that is absent. Each such rule, at any depth of And, Or and Not,
 * becomes `Not: { Variable, IsPresent: true }`, which the library reads right.
 */
function choiceRule(rule: ChoiceRule): ChoiceRule {
  if (rule.IsPresent === false) {
    const { Variable, IsPresent: _absent, ...rest } = rule;
    return { ...rest, Not: { Variable, IsPresent: true } };
  }
  const out: ChoiceRule = { ...rule };
  for (const key of ["And", "Or"]) if (Array.isArray(rule[key])) out[key] = (rule[key] as ChoiceRule[]).map(choiceRule);
  if (rule.Not && typeof rule.Not === "object") out.Not = choiceRule(rule.Not as ChoiceRule);
  return out;
}

/**
 * Rewrites a definition so every timer runs on the shared clock: the library sleeps
 * on real timers in Wait states, Retry pauses, task timeouts and TimeoutSeconds, and
 * it has no option to take a clock. So Wait states become Tasks on a local resource
 * (their handler sleeps on the clock; Parameters carry the input and any
 * SecondsPath/TimestampPath), Retry and TimeoutSeconds/HeartbeatSeconds move from
 * Task states into the local task runner, and TimeoutSeconds of the machine moves to
 * the execution. Catch stays with the library. Choice rules are rewritten where the
 * library reads them otherwise than AWS (`choiceRule`).
 */
export function prepareDefinition(original: AslDefinition): PreparedDefinition {
  const stateTypes = new Map<string, string>();
  const tasks = new Map<string, AslState>();
  const waits = new Map<string, AslState>();
  const rewrite = (machine: AslDefinition): AslDefinition => {
    const states: Record<string, AslState> = {};
    for (const [name, state] of Object.entries(machine.States)) {
      stateTypes.set(name, state.Type);
      if (state.Type === "Task") {
        tasks.set(name, state);
        if (state.TimeoutSecondsPath || state.HeartbeatSecondsPath) {
          throw new InputError("local.sfn.unsupported_field", `State ${name}: TimeoutSecondsPath and HeartbeatSecondsPath are not supported locally; use TimeoutSeconds/HeartbeatSeconds`);
        }
        const { Retry: _retry, TimeoutSeconds: _t, HeartbeatSeconds: _h, ...rest } = state;
        states[name] = { ...rest, TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS };
      } else if (state.Type === "Wait") {
        waits.set(name, state);
        const { Seconds: _s, Timestamp: _ts, SecondsPath, TimestampPath, ...rest } = state;
        const parameters: Record<string, string> = { "input.$": "$" };
        if (SecondsPath) parameters["seconds.$"] = SecondsPath;
        if (TimestampPath) parameters["timestamp.$"] = TimestampPath;
        states[name] = { ...rest, Type: "Task", Resource: LOCAL_WAIT_RESOURCE, Parameters: parameters, TimeoutSeconds: LIBRARY_TASK_TIMEOUT_SECONDS };
      } else if (state.Type === "Map") {
        const key = state.ItemProcessor ? "ItemProcessor" : "Iterator";
        states[name] = { ...state, [key]: rewrite(state[key]!) };
      } else if (state.Type === "Choice") {
        states[name] = { ...state, Choices: (state.Choices as ChoiceRule[]).map(choiceRule) };
      } else if (state.Type === "Parallel") {
        states[name] = { ...state, Branches: state.Branches!.map((branch) => rewrite(branch)) };
      } else {
        states[name] = state;
      }
    }
    const { TimeoutSeconds: _timeout, ...top } = machine;
    return { ...top, States: states };
  };
  return { definition: rewrite(original), stateTypes, tasks, waits };
}

/** Validates a definition as CreateStateMachine would (asl-validator). */
export function validateDefinition(name: string, definition: AslDefinition): void {
  const { isValid, errorsText } = aslValidator(definition, { checkArn: false, checkPaths: true });
  if (!isValid) throw new InputError("local.sfn.invalid_definition", `State machine ${name} has an invalid definition: ${errorsText("; ")}`);
}

/** Replaces `${key}` placeholders as CloudFormation's DefinitionSubstitutions do. */
function substitute(text: string, substitutions: Record<string, unknown>, resolve: Resolver): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => (key in substitutions ? String(resolve(substitutions[key])) : whole));
}

/**
 * The template's AWS::StepFunctions::StateMachine resources as runnable specs.
 * DefinitionString (often an Fn::Join of Refs and GetAtts), Definition (an object) and
 * DefinitionSubstitutions are resolved through the integrator's resolver; the ARN is
 * the resolver's answer to `Ref`, so definitions that reference each other agree.
 */
export function stateMachinesFromTemplate(template: Template, resolve: Resolver, now = Date.now()): StateMachineSpec[] {
  const specs: StateMachineSpec[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== "AWS::StepFunctions::StateMachine") continue;
    const props = resource.Properties ?? {};
    const substitutions = (props.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
    let text: string;
    if (props.DefinitionString !== undefined) text = String(resolve(props.DefinitionString));
    else if (props.Definition !== undefined) text = JSON.stringify(resolve(props.Definition));
    else throw new InputError("local.sfn.no_definition", `State machine ${logicalId} has no DefinitionString or Definition (S3 locations are not supported locally)`);
    const definition = JSON.parse(substitute(text, substitutions, resolve)) as AslDefinition;
    const arn = String(resolve({ Ref: logicalId }));
    const name = arn.split(":").at(-1) ?? logicalId;
    validateDefinition(name, definition);
    const type = (props.StateMachineType ?? "STANDARD") as StateMachineType;
    const roleArn = props.RoleArn ? String(resolve(props.RoleArn)) : `arn:aws:iam::000000000000:role/${name}-role`;
    specs.push({ arn, name, type, definition, roleArn, creationDate: now });
  }
  return specs;
}
