import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { enforceTeamsRules } from '../../src/bot/teamsRules';
import { memoryLogger, type LogLine } from '../dialogs/support/conversation';

async function sendInTeams(activity: Partial<Activity>): Promise<{ sent: Partial<Activity>[]; logs: LogLine[] }> {
  const logs: LogLine[] = [];
  const adapter = new TestAdapter({ channelId: 'msteams', serviceUrl: 'https://test', conversation: { id: 'c', isGroup: false, name: 'c', conversationType: 'personal' }, bot: { id: 'b', name: 'b' }, user: { id: 'u', name: 'u' } });
  await adapter.processActivity({ type: 'message', text: 'hi' }, async (context: TurnContext) => {
    enforceTeamsRules(context, memoryLogger(logs));
    await context.sendActivity(activity);
  });
  return { sent: adapter.activeQueue.splice(0), logs };
}

const actions = (n: number) => ({ to: [], actions: Array.from({ length: n }, (_, i) => ({ type: 'imBack', title: `a${i}`, value: `a${i}` })) });

describe('enforceTeamsRules (the last guard before Teams)', () => {
  it('removes suggested actions from a message with attachments', async () => {
    const { sent, logs } = await sendInTeams({ text: 'x', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }], suggestedActions: actions(2) });
    expect(sent[0]?.suggestedActions).toBeUndefined();
    expect(logs.map((l) => l.fields['rule'])).toEqual(['teams_no_actions_with_attachments']);
  });

  it('cuts suggested actions to three', async () => {
    const { sent } = await sendInTeams({ text: 'x', suggestedActions: actions(5) });
    expect(sent[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual(['a0', 'a1', 'a2']);
  });

  it("moves a card's text to summary, so Teams does not show it twice", async () => {
    const { sent } = await sendInTeams({ text: 'plain', speak: 'spoken', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }] });
    expect(sent[0]).toMatchObject({ summary: 'plain', speak: 'spoken' });
    expect(sent[0]?.text).toBeUndefined();
  });

  it('keeps the text of a message without an Adaptive Card', async () => {
    const { sent } = await sendInTeams({ text: 'plain', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/x.png' }] });
    expect(sent[0]).toMatchObject({ text: 'plain' });
    expect(sent[0]?.summary).toBeUndefined();
  });

  it('leaves a message that fits alone', async () => {
    const { sent, logs } = await sendInTeams({ text: 'x', suggestedActions: actions(3) });
    expect(sent[0]?.suggestedActions?.actions).toHaveLength(3);
    expect(logs).toEqual([]);
  });
});
