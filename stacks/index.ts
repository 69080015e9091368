import { Stack, type App } from "sst/constructs";
import { acceptSstHandlerFindings } from "./nag";
import { Events } from "./Events";
import { FUNCTION_DEFAULTS } from "./functions";
import { Lifecycle } from "./Lifecycle";
import { Observability } from "./Observability";
import { Pricing } from "./Pricing";
import { Storage } from "./Storage";

/** The whole application, stacks in dependency order. */
export function pricingApp(app: App): void {
  app.setDefaultFunctionProps(FUNCTION_DEFAULTS);
  app.stack(Storage).stack(Events).stack(Pricing).stack(Lifecycle).stack(Observability);
  for (const child of app.node.children) if (child instanceof Stack) acceptSstHandlerFindings(child.customResourceHandler);
}
