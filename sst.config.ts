import type { SSTConfig } from "sst";
import { pricingApp } from "./stacks";

export default {
  config() {
    return { name: "pricing-engine", region: "us-east-1" };
  },
  stacks(app) {
    pricingApp(app);
  },
} satisfies SSTConfig;
