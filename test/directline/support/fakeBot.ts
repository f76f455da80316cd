import type { Request, Response, Server } from 'restify';

/** What the fake bot received, for assertions. */
export interface ReceivedActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  serviceUrl?: string;
  channelId?: string;
  from?: { id: string; role?: string };
  recipient?: { id: string };
  conversation?: { id: string };
  membersAdded?: { id: string; role?: string }[];
  channelData?: Record<string, unknown>;
  value?: unknown;
}

/** Adaptive Card the fake bot sends for "card", like the real bot's disposition. */
export const DISPOSITION_CARD = {
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [
      { type: 'TextBlock', text: 'Test disposition', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Did this answer help?', wrap: true },
    ],
  },
};

const YES_NO = {
  actions: [
    { type: 'imBack', title: 'Yes', value: 'Yes' },
    { type: 'imBack', title: 'No', value: 'No' },
  ],
};

/**
 * A tiny bot at `POST /api/messages` that behaves like botbuilder's CloudAdapter in local mode: it
 * replies by POSTing to `{serviceUrl}/v3/conversations/{id}/activities/{replyToId}` during the turn and
 * answers the incoming POST only when the turn is over. "boom" makes it fail with 500.
 */
export function mountFakeBot(server: Server): { received: ReceivedActivity[] } {
  const received: ReceivedActivity[] = [];

  const reply = async (incoming: ReceivedActivity, activity: Record<string, unknown>): Promise<void> => {
    const conversationId = encodeURIComponent(incoming.conversation?.id ?? '');
    const url = `${incoming.serviceUrl}/v3/conversations/${conversationId}/activities/${encodeURIComponent(incoming.id ?? '')}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        type: 'message',
        from: incoming.recipient,
        recipient: incoming.from,
        conversation: incoming.conversation,
        replyToId: incoming.id,
        serviceUrl: incoming.serviceUrl,
        ...activity,
      }),
    });
    if (!response.ok) throw new Error(`connector answered ${response.status}`);
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedActivity;
    received.push(activity);
    if (activity.type === 'conversationUpdate') {
      const joined = (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id);
      if (joined) await reply(activity, { text: 'Hello, I am the test bot. How can I help?' });
    } else if (activity.type === 'message') {
      const text = activity.text ?? '';
      if (text === 'boom') {
        res.send(500, { error: 'boom' });
        return;
      }
      if (text === 'card') {
        await reply(activity, { attachments: [DISPOSITION_CARD], suggestedActions: YES_NO });
      } else if (text === 'Yes' || text === 'No') {
        await reply(activity, { text: `You chose ${text}.` });
      } else {
        await reply(activity, { text: `You said: ${text}`, suggestedActions: YES_NO });
      }
    }
    res.send(200);
  });
  return { received };
}
