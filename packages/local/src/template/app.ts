import { InputError } from "@pricing/core/errors";
import type { LocalPlace, Resource } from "./names";
import { StackResolver, type StackTemplate, type Template } from "./resolver";

/** One resource of the app, with the resolver of the stack it lives in. */
export interface AppResource {
  stackName: string;
  logicalId: string;
  resource: Resource;
  /** Resolved properties: CloudFormation JSON of whichever resource type, read as its service's input. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped template JSON of any resource type; callers cast to the service input they build, and the template tests read it unnarrowed
  properties: Record<string, any>;
  resolver: StackResolver;
}

/**
 * The app's stacks as one: each stack keeps its own resolver (logical ids are per
 * stack), and `Fn::ImportValue` finds the exporting stack's output by export name, so
 * a cross-stack reference resolves to the same name or ARN the exporting stack uses.
 */
export class AppTemplate {
  readonly stacks: StackResolver[];
  private exports?: Map<string, { stack: StackResolver; value: unknown }>;
  private readonly resolving = new Set<string>();

  constructor(stacks: StackTemplate[], readonly place: LocalPlace) {
    this.stacks = stacks.map((stack) => new StackResolver(stack, place, (name) => this.importValue(name)));
  }

  /** Every resource of `type` across the stacks, in stack order, properties resolved. */
  resources(type: string): AppResource[] {
    const found: AppResource[] = [];
    for (const resolver of this.stacks) {
      for (const [logicalId, resource] of Object.entries(resolver.resources)) {
        if (resource.Type !== type) continue;
        const properties = (resolver.resolve(resource.Properties ?? {}) ?? {}) as AppResource["properties"];
        found.push({ stackName: resolver.stack.stackName, logicalId, resource, properties, resolver });
      }
    }
    return found;
  }

  /** Each stack's resolved Outputs, by stack name and output key. */
  outputs(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const resolver of this.stacks) {
      const outputs = resolver.stack.template.Outputs ?? {};
      out[resolver.stack.stackName] = Object.fromEntries(
        Object.entries(outputs)
          .filter(([key, output]) => !key.startsWith("ExportsOutput") && key !== "SSTMetadata" && output.Value !== undefined)
          .map(([key, output]) => [key, String(resolver.resolve(output.Value))]),
      );
    }
    return out;
  }

  /** The template of one stack (for services that take a whole template, such as table creation). */
  template(stackName: string): Template {
    const stack = this.stacks.find((s) => s.stack.stackName === stackName);
    if (!stack) throw new InputError("local.template.no_stack", `No stack ${stackName} in the app`);
    return stack.stack.template;
  }

  private importValue(exportName: string): unknown {
    this.exports ??= this.collectExports();
    const found = this.exports.get(exportName);
    if (!found) throw new InputError("local.template.no_export", `No stack exports ${exportName}`, { exportName });
    if (this.resolving.has(exportName)) throw new InputError("local.template.export_cycle", `Export ${exportName} refers to itself`);
    this.resolving.add(exportName);
    try {
      return found.stack.resolve(found.value);
    } finally {
      this.resolving.delete(exportName);
    }
  }

  private collectExports(): Map<string, { stack: StackResolver; value: unknown }> {
    const exports = new Map<string, { stack: StackResolver; value: unknown }>();
    for (const stack of this.stacks) {
      for (const output of Object.values(stack.stack.template.Outputs ?? {})) {
        if (output.Export?.Name === undefined) continue;
        exports.set(String(stack.resolve(output.Export.Name)), { stack, value: output.Value });
      }
    }
    return exports;
  }
}
