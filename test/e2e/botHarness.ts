import { Writable } from 'node:stream';
import { parseSettings, type Settings } from '../../src/config';
import { buildApp } from '../../src/index';
import { createLogger } from '../../src/logging';
import { cardButtons, EmulatorClient, type BotReply, type CardAction, type EmulatorConversation } from './emulatorClient';

/** The real bot, built as `npm start` builds it, listening on a free port, with its log lines kept. */
export interface RunningBot {
  readonly baseUrl: string;
  readonly messagesUrl: string;
  readonly client: EmulatorClient;
  readonly settings: Settings;
  readonly contentVersion: string;
  /** Every log line written so far. */
  logOutput(): string;
  close(): Promise<void>;
}

/** Start the whole bot (settings from `env`, no `.env`; state in memory unless `env` says otherwise) and an Emulator-style client for it. */
export async function startBot(env: Record<string, string> = {}): Promise<RunningBot> {
  const parsed = parseSettings({ LOG_LEVEL: 'debug', STORAGE: 'memory', ...env });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const settings = parsed.settings;
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: settings.logLevel, logPatientText: settings.logPatientText, destination });
  const app = buildApp(settings, logger);
  const { port } = await app.server.listen(0, settings.host);
  // As `npm start` does right after listening, but waited for, so that every test meets a bot that is built.
  await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = await EmulatorClient.start(`${baseUrl}/api/messages`);
  return {
    baseUrl,
    messagesUrl: `${baseUrl}/api/messages`,
    client,
    settings,
    contentVersion: app.contentVersion,
    logOutput: () => chunks.join(''),
    close: async () => {
      await app.server.close();
      await client.close();
    },
  };
}

/** `channelData.replyId` of a reply: which message of the content it is. */
export function replyIdOf(reply: BotReply | undefined): string | undefined {
  return reply?.channelData?.replyId;
}

/** The reply ids of a turn, in order. */
export function replyIds(replies: readonly BotReply[]): (string | undefined)[] {
  return replies.map(replyIdOf);
}

/** `channelData.questionId` of the last reply: the red-flag question being asked, if any. */
export function questionIdOf(replies: readonly BotReply[]): string | undefined {
  const channelData = replies.at(-1)?.channelData;
  // A combined check of several ("Is any of these happening now?") reads "any:ask_a+ask_b".
  return channelData?.questionId ?? (channelData?.questionIds === undefined ? undefined : `any:${channelData.questionIds.join('+')}`);
}

/**
 * How the caller over HTTP answers what the bot asks, by the last reply's buttons (suggested actions or a card's): it presses the one
 * titled "No" if there is one, else the first; with no buttons, it says "I don't know" to an open
 * question. Undefined when the bot is not asking anything.
 */
export function answerFor(replies: readonly BotReply[]): { press: CardAction } | { say: string } | undefined {
  const last = replies.at(-1);
  if (last === undefined) return undefined;
  const actions = [...(last.suggestedActions?.actions ?? []), ...cardButtons(last)];
  const no = actions.find((a) => a.title?.toLowerCase() === 'no');
  if (no) return { press: no };
  const first = actions[0];
  if (first) return { press: first };
  if (last.inputHint === 'expectingInput') return { say: "I don't know" };
  return undefined;
}

/** Send every message in turn, then answer what the bot asks until it stops asking. */
export async function converse(conversation: EmulatorConversation, messages: readonly string[], maxAnswers = 20): Promise<BotReply[]> {
  let replies: BotReply[] = [];
  for (const message of messages) replies = (await conversation.say(message)).replies;
  for (let i = 0; i < maxAnswers; i += 1) {
    const answer = answerFor(replies);
    if (answer === undefined) return conversation.transcript;
    replies = ('press' in answer ? await conversation.press(answer.press) : await conversation.say(answer.say)).replies;
  }
  throw new Error(`converse: the bot was still asking after ${maxAnswers} answers`);
}
