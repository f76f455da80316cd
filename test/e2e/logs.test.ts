import { startBot, type RunningBot } from './botHarness';

describe('log lines', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('are JSON and carry no raw conversation or activity id, even when replies cannot be delivered', async () => {
    const conversation = bot.client.conversation('conv-RAW-ID-0123456789');
    // Nothing listens at port 9: every reply fails, so the turn fails and the error path logs.
    const result = await bot.client.post({ ...conversation.envelope('message'), id: 'act-RAW-ID-9876', text: 'I feel dizzy', serviceUrl: 'http://127.0.0.1:9' });
    expect(result.status).toBe(200); // onTurnError handled it
    const lines = bot.logOutput().split('\n').filter((line) => line !== '');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const output = lines.join('\n');
    expect(output).toContain('turn');
    expect(output).not.toContain('RAW-ID');
    expect(output).not.toContain('127.0.0.1:9');
    expect(output).not.toContain('"stack"');
    expect(lines.map((line) => JSON.parse(line) as { msg: string; err?: unknown }).find((line) => line.msg === 'turn failed')?.err).toEqual({
      name: 'DialogContextError',
      code: 'DialogContextError',
      cause: { name: 'RestError', code: 'ECONNREFUSED' },
      activeDialog: 'flow:triage',
    });
  });
});
