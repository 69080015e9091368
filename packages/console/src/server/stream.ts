import type { ServerResponse } from "node:http";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { ListExecutionsCommand } from "@aws-sdk/client-sfn";
import type { ChangeEvent } from "../api";
import type { ConsoleApp } from "./app";
import { isDeadLetterQueue } from "./queues";

type Topic = ChangeEvent["topics"][number];

/**
 * Live updates: while a page listens on /console/api/stream, the stage is looked at
 * every `pollMs` (the matches and their states, the Lifecycle executions, the queue
 * counts) and a `change` event names what moved; the page then reads what it shows.
 * The state stays in the stage, so a reload shows the same thing.
 */
export class ChangeStream {
  private readonly clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private readonly last = new Map<Topic, string>();
  /** Pages connected since the last look: they may have read before it, so they hear of every topic once. */
  private readonly joined = new Set<ServerResponse>();

  constructor(private readonly app: ConsoleApp, private readonly pollMs: number, private readonly onError: (error: unknown) => void) {}

  open(response: ServerResponse): void {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    response.write(`retry: 2000\n: connected\n\n`);
    this.clients.add(response);
    this.joined.add(response);
    response.on("close", () => {
      this.clients.delete(response);
      this.joined.delete(response);
      if (this.clients.size === 0) this.stop();
    });
    this.timer ??= setInterval(() => void this.poll(), this.pollMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.last.clear();
  }

  close(): void {
    this.stop();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private async fingerprints(): Promise<Map<Topic, string>> {
    const { table, options } = this.app;
    const matches = await table.matches();
    const states = await Promise.all(matches.map((m) => table.state(m.matchId)));
    const matchPrint = matches.map((m, i) => `${m.matchId}:${m.status}:${m.priceVersion ?? ""}:${states[i]?.version ?? 0}`).join(",");
    const lifecycle = options.resources.lifecycleArn
      ? (await options.clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: options.resources.lifecycleArn, maxResults: 100 }))).executions ?? []
      : [];
    const counts = await Promise.all(options.resources.queues.map(async (q) => {
      const { Attributes: a = {} } = await options.clients.sqs.send(new GetQueueAttributesCommand({
        QueueUrl: q.url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }));
      const [visible, inFlight] = [Number(a.ApproximateNumberOfMessages ?? 0), Number(a.ApproximateNumberOfMessagesNotVisible ?? 0)];
      // A peek moves a dead-letter queue's messages in flight and back: only its total counts as a change.
      return isDeadLetterQueue(q, options.resources.queues) ? `${q.name}:${visible + inFlight}` : `${q.name}:${visible}:${inFlight}`;
    }));
    this.app.collectLatency();
    return new Map<Topic, string>([
      ["matches", matchPrint],
      ["models", matchPrint],
      ["cost", matchPrint],
      ["executions", `${matchPrint}|${lifecycle.map((e) => `${e.name}:${e.status}`).join(",")}`],
      ["queues", counts.join(",")],
    ]);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const joined = [...this.joined];
      this.joined.clear();
      const now = await this.fingerprints();
      const topics = [...now.entries()].filter(([topic, print]) => this.last.has(topic) && this.last.get(topic) !== print).map(([topic]) => topic);
      for (const [topic, print] of now) this.last.set(topic, print);
      const at = new Date().toISOString();
      for (const client of this.clients) {
        if (joined.includes(client)) send(client, { topics: [...now.keys()], at });
        else if (topics.length > 0) send(client, { topics, at });
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.polling = false;
    }
  }

}

const send = (client: ServerResponse, event: ChangeEvent) => client.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
