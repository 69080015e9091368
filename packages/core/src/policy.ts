/**
 * The engine's operating policy: the timings and bounds that the sequencer, the
 * functions' configuration, the bus helpers and the stacks must agree on, each defined
 * once here with its reason. The stacks deploy them (as the functions' environment and
 * timeouts, and the queues' visibility timeouts); `Config` falls back to them when a
 * variable is unset. test/stacks/policy.test.ts holds the synthesized stacks to them.
 * Constants only, so that any bundle may import it.
 */

/**
 * Seconds between clock ticks while a match is in play. Each tick reprices the match
 * with the clock run on (between ticks, with no event, in-play prices stand still) and
 * closes a feed gap that has outlived GAP_BOUND_SECONDS. Each tick is a repricing: six
 * a minute per match in play at 10 s.
 */
export const TICK_SECONDS = 10;

/**
 * Market groups one model invocation prices, for a sport that does not set its own
 * (`Sport.groupsPerInvocation`): all of a repricing's groups. Pricing all ten groups of
 * a football moment takes about 2 ms of CPU, a tennis moment's 1.6 ms (one point
 * distribution prices all its groups), far below what an invocation costs around it: the
 * Step Functions task and Lambda request (each billed), the situation carried to the
 * function again, and on the local cloud a handler message's round trip (about 200 ms
 * an invocation under the mixed 500 + 300 load, where ten invocations a repricing, one
 * per group, queued the pipeline for a minute). A sport whose groups grow expensive to
 * price splits them into smaller batches, which the state machine runs in parallel.
 */
export const MODEL_GROUPS_PER_INVOCATION = Number.POSITIVE_INFINITY;

/**
 * Seconds the clock-tick queue's event source may wait to fill a batch of ten ticks
 * (MaximumBatchingWindowInSeconds; whole seconds, so 1 is the least but none). Ticks
 * come due spread over the interval (`firstTickDelaySeconds`), so without a window a
 * busy match day's batches held about four ticks: a ClockTick invocation and a
 * PriceMatch execution (its jobs path) for every four repricings instead of every ten.
 * A tick carries when it is due and its successor is due a whole interval later
 * (`nextDueAt`), so the wait does not stretch the interval.
 */
export const CLOCK_BATCHING_WINDOW_SECONDS = 1;

/**
 * Matches one PriceMatch execution reprices at most on its jobs path (a batch of clock
 * ticks: the ticks of an SQS batch come due together). One execution, one model
 * invocation, one Publish (the claims side by side, the price versions in one batch
 * write) and one PutEvents a chunk of ten, instead of each of those for every match:
 * ticks are five in six of the repricings of a match day in play. Ten, the tick queue's
 * batch size: ten football moments in play with their offered markets are about 113 KB
 * of the machine's state, under Step Functions' 256 KB (`test/functions/pricing.test.ts`).
 */
export const PRICE_JOBS_PER_EXECUTION = 10;

/**
 * Seconds a gap in a match's feed may stay open before the events parked behind it are
 * applied without the missing ones (and a match whose `Match Scheduled` never came is
 * refused). Long enough for a feed's reordering in transit and for a failed ingest to
 * be retried (see FEED_VISIBILITY_TIMEOUT_SECONDS); short enough that a lost event holds
 * the match's prices back for half a minute at most.
 */
export const GAP_BOUND_SECONDS = 30;

/**
 * How far ahead of the last applied seq a feed event may be and still wait for the gap
 * before it to fill: 32. A real feed's events overtake each other by a few in transit
 * (PutEvents takes 10 entries a call, the ingest buffer hands them to a few consumers
 * at once), and a whole football match posted in one go (20-30 events) still fits.
 * Anything further ahead is a wrong seq, not a reordering: parked, it would be applied
 * once the gap bound passed, and every real event in between would then arrive stale,
 * freezing the match. Kept small because a wrong seq inside the window can still cost
 * the events it jumps over. It also bounds the parked list: parked events are distinct
 * seqs inside the window, so at most this many wait in one state item.
 */
export const SEQ_WINDOW = 32;

/**
 * Most events parked in one match's state before the gap they wait behind is given up
 * on, whatever its age: it bounds the state item's size. The window already bounds the
 * parked list, so the limit is the window; never above it.
 */
export const PARK_LIMIT = SEQ_WINDOW;

/**
 * How long the state item of a match never scheduled (events parked with no `Match
 * Scheduled` before them) is kept, seconds from its last write: an hour. Its parked
 * events are normally refused long before, by the gap check sent for GAP_BOUND_SECONDS
 * (and its retries); past this age the item is expired. It carries a DynamoDB TTL
 * (`expiresAt`), and, since TTL deletes lazily (and the local cloud's DynamoDB not at
 * all), ingest checks the age on every read: any event still parked in an expired item
 * is refused as `match.parked_expired`, stored and announced like every rejection, and
 * the item is deleted. A match's item stops expiring once it is scheduled.
 */
export const UNSCHEDULED_EXPIRY_SECONDS = 60 * 60;

/** The longest delay SQS puts on a message, seconds (15 minutes); a longer one is refused. */
export const SQS_MAX_DELAY_SECONDS = 900;

/**
 * Longest an ingest invocation runs, seconds (the Ingest function's timeout). Short,
 * because the feed queue's visibility timeout must be above it and still well inside
 * the gap bound (FEED_VISIBILITY_TIMEOUT_SECONDS).
 */
export const INGEST_TIMEOUT_SECONDS = 10;

/**
 * How long a feed event whose ingest failed (a lost version race, a transient error)
 * stays hidden before it is received again, seconds: above the function's timeout, so
 * no second consumer gets it while the first may still run, and well inside the gap
 * bound, or its successors are applied without it and it arrives stale.
 */
export const FEED_VISIBILITY_TIMEOUT_SECONDS = INGEST_TIMEOUT_SECONDS + 5;

/**
 * Longest a clock-tick invocation runs, seconds (the ClockTick function's timeout). A
 * tick is a state read, a repricing started and the next tick sent, well under a second
 * on AWS; 10 s leaves room for a loaded local cloud (5 s dead-lettered ticks of a
 * match-day replay on a busy 2-core machine). The clock queue's visibility timeout is a
 * multiple of it (CLOCK_VISIBILITY_TIMEOUT_SECONDS).
 */
export const TICK_TIMEOUT_SECONDS = 10;

/**
 * How many function timeouts an SQS event source's visibility timeout spans: AWS's
 * guidance for Lambda event sources is at least six, so that a batch the poller is still
 * retrying on a throttled or slow function never becomes visible to a second consumer.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * How long a clock tick whose handling failed stays hidden before it is received again,
 * seconds: six of the function's timeouts (60 s, six tick periods). The tick chain,
 * and the repricing it drives, waits for it meanwhile; the feed's own events still
 * reprice the match, and a gap still closes by ingest's gap check.
 */
export const CLOCK_VISIBILITY_TIMEOUT_SECONDS = VISIBILITY_TIMEOUT_FACTOR * TICK_TIMEOUT_SECONDS;

/**
 * The band a trader's margin override must fall in: the target overround of a group,
 * as the sports' own margins (GROUP_MARGINS, TENNIS_GROUP_MARGINS) are written. Below
 * 1% a book gives its edge away on the ladder's rounding; above 40% (twice football's
 * correct score, the widest market offered) an override is a typo, not a price.
 */
export const TRADER_MARGIN_MIN = 0.01;
export const TRADER_MARGIN_MAX = 0.4;

/** Longest reason a trader may give for an action, characters: a sentence for the audit trail, not a document. */
export const TRADER_REASON_MAX_LENGTH = 200;
