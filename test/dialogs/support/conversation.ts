import { ConversationState, MemoryStorage, TestAdapter, type Activity, type ConversationReference } from 'botbuilder';
import { createBot, createOnTurnError, parseDialogs, type Dialogs } from '../../../src/bot';
import type { BotLogger, TriageChannelData } from '../../../src/bot';
import { createTriageEngine, DEFAULT_CONTACTS, type Knowledge, type TriageEngine } from '../../../src/triage';
import { shippedDialogSources } from './dialogSources';
import { tinyBotKnowledge } from './tinyKnowledge';

/** A log line the bot wrote. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** A logger that keeps what it is told, for assertions. */
export function memoryLogger(lines: LogLine[]): BotLogger {
  const at = (level: LogLine['level']) => (fields: object, message: string) => void lines.push({ level, fields: { ...fields } as Record<string, unknown>, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Test contacts: distinct from the defaults so a test sees they come from settings. */
export const CONTACTS = { emergency_number: '112', poison_control_number: '0800-POISON', crisis_line: '116-123' } as const;

export interface ConversationOptions {
  readonly knowledge?: Knowledge;
  /** Replaces the engine built from `knowledge` (to make a turn fail, say). */
  readonly engine?: TriageEngine;
  readonly dialogs?: Dialogs;
  readonly channelId?: string;
  readonly conversationType?: string;
  readonly isGroup?: boolean;
  readonly localMode?: boolean;
  readonly staffUserIds?: readonly string[];
  readonly userId?: string;
  /** Share a storage between bots to test what survives a restart. */
  readonly storage?: MemoryStorage;
  readonly logPatientText?: boolean;
}

/**
 * One conversation with the whole bot on botbuilder's TestAdapter: `send` runs a turn and returns
 * the bot's replies to it.
 */
export class Conversation {
  readonly adapter: TestAdapter;
  readonly logs: LogLine[] = [];
  readonly storage: MemoryStorage;
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  readonly conversationState: ConversationState;
  private readonly bot: ReturnType<typeof createBot>;

  constructor(options: ConversationOptions = {}) {
    this.knowledge = options.knowledge ?? tinyBotKnowledge();
    this.dialogs = options.dialogs ?? parseDialogs(shippedDialogSources(), this.knowledge);
    this.storage = options.storage ?? new MemoryStorage();
    this.conversationState = new ConversationState(this.storage);
    const logger = memoryLogger(this.logs);
    this.bot = createBot({
      engine: options.engine ?? createTriageEngine(this.knowledge),
      knowledge: this.knowledge,
      dialogs: this.dialogs,
      conversationState: this.conversationState,
      contacts: { ...DEFAULT_CONTACTS, ...CONTACTS },
      logger,
      localMode: options.localMode ?? true,
      staffUserIds: options.staffUserIds ?? [],
      logPatientText: options.logPatientText ?? false,
      now: () => new Date('2026-11-28T10:30:00Z'),
    });
    const reference: ConversationReference = {
      channelId: options.channelId ?? 'emulator',
      serviceUrl: 'https://test.example',
      conversation: { id: 'conversation-1', isGroup: options.isGroup ?? false, name: 'test', conversationType: options.conversationType ?? 'personal' },
      user: { id: options.userId ?? 'user-1', name: 'Person' },
      bot: { id: 'bot-1', name: 'Triage bot' },
      locale: 'en-US',
    };
    this.adapter = new TestAdapter(reference);
    this.adapter.onTurnError = createOnTurnError({ conversationState: this.conversationState, logger, contacts: { ...DEFAULT_CONTACTS, ...CONTACTS }, dialogs: this.dialogs });
  }

  /** Sends a message (or any activity) and returns the replies of that turn. */
  async send(activity: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const request: Partial<Activity> = typeof activity === 'string' ? { type: 'message', text: activity } : { type: 'message', ...activity };
    await this.adapter.processActivity(request, (context) => this.bot.run(context));
    return this.adapter.activeQueue.splice(0);
  }

  /** The person joins (as the Emulator does: the bot and the person in membersAdded). */
  async join(): Promise<Partial<Activity>[]> {
    return this.send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Triage bot' }, { id: 'user-1', name: 'Person' }] });
  }
}

/** The reply ids of a turn's replies (`channelData.replyId`), in order. */
export function replyIds(replies: readonly Partial<Activity>[]): string[] {
  return replies.map((r) => String((r.channelData as Record<string, unknown> | undefined)?.['replyId'] ?? r.type));
}

/** The question a prompt asks (`channelData.questionId`). */
export function questionOf(reply: Partial<Activity> | undefined): string | undefined {
  const channelData = reply?.channelData as { questionId?: string; questionIds?: string[] } | undefined;
  // A combined check of several ("Is any of these happening now?") reads "any:ask_a+ask_b".
  return channelData?.questionId ?? (channelData?.questionIds === undefined ? undefined : `any:${channelData.questionIds.join('+')}`);
}

/** `channelData.triage` of the turn's disposition (or topic answer), if any. */
export function triageOf(replies: readonly Partial<Activity>[]): TriageChannelData | undefined {
  const found = replies.find((r) => (r.channelData as { triage?: TriageChannelData } | undefined)?.triage !== undefined);
  return (found?.channelData as { triage?: TriageChannelData } | undefined)?.triage;
}

/** The suggested action titles of a reply. */
export function actionsOf(reply: Partial<Activity> | undefined): string[] {
  const card = (reply?.attachments ?? []).flatMap((a) => ((a.content as { actions?: Array<{ type?: string; title?: string }> } | undefined)?.actions ?? []).filter((x) => x.type === 'Action.Submit'));
  return [...(reply?.suggestedActions?.actions ?? []), ...card].map((a) => String(a.title));
}

/** All the text the person would read in these replies (a card's in `summary` where the channel shows the card alone). */
export function textOf(replies: readonly Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? r.summary ?? '').join('\n');
}
