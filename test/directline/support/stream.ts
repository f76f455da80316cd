import { WebSocket } from 'ws';

/** What a Direct Line stream pushes. */
export interface ActivitySet {
  activities: { id: string; type: string; text?: string; replyToId?: string; from?: { role?: string }; channelData?: Record<string, unknown> }[];
  watermark: string;
}

/** Opens a stream and collects the activity sets it pushes. */
export async function openStream(url: string): Promise<{ ws: WebSocket; sets: ActivitySet[] }> {
  const ws = new WebSocket(url);
  const sets: ActivitySet[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    if (text) sets.push(JSON.parse(text) as ActivitySet);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, sets };
}
