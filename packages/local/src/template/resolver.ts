import { InputError } from "@pricing/core/errors";
import { attributeOf, physicalName, refOf, type LocalPlace, type Resource } from "./names";

export type Template = {
  Resources?: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  Parameters?: Record<string, { Default?: unknown }>;
  Conditions?: Record<string, unknown>;
};

/** One stack of the synthesized app. */
export interface StackTemplate {
  /** The construct id, e.g. "local-pricing-engine-Events". */
  stackName: string;
  template: Template;
}

/** Looks up an export across the app's stacks (Fn::ImportValue). */
export type ExportLookup = (exportName: string) => unknown;

type Value = unknown;
const unresolved = (what: string, detail: string) =>
  new InputError("local.template.unresolved", `Cannot resolve ${what} in the template: ${detail}`, { what });

/**
 * Resolves CloudFormation intrinsics of one stack to the local cloud's names, ARNs and
 * URLs: Ref (resources, parameters' defaults, pseudo parameters), Fn::GetAtt, Fn::Join,
 * Fn::Sub (both forms), Fn::Select, Fn::Split, Fn::ImportValue, Fn::If / Fn::Equals /
 * Fn::Not / Fn::And / Fn::Or / Fn::Contains and Conditions. Physical names are computed
 * once per resource, so every reference to one resource agrees.
 */
export class StackResolver {
  private readonly names = new Map<string, string>();
  private readonly busOfRule = new Map<string, string>();

  constructor(
    readonly stack: StackTemplate,
    private readonly place: LocalPlace,
    private readonly importValue: ExportLookup,
  ) {}

  get resources(): Record<string, Resource> {
    return this.stack.template.Resources ?? {};
  }

  /** Resolves any template value (objects and arrays deeply). */
  readonly resolve = (value: Value): Value => {
    if (Array.isArray(value)) return value.map(this.resolve);
    if (value === null || typeof value !== "object") return value;
    const entries = Object.entries(value as Record<string, Value>);
    if (entries.length === 1) {
      const [key, arg] = entries[0];
      if (key === "Ref") return this.ref(String(arg));
      if (key.startsWith("Fn::") || key === "Condition") return this.intrinsic(key, arg);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  };

  /** The physical name of a resource of this stack. */
  nameOf(logicalId: string): string {
    let name = this.names.get(logicalId);
    if (name === undefined) {
      const resource = this.resource(logicalId);
      name = physicalName(this.stack.stackName, logicalId, resource, this.resolve);
      this.names.set(logicalId, name);
    }
    return name;
  }

  private resource(logicalId: string): Resource {
    const resource = this.resources[logicalId];
    if (!resource) throw unresolved(`Ref ${logicalId}`, `no resource ${logicalId} in ${this.stack.stackName}`);
    return resource;
  }

  private ref(name: string): Value {
    const pseudo: Record<string, string> = {
      "AWS::Region": this.place.region,
      "AWS::AccountId": this.place.accountId,
      "AWS::Partition": "aws",
      "AWS::URLSuffix": "amazonaws.com",
      "AWS::StackName": this.stack.stackName,
      "AWS::StackId": `arn:aws:cloudformation:${this.place.region}:${this.place.accountId}:stack/${this.stack.stackName}/local`,
      "AWS::NoValue": "",
    };
    if (name in pseudo) return pseudo[name];
    const parameter = this.stack.template.Parameters?.[name];
    if (parameter) return parameter.Default ?? "";
    const resource = this.resource(name);
    return refOf(resource.Type, this.nameOf(name), this.place, this.ruleBus(name, resource));
  }

  private ruleBus(logicalId: string, resource: Resource): string | undefined {
    if (resource.Type !== "AWS::Events::Rule") return undefined;
    if (!this.busOfRule.has(logicalId)) {
      const bus = resource.Properties?.EventBusName;
      this.busOfRule.set(logicalId, bus === undefined ? "default" : String(this.resolve(bus)).split("/").pop()!);
    }
    return this.busOfRule.get(logicalId);
  }

  private getAtt(arg: Value): Value {
    const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split(/\.(.+)/);
    const resource = this.resource(String(logicalId));
    return attributeOf(resource.Type, this.nameOf(String(logicalId)), String(this.resolve(attribute)), this.place);
  }

  private sub(arg: Value): string {
    const [text, variables] = Array.isArray(arg) ? (arg as [string, Record<string, Value>]) : [String(arg), {}];
    return String(text).replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      if (name.startsWith("!")) return `\${${name.slice(1)}}`;
      if (variables && name in variables) return String(this.resolve(variables[name]));
      if (name.includes(".")) return String(this.getAtt(name));
      return String(this.ref(name));
    });
  }

  private condition(name: string): boolean {
    const condition = this.stack.template.Conditions?.[name];
    if (condition === undefined) throw unresolved(`Condition ${name}`, "no such condition");
    return Boolean(this.resolve(condition));
  }

  private intrinsic(key: string, arg: Value): Value {
    const args = Array.isArray(arg) ? arg : [arg];
    switch (key) {
      case "Fn::GetAtt": return this.getAtt(arg);
      case "Fn::Join": return (this.resolve(args[1]) as Value[]).map(String).join(String(args[0]));
      case "Fn::Sub": return this.sub(arg);
      case "Fn::Select": return (this.resolve(args[1]) as Value[])[Number(this.resolve(args[0]))];
      case "Fn::Split": return String(this.resolve(args[1])).split(String(args[0]));
      case "Fn::ImportValue": return this.importValue(String(this.resolve(arg)));
      case "Fn::Base64": return Buffer.from(String(this.resolve(arg))).toString("base64");
      case "Fn::GetAZs": return [`${this.place.region}a`, `${this.place.region}b`, `${this.place.region}c`];
      case "Fn::Equals": return JSON.stringify(this.resolve(args[0])) === JSON.stringify(this.resolve(args[1]));
      case "Fn::Not": return !this.resolve(args[0]);
      case "Fn::And": return args.every((a) => Boolean(this.resolve(a)));
      case "Fn::Or": return args.some((a) => Boolean(this.resolve(a)));
      case "Fn::Contains": return (this.resolve(args[0]) as Value[]).some((v) => JSON.stringify(v) === JSON.stringify(this.resolve(args[1])));
      case "Fn::If": return this.condition(String(args[0])) ? this.resolve(args[1]) : this.resolve(args[2]);
      case "Condition": return this.condition(String(arg));
      default: throw unresolved(key, "unsupported intrinsic function");
    }
  }
}
