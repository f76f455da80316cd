import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { z } from 'zod';

/**
 * What the load test says and how it answers. Each script opens with one or more messages, then
 * answers every question the bot asks (by pressing a suggested-action button, or by submitting the
 * card value Teams would send) until the bot stops asking; `expect` is the level the conversation
 * must end on. An emergency said in the middle of a dialog must still end on `emergency`.
 */
export interface LoadScript {
  readonly name: string;
  readonly opening: readonly string[];
  /** Said after the bot's first question instead of an answer (an emergency mid-dialog). */
  readonly interrupt?: string;
  /** How questions are answered: a button press (imBack text) or a card submit (`value`). */
  readonly answerBy: 'button' | 'card';
  readonly answer: 'Yes' | 'No';
  /** The final disposition's level (`info` for an answer to a question about baclofen). */
  readonly expect: string;
}

export const SCRIPTS: readonly LoadScript[] = [
  { name: 'first turn, emergency', opening: ["I can't breathe"], answerBy: 'button', answer: 'No', expect: 'emergency' },
  { name: 'symptoms, buttons', opening: ['I feel dizzy and sleepy'], answerBy: 'button', answer: 'No', expect: 'self-care' },
  { name: 'symptoms, card submits', opening: ["I'm a bit nauseous on baclofen"], answerBy: 'card', answer: 'No', expect: 'self-care' },
  {
    name: 'emergency mid-dialog',
    opening: ["I'm a bit nauseous on baclofen"],
    interrupt: 'wait, my husband just collapsed',
    answerBy: 'button',
    answer: 'No',
    expect: 'emergency',
  },
  { name: 'withdrawal', opening: ['I skipped baclofen for 3 days and my muscles are getting stiffer'], answerBy: 'button', answer: 'No', expect: 'urgent' },
  { name: 'overdose, card submits', opening: ['accidentally took an extra baclofen pill'], answerBy: 'card', answer: 'No', expect: 'urgent' },
  { name: 'question', opening: ['can I drink alcohol with baclofen?'], answerBy: 'button', answer: 'No', expect: 'info' },
  { name: 'red flag answered yes', opening: ['I feel dizzy and sleepy'], answerBy: 'button', answer: 'Yes', expect: 'emergency' },
];

const Reply = z.looseObject({
  type: z.string(),
  suggestedActions: z.looseObject({ actions: z.array(z.looseObject({ title: z.string().optional(), value: z.unknown().optional() })) }).optional(),
  inputHint: z.string().optional(),
  channelData: z.looseObject({ triage: z.looseObject({ level: z.string() }).optional(), questionId: z.string().optional() }).optional(),
});
type Reply = z.infer<typeof Reply>;
const Replies = z.object({ activities: z.array(Reply) });

/** One POST's outcome. */
export interface TurnSample {
  readonly ms: number;
  readonly ok: boolean;
}

/** What the bot under test is: the triage bot is checked for levels, the echo bot only for answering. */
export type BotKind = 'triage' | 'echo';

/** Most answers a script gives before it counts as a bot that never stops asking. */
const MAX_ANSWERS = 20;

/** POSTs activities with `deliveryMode: expectReplies` over kept-alive connections, timing each. */
export class TurnClient {
  private readonly agent: Agent;

  constructor(
    private readonly messagesUrl: URL,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  async post(activity: Record<string, unknown>, samples: TurnSample[]): Promise<Reply[] | undefined> {
    const body = JSON.stringify({ ...activity, deliveryMode: 'expectReplies' });
    const started = performance.now();
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        this.messagesUrl,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const ms = performance.now() - started;
    const parsed = status === 200 ? Replies.safeParse(JSON.parse(text || '{}')) : undefined;
    samples.push({ ms, ok: parsed?.success === true });
    return parsed?.success ? parsed.data.activities : undefined;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** How one conversation ended: its final level (triage bot), or why it failed. */
export type ConversationResult = { readonly ok: true; readonly level: string } | { readonly ok: false; readonly why: string };

/** Run one script as a new conversation, from the person joining to the bot's last question answered. */
export async function runConversation(client: TurnClient, script: LoadScript, kind: BotKind, samples: TurnSample[]): Promise<ConversationResult> {
  const id = `load-${randomUUID()}`;
  const user = { id: `user-${id.slice(5, 13)}`, name: 'Load' };
  const bot = { id: 'bot', name: 'Bot' };
  const envelope = (type: string): Record<string, unknown> => ({
    type,
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id },
    from: user,
    recipient: bot,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
  });
  let level = 'none';
  const said = async (activity: Record<string, unknown>): Promise<Reply[] | undefined> => {
    const replies = await client.post(activity, samples);
    for (const reply of replies ?? []) level = reply.channelData?.triage?.level ?? level;
    return replies;
  };
  const message = (text: string) => said({ ...envelope('message'), text, textFormat: 'plain' });

  if ((await said({ ...envelope('conversationUpdate'), membersAdded: [user] })) === undefined) return { ok: false, why: 'join refused' };
  let replies: Reply[] | undefined;
  for (const text of script.opening) {
    replies = await message(text);
    if (replies === undefined) return { ok: false, why: 'message refused' };
  }
  if (kind === 'echo') return replies?.length ? { ok: true, level: 'none' } : { ok: false, why: 'no echo' };

  let interrupted = false;
  for (let answers = 0; answers < MAX_ANSWERS; answers += 1) {
    const last = replies?.at(-1);
    const asking = last?.suggestedActions !== undefined || last?.inputHint === 'expectingInput';
    if (!asking) return { ok: true, level };
    if (script.interrupt !== undefined && !interrupted) {
      interrupted = true;
      replies = await message(script.interrupt);
    } else if (last?.suggestedActions === undefined) {
      replies = await message("I don't know");
    } else {
      const button = last.suggestedActions.actions.find((action) => action.title === script.answer) ?? last.suggestedActions.actions[0];
      const questionId = last.channelData?.questionId;
      replies =
        script.answerBy === 'card' && questionId !== undefined && button?.title === script.answer
          ? await said({ ...envelope('message'), value: { answer: script.answer.toLowerCase(), question: questionId } })
          : await message(typeof button?.value === 'string' ? button.value : (button?.title ?? 'No'));
    }
    if (replies === undefined) return { ok: false, why: 'answer refused' };
  }
  return { ok: false, why: `still asking after ${MAX_ANSWERS} answers` };
}
