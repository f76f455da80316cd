/**
 * The load test's yardstick: an echo bot on the triage bot's stack (restify 11, botbuilder's
 * CloudAdapter, ConversationState on MemoryStorage), as the Bot Framework samples wire one. It keeps
 * a turn counter in conversation state, so every turn reads and saves state as the triage bot's do.
 * Listens on 127.0.0.1:$PORT; SIGTERM stops it (so `--cpu-prof` can write its profile).
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import * as restify from 'restify';

class EchoBot extends ActivityHandler {
  constructor(private readonly state: ConversationState) {
    super();
    const turns = state.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`echo ${count}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }
}

const state = new ConversationState(new MemoryStorage());
const bot = new EchoBot(state);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer();
server.post('/api/messages', restify.plugins.bodyParser(), async (req: restify.Request, res: restify.Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env['PORT'] ?? 3979), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
