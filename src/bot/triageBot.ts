import {
  ActivityTypes,
  TeamsActivityHandler,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { continueActiveDialog } from './continueActiveDialog';
import { DialogSet, DialogTurnStatus, type DialogState } from './dialogKit';
import { turnFields } from './botLogger';
import { DialogMemoryConfiguration } from './dialogMemoryConfiguration';
import { textActivity } from './prompts';
import { RootDialog } from './rootDialog';
import type { BotServices } from './services';
import { newCase } from './sessionState';
import { isTeams, renderOncePerChannel } from './teamsRules';
import { startTurn } from './turnOf';

/** What the web chat page's server sends when the page connects, so the welcome shows before typing. */
export const WEB_CHAT_JOIN_EVENT = 'webchat/join';

/** Watches what the turn sends; returns the reply id of the last reply that had one. */
function trackLastReply(context: TurnContext): () => string | undefined {
  let last: string | undefined;
  // Not async: a promise of its own for every send would only wrap `next()`'s.
  context.onSendActivities((_context, activities, next) => {
    for (const activity of activities) {
      const replyId = (activity.channelData as { replyId?: unknown } | undefined)?.replyId;
      if (typeof replyId === 'string') last = replyId;
    }
    return next();
  });
  return () => last;
}

/**
 * The bot: handles each kind of activity and saves state after every turn (core-bot's `DialogBot`).
 * The conversation itself lives in `RootDialog` and the flows of `dialogs/`.
 */
export class TriageBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogSet: DialogSet;
  private readonly dialogMemory = new DialogMemoryConfiguration();

  constructor(
    private readonly services: BotServices,
    private readonly conversationState: ConversationState,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogSet = new DialogSet(this.dialogState);
    this.dialogSet.add(new RootDialog(services));

    this.onMembersAdded(async (context, next) => {
      await this.membersAdded(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === WEB_CHAT_JOIN_EVENT) await this.welcome(context);
      await next();
    });
    // Typing, reactions, other events and conversation updates without members need no reply.
  }

  /** Runs the turn, then saves conversation state if the turn changed it. */
  override async run(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    renderOncePerChannel(context, this.services.logger);
    const lastReply = trackLastReply(context);
    await this.restartIfContentChanged(context);
    this.dialogMemory.lend(context);
    await super.run(context);
    this.dialogMemory.keep(context);
    const replyId = lastReply();
    if (replyId !== undefined) (await this.services.sessions.get(context)).lastReplyId = replyId;
    await this.conversationState.saveChanges(context, false);
    const fields: Record<string, unknown> = { ...turnFields(context), ms: Number(process.hrtime.bigint() - started) / 1e6 };
    if (context.activity.type === ActivityTypes.Invoke || context.activity.type === ActivityTypes.Event) fields['name'] = context.activity.name;
    if (this.services.logPatientText && context.activity.type === ActivityTypes.Message) fields['text'] = context.activity.text;
    this.services.logger.info(fields, 'turn');
  }

  /**
   * A message goes straight to `onMessageActivity`. The bot registers no turn, message or dialog
   * handlers (`onTurn`, `onMessage`, `onDialog`), and botbuilder's chain of them (`Turn`, `Message`,
   * then `Dialog`, each a few generator-based async steps) would only pass it along: about half of
   * ActivityHandler's work on a message. Other activities (and Teams' conversation updates) take
   * botbuilder's way.
   */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    const { type } = context.activity;
    if (type === ActivityTypes.Message) return this.onMessageActivity(context);
    // Likewise someone joining, outside Teams (whose conversation updates botbuilder reads for team events).
    if (type === ActivityTypes.ConversationUpdate && !isTeams(context)) return this.membersAdded(context);
    return super.onTurnActivity(context);
  }

  /** A message: the conversation's dialogs. */
  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    await this.runConversation(context);
  }

  /**
   * Invokes: Teams card actions the bot does not use, messaging extensions and the like get an
   * empty 200 rather than a 501, so the client shows no error; `adaptiveCard/action`
   * (Universal Actions) gets the message response the card expects.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' } };
    }
    const response = await super.onInvokeActivity(context);
    return response.status === 501 ? { status: 200 } : response;
  }

  private async runConversation(context: TurnContext): Promise<void> {
    const { engine, vocabulary, knowledge, sessions } = this.services;
    startTurn(context, { engine, vocabulary, knowledge }, await sessions.get(context));
    const dc = await this.dialogSet.createContext(context);
    const result = await continueActiveDialog(dc);
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(RootDialog.id);
  }

  /** Members added (if any): the welcome, when a person joined or the bot was installed in a Teams personal chat. */
  private async membersAdded(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    const added = activity.membersAdded ?? [];
    const personJoined = added.some((m) => m.id !== botId);
    // In a Teams personal chat the person never "joins": the bot is added when the app is installed.
    const teamsPersonalInstall = isTeams(context) && activity.conversation?.conversationType === 'personal' && added.some((m) => m.id === botId);
    if (personJoined || teamsPersonalInstall) await this.welcome(context);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const session = await this.services.sessions.get(context);
    if (session.welcomed) return;
    session.welcomed = true;
    await context.sendActivity(textActivity(this.services.wording.message('welcome', session.voice), 'welcome'));
    this.services.logger.info({ ...turnFields(context) }, 'welcome');
  }

  /** A conversation that started on other content restarts cleanly: no stale question or decision survives. */
  private async restartIfContentChanged(context: TurnContext): Promise<void> {
    const { knowledge, dialogs, sessions, wording, logger } = this.services;
    const session = await sessions.get(context);
    const fresh = session.contentVersion === undefined;
    const changed = !fresh && (session.contentVersion !== knowledge.version || session.dialogsVersion !== dialogs.version);
    if (changed) {
      logger.info({ ...turnFields(context), from: [session.contentVersion, session.dialogsVersion], to: [knowledge.version, dialogs.version] }, 'content changed: conversation restarted');
      await this.dialogState.delete(context);
      session.case = newCase();
      if (context.activity.type === ActivityTypes.Message) await context.sendActivity(textActivity(wording.message('content_updated', session.voice), 'content_updated'));
    }
    session.contentVersion = knowledge.version;
    session.dialogsVersion = dialogs.version;
  }
}
