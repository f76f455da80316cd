import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import restify from 'restify';
import { serveStaticFile } from '../../src/webchat/staticFile';
import { listenOnLoopback } from '../directline/support/testServer';

describe('serveStaticFile', () => {
  it('reads and compresses the file when registered, not on the first request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'static-'));
    const file = path.join(dir, 'bundle.js');
    writeFileSync(file, 'window.Bundle = 1;');
    const server = restify.createServer();
    serveStaticFile(server, '/bundle.js', file, 'text/javascript; charset=utf-8', 60);
    rmSync(dir, { recursive: true });
    const app = await listenOnLoopback(server);
    try {
      const response = await fetch(`${app.baseUrl}/bundle.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(await response.text()).toBe('window.Bundle = 1;');
    } finally {
      await app.close();
    }
  });

  it('refuses at registration a file that is missing, naming it', () => {
    expect(() => serveStaticFile(restify.createServer(), '/x.js', '/no/such/file.js', 'text/javascript', 60)).toThrow('/no/such/file.js is missing');
  });
});
