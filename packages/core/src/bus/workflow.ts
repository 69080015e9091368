import { SendTaskSuccessCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { Config } from "../config";
import type { PricingJob } from "../match/flows/load";
import { sfnClient } from "./clients";

/**
 * Starts the match's Lifecycle execution, named after the match. Starting it again
 * with the same input is a no-op in Step Functions; ExecutionAlreadyExists (a rerun
 * with other input) means it is already running and is ignored.
 */
export async function startLifecycle(matchId: string, sport: string): Promise<string | null> {
  try {
    const out = await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn: Config.lifecycleArn, name: matchId, input: JSON.stringify({ matchId, sport }) }),
    );
    return out.executionArn ?? null;
  } catch (err) {
    if ((err as Error).name === "ExecutionAlreadyExists") return null;
    throw err;
  }
}

/**
 * Starts a PriceMatch execution on the pricing job of a state the caller holds (it has
 * just read or stored it): the execution prices that job without reading the state
 * again. The Lifecycle's pre-event pricing starts one with `{ matchId, reason, asOf }`
 * only, and its LoadState reads the state.
 */
export async function startPriceMatch(job: PricingJob, reason: string): Promise<void> {
  await sfnClient().send(new StartExecutionCommand({ stateMachineArn: Config.priceMatchArn, input: JSON.stringify({ reason, ...job }) }));
}

const SPENT_TOKEN_ERRORS = new Set(["TaskTimedOut", "TaskDoesNotExist", "InvalidToken"]);

/**
 * Resumes a waiting task. Both the ingest path and the waiting task itself may try:
 * the event that ends an epoch can be ingested before the task has parked its token,
 * so the task checks the state first; the second finds the token spent, which is
 * reported as false rather than raised.
 */
export async function completeTask(taskToken: string, output: unknown): Promise<boolean> {
  try {
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return true;
  } catch (err) {
    if (SPENT_TOKEN_ERRORS.has((err as Error).name)) return false;
    throw err;
  }
}
