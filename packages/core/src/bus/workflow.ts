import { SendTaskSuccessCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { Config } from "../config";
import { InputError } from "../errors";
import { PRICE_JOBS_PER_EXECUTION } from "../policy";
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

/** Whether a job can join others in one PriceMatch execution: priceable, and its groups priced in one model invocation. */
export const joinsJobs = (job: PricingJob): boolean => job.priceable && job.sport !== null && job.batches.length <= 1;

/**
 * Starts one PriceMatch execution on several matches' jobs (its jobs path), all of
 * one sport, each `joinsJobs`, at most PRICE_JOBS_PER_EXECUTION. The execution prices
 * them in one model invocation and publishes each on its own claim.
 * @throws InputError "workflow.jobs" when the jobs cannot run together
 */
export async function startPriceMatchJobs(jobs: PricingJob[], reason: string): Promise<void> {
  const sport = jobs[0]?.sport;
  if (jobs.length === 0 || jobs.length > PRICE_JOBS_PER_EXECUTION || !jobs.every((j) => j.sport === sport && joinsJobs(j))) {
    throw new InputError("workflow.jobs", `one execution prices 1 to ${PRICE_JOBS_PER_EXECUTION} priceable jobs of one sport, each in one model invocation`);
  }
  // What the model and Publish take of each job: the model its groups, situation and margins, Publish the rest.
  const given = jobs.map(({ matchId, stateVersion, priceVersion, asOf, groups, situation, margins, held, partial }) => ({ matchId, stateVersion, priceVersion, asOf, groups, situation, margins, held, partial }));
  await sfnClient().send(new StartExecutionCommand({ stateMachineArn: Config.priceMatchArn, input: JSON.stringify({ reason, sport, jobs: given }) }));
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
