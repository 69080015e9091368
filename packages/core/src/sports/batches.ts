import { InputError } from "../errors";
import { MODEL_GROUPS_PER_INVOCATION } from "../policy";
import type { Sport } from "./contract";

/** The groups one model invocation of the sport prices at most. */
export function groupsPerInvocation(sport: Pick<Sport, "id" | "groupsPerInvocation">): number {
  const size = sport.groupsPerInvocation ?? MODEL_GROUPS_PER_INVOCATION;
  if (!(size >= 1 && (Number.isInteger(size) || size === Number.POSITIVE_INFINITY))) throw new InputError("sport.invalid_batch", `${sport.id}: groupsPerInvocation is a whole number from 1, got ${String(size)}`);
  return size;
}

/**
 * The batch plan of a repricing: `groups` cut into the model invocations that price
 * them, in order, each at most the sport's groupsPerInvocation. PriceMatch's Map runs
 * one item (one model invocation) per batch.
 */
export function modelBatches(sport: Pick<Sport, "id" | "groupsPerInvocation">, groups: readonly string[]): string[][] {
  const size = groupsPerInvocation(sport);
  const batches: string[][] = [];
  for (let i = 0; i < groups.length; i += size) batches.push(groups.slice(i, i + size));
  return batches;
}
