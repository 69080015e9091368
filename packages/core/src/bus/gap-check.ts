import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { Config } from "../config";
import { MatchId } from "../match/event-fields";
import { SQS_MAX_DELAY_SECONDS } from "../policy";
import { sqsClient } from "./clients";

/**
 * A message ingest sends itself on the feed queue when it parks an event behind a gap:
 * delivered once the gap bound has passed, it makes ingest look at the match again, so
 * the gap is skipped (or a match never scheduled refused) even if no further event of
 * the match arrives. Harmless when the gap has closed meanwhile.
 */
export interface GapCheck {
  gapCheck: { matchId: string };
}

export async function sendGapCheck(matchId: string, afterSeconds: number): Promise<void> {
  const body: GapCheck = { gapCheck: { matchId } };
  await sqsClient().send(
    new SendMessageCommand({ QueueUrl: Config.feedQueueUrl, MessageBody: JSON.stringify(body), DelaySeconds: Math.min(SQS_MAX_DELAY_SECONDS, Math.ceil(afterSeconds)) }),
  );
}

/** The match of a gap check, or null when `body` is not one (a feed event, or anything else). */
export function gapCheckOf(body: string): string | null {
  if (!body.startsWith('{"gapCheck"')) return null;
  try {
    const matchId = (JSON.parse(body) as Partial<GapCheck>).gapCheck?.matchId;
    return MatchId.safeParse(matchId).success ? (matchId as string) : null;
  } catch {
    return null;
  }
}
