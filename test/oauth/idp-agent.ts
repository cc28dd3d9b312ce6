import { Agent } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { startIdp, type TestIdp } from './support.js';

/**
 * The identity provider over HTTPS and an undici agent that trusts its CA, for tests that call its endpoints
 * directly: started before the file's tests, closed after. Read `t` and `agent` inside tests only.
 */
export function idpWithAgent(): { t: TestIdp; agent: Agent } {
  const idp = {} as { t: TestIdp; agent: Agent };
  beforeAll(async () => {
    idp.t = await startIdp();
    idp.agent = new Agent({ connect: { ca: idp.t.ca } });
  });
  afterAll(async () => {
    await idp.agent.close();
    await idp.t.close();
  });
  return idp;
}
