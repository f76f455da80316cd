import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * Talks to the bot the way the Bot Framework Emulator does: activities POSTed to `/api/messages`
 * with `channelId: "emulator"` and a `serviceUrl` pointing at a small HTTP server here, which
 * receives the bot's replies at `/v3/conversations/:id/activities[/:replyToId]`.
 */

const CardAction = z.looseObject({
  type: z.string(),
  title: z.string().optional(),
  text: z.string().optional(),
  displayText: z.string().optional(),
  value: z.unknown().optional(),
});
export type CardAction = z.infer<typeof CardAction>;

const Triage = z.looseObject({
  level: z.string(),
  category: z.string().optional(),
  findings: z.array(z.string()).optional(),
  contentVersion: z.string().optional(),
});
export type Triage = z.infer<typeof Triage>;

/** A reply as the channel receives it; only the fields tests look at are typed. */
export const BotReply = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  text: z.string().optional(),
  /** A card's plain text where the channel shows the card alone (Teams, the Emulator). */
  summary: z.string().optional(),
  replyToId: z.string().optional(),
  conversation: z.looseObject({ id: z.string() }).optional(),
  suggestedActions: z.looseObject({ actions: z.array(CardAction) }).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string(), content: z.unknown().optional() })).optional(),
  inputHint: z.string().optional(),
  channelData: z
    .looseObject({ triage: Triage.optional(), replyId: z.string().optional(), questionId: z.string().optional(), questionIds: z.array(z.string()).optional() })
    .optional(),
});
export type BotReply = z.infer<typeof BotReply>;

export interface HttpResult {
  readonly status: number;
  readonly body: unknown;
  /** Milliseconds from sending the request to the end of the response. */
  readonly ms: number;
}

/**
 * Answer a request without chaining on `writeHead`: restify patches `http.ServerResponse` for the
 * whole process, and its `writeHead` does not return the response.
 */
function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** A reply the connector received, with the route it came to. */
interface Received {
  readonly method: string;
  readonly conversationId: string;
  readonly replyToId?: string;
  readonly activity: BotReply;
}

export interface EmulatorClientOptions {
  /** Extra headers for every POST to the bot, e.g. an Authorization header. */
  readonly headers?: Record<string, string>;
  readonly channelId?: string;
}

export class EmulatorClient {
  private readonly received: Received[] = [];
  /** Status and duration of every POST to the bot, oldest first (for latency figures). */
  readonly posts: Array<{ readonly status: number; readonly ms: number }> = [];
  private replyCount = 0;

  private constructor(
    readonly botUrl: string,
    private readonly channel: Server,
    readonly serviceUrl: string,
    private readonly options: EmulatorClientOptions,
  ) {}

  /** Start the reply-receiving server on a free port; `botUrl` is the bot's `/api/messages`. */
  static async start(botUrl: string, options: EmulatorClientOptions = {}): Promise<EmulatorClient> {
    let client: EmulatorClient | undefined;
    const channel = createServer((req, res) => {
      if (client) client.receive(req, res);
      else reply(res, 503, {}, '');
    });
    channel.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    const { port } = channel.address() as AddressInfo;
    client = new EmulatorClient(botUrl, channel, `http://127.0.0.1:${port}`, options);
    return client;
  }

  /** A new conversation with its own id and user. */
  conversation(id: string = `conv-${randomUUID()}`, userId = `user-${randomUUID().slice(0, 8)}`): EmulatorConversation {
    return new EmulatorConversation(this, id, userId, this.options.channelId ?? 'emulator');
  }

  /** Every reply received for a conversation so far, oldest first. */
  repliesFor(conversationId: string): BotReply[] {
    return this.received.filter((r) => r.conversationId === conversationId).map((r) => r.activity);
  }

  /** POST a JSON body to the bot. */
  async post(body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
    return this.postRaw(JSON.stringify(body), headers);
  }

  /** POST raw text to the bot (for malformed bodies). */
  async postRaw(body: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    const started = performance.now();
    const response = await fetch(this.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.options.headers, ...headers },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // Not JSON: keep the text.
    }
    const ms = performance.now() - started;
    this.posts.push({ status: response.status, ms });
    return { status: response.status, body: parsed, ms };
  }

  async close(): Promise<void> {
    this.channel.closeAllConnections();
    await new Promise<void>((resolve) => this.channel.close(() => resolve()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        reply(res, match ? 200 : 404, { 'content-type': 'application/json' }, '{}');
        return;
      }
      const parsed = BotReply.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      if (!parsed.success) {
        reply(res, 400, { 'content-type': 'application/json' }, JSON.stringify({ error: parsed.error.message }));
        return;
      }
      this.replyCount += 1;
      const replyToId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
      this.received.push({
        method: req.method,
        conversationId: decodeURIComponent(match[1] ?? ''),
        ...(replyToId !== undefined ? { replyToId } : {}),
        activity: parsed.data,
      });
      reply(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ id: `reply-${this.replyCount}` }));
    });
  }
}

/** The answer to one activity: the HTTP result and the replies the bot sent during the turn. */
export interface Turn {
  readonly status: number;
  readonly ms: number;
  readonly replies: BotReply[];
  readonly body: unknown;
}

export class EmulatorConversation {
  readonly bot = { id: 'bot-id', name: 'Bot', role: 'bot' };
  readonly user: { id: string; name: string; role: string };

  constructor(
    private readonly client: EmulatorClient,
    readonly id: string,
    userId: string,
    private readonly channelId: string,
  ) {
    this.user = { id: userId, name: 'User', role: 'user' };
  }

  /** The fields every Emulator activity carries. */
  envelope(type: string): Record<string, unknown> {
    return {
      type,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      channelId: this.channelId,
      serviceUrl: this.client.serviceUrl,
      conversation: { id: this.id },
      from: this.user,
      recipient: this.bot,
      locale: 'en-US',
    };
  }

  /** The Emulator's join: a conversationUpdate adding the bot, then one adding the user. */
  async join(): Promise<Turn> {
    const botJoins = await this.send({ ...this.envelope('conversationUpdate'), membersAdded: [this.bot] });
    const userJoins = await this.send({ ...this.envelope('conversationUpdate'), membersAdded: [this.user] });
    return {
      status: Math.max(botJoins.status, userJoins.status),
      ms: botJoins.ms + userJoins.ms,
      replies: [...botJoins.replies, ...userJoins.replies],
      body: userJoins.body,
    };
  }

  /** The person types `text` and presses Enter. */
  say(text: string): Promise<Turn> {
    return this.send({ ...this.envelope('message'), text, textFormat: 'plain', channelData: { clientActivityID: randomUUID() } });
  }

  /** The person clicks a suggested action or card button, sent as the Emulator sends it. */
  press(action: CardAction): Promise<Turn> {
    const base = { ...this.envelope('message'), textFormat: 'plain' };
    switch (action.type) {
      case 'messageBack':
        return this.send({ ...base, text: action.text, value: action.value, ...(action.displayText ? { channelData: { displayText: action.displayText } } : {}) });
      case 'postBack':
        return this.send({ ...base, text: typeof action.value === 'string' ? action.value : undefined, value: action.value, channelData: { postBack: true } });
      case 'Action.Submit':
        return this.send({ ...base, value: action.value });
      default: // imBack: the value is sent as if typed
        return this.send({ ...base, text: typeof action.value === 'string' ? action.value : action.title });
    }
  }

  /** Send any activity (fields given override the envelope) and collect the replies of the turn. */
  async send(activity: Record<string, unknown>): Promise<Turn> {
    const before = this.client.repliesFor(this.id).length;
    const result = await this.client.post(activity);
    return { status: result.status, ms: result.ms, body: result.body, replies: this.client.repliesFor(this.id).slice(before) };
  }

  /** Every reply so far. */
  get transcript(): BotReply[] {
    return this.client.repliesFor(this.id);
  }
}

/** The replies' texts, joined. */
export function textOf(replies: readonly BotReply[]): string {
  return replies.map((r) => r.text ?? r.summary ?? '').join('\n');
}

/** The last disposition among the replies, if any. */
export function lastTriage(replies: readonly BotReply[]): Triage | undefined {
  return replies.map((r) => r.channelData?.triage).filter((t): t is Triage => t !== undefined).at(-1);
}

/** The `Action.Submit` buttons of a reply's Adaptive Cards, as the Emulator sends them (`value` is the button's data). */
export function cardButtons(reply: BotReply | undefined): CardAction[] {
  return (reply?.attachments ?? []).flatMap((a) => {
    const actions = (a.content as { actions?: unknown } | undefined)?.actions;
    if (!Array.isArray(actions)) return [];
    return actions.flatMap((x: unknown) => {
      const action = x as { type?: unknown; title?: unknown; data?: unknown };
      return action.type === 'Action.Submit' && typeof action.title === 'string' ? [{ type: 'Action.Submit', title: action.title, value: action.data }] : [];
    });
  });
}

/** The suggested action or card button of the last reply whose title or value matches `label` (case-insensitive). */
export function findAction(replies: readonly BotReply[], label: string): CardAction | undefined {
  const wanted = label.toLowerCase();
  const actions = [...(replies.at(-1)?.suggestedActions?.actions ?? []), ...cardButtons(replies.at(-1))];
  return actions.find((a) => a.title?.toLowerCase() === wanted || (typeof a.value === 'string' && a.value.toLowerCase() === wanted));
}

/** True when the last reply offers Yes and No. */
export function asksYesNo(replies: readonly BotReply[]): boolean {
  return findAction(replies, 'yes') !== undefined && findAction(replies, 'no') !== undefined;
}
