import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedirectListener } from '../../src/oauth/listener.js';
import { freePort } from '../pull/support.js';

/** One raw HTTP/1.1 request (so Host and the request target are exactly as written); resolves to the status. */
function rawRequest(port: number, target: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (m) {
        resolve(Number(m[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
  });
}

describe('the loopback listener accepts only requests for the redirect URI itself', () => {
  it('another Host header or an absolute-form target is refused (421) and delivers nothing; the real redirect is taken', async () => {
    const port = await freePort();
    const logs: string[] = [];
    const listener = await startRedirectListener({ redirectUri: `http://localhost:${port}/wdatpconnector`, state: 'st', log: (l) => logs.push(l) });
    try {
      let delivered = false;
      void listener.received.then(() => (delivered = true));
      const path = '/wdatpconnector?code=forged&state=st';
      expect(await rawRequest(port, path, `evil.example:${port}`)).toBe(421);
      expect(await rawRequest(port, path, `127.0.0.1:${port}`)).toBe(421);
      expect(await rawRequest(port, `http://localhost:${port}${path}`, `localhost:${port}`)).toBe(421);
      await new Promise((r) => setTimeout(r, 50));
      expect(delivered).toBe(false);

      const answer = rawRequest(port, '/wdatpconnector?code=real&state=st', `LOCALHOST:${port}`);
      const got = await listener.received;
      expect(got.params.get('code')).toBe('real');
      await listener.finish({ ok: true, title: 'Signed in', text: 'ok' });
      expect(await answer).toBe(200);
    } finally {
      await listener.close();
    }
  });
});
