import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Response as UndiciResponse } from 'undici';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/oauth/http.js';

describe('the HTTP client', () => {
  it("uses undici's own fetch with its dispatcher (not Node's built-in fetch, a different undici major)", async () => {
    const server = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const http = await createHttpClient({ env: {} });
    try {
      const response = await http.fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response).toBeInstanceOf(UndiciResponse);
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      await http.close();
      server.close();
    }
  });
});
