import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { registerDirectLine, registerDirectLineTokenEndpoint, type DirectLineService } from '../../src/directline';
import { waitFor } from '../support/waitFor';
import { activitiesSince, call, listenOnLoopback, startConversation } from './support/testServer';

/** A bot wired the way src/server wires the real one: CloudAdapter in local mode, its body parser on /api/messages only. */
async function startRealAdapterBot(): Promise<{ baseUrl: string; directLine: DirectLineService; close: () => Promise<void> }> {
  const server = restify.createServer();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const logic = async (context: TurnContext): Promise<void> => {
    if (context.activity.type === ActivityTypes.ConversationUpdate) {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient.id);
      if (joined) await context.sendActivity('Welcome from the real adapter.');
    } else if (context.activity.type === ActivityTypes.Message) {
      const reply = await context.sendActivity(MessageFactory.suggestedActions(['Yes', 'No'], `Echo: ${context.activity.text}`));
      if (context.activity.text === 'edit' && reply?.id) {
        await context.updateActivity({ ...MessageFactory.text('Edited.'), id: reply.id, conversation: context.activity.conversation });
      }
    }
  };
  server.post('/api/messages', restify.plugins.bodyParser(), async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, logic);
  });
  let baseUrl = '';
  const directLine = registerDirectLine(server, { botEndpoint: () => `${baseUrl}/api/messages`, serviceUrl: () => baseUrl });
  registerDirectLineTokenEndpoint(server, { directLine });
  const listening = await listenOnLoopback(server);
  baseUrl = listening.baseUrl;
  return {
    baseUrl,
    directLine,
    close: async () => {
      directLine.close();
      await listening.close();
    },
  };
}

describe('embedded Direct Line with the real botbuilder CloudAdapter (local mode)', () => {
  it('gets the welcome, a reply with suggested actions, and an updated activity', async () => {
    const bot = await startRealAdapterBot();
    try {
      const conversation = await startConversation(bot.baseUrl);
      const welcome = await waitFor(async () => (await activitiesSince(bot.baseUrl, conversation)).activities[0]);
      expect(welcome).toMatchObject({ type: 'message', text: 'Welcome from the real adapter.', from: { id: 'bot' } });

      const posted = await call(bot.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text: 'edit', channelData: { clientActivityID: 'abc' } },
      });
      expect(posted.status).toBe(200);
      const reply = await waitFor(async () =>
        (await activitiesSince(bot.baseUrl, conversation)).activities.find((a) => a.replyToId === posted.body.id),
      );
      expect(reply).toMatchObject({ suggestedActions: { actions: [{ title: 'Yes' }, { title: 'No' }] } });
      await waitFor(async () =>
        (await activitiesSince(bot.baseUrl, conversation)).activities.find((a) => a.id === reply.id && a.text === 'Edited.'),
      );

      // The page's size limit holds on the Direct Line routes, which read their own bodies.
      const oversize = await call(bot.baseUrl, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
        token: conversation.token,
        body: { type: 'message', text: 'x'.repeat(20_000) },
      });
      expect(oversize.status).toBe(413);
    } finally {
      await bot.close();
    }
  });
});
