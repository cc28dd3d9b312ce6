import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationCodeFlow, readAccessTokenClaims, type ClientConfig, type TokenSet } from '../../src/oauth/index.js';
import { leakedSecrets, startIdp, type TestIdp } from '../oauth/support.js';

const CHROMIUM = '/usr/bin/chromium';
// In CI the browser leg must run (.ci/run installs Debian's chromium); on a workstation without it, skip loudly.
const runIt = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runIt) console.warn(`token-chromium: skipped, ${CHROMIUM} is missing (apt-get install chromium); CI always runs it.`);

describe.skipIf(!runIt)('token sign-in in real headless Chromium', () => {
  let t: TestIdp;
  beforeAll(async () => {
    t = await startIdp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One sign-in in headless Chromium: it loads the authorize URL, follows the redirect, and shows the listener's page. */
  async function signInWithChromium(cfg: ClientConfig): Promise<{ tokens: TokenSet; landedOn: string; pageText: string; log: string[] }> {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--ignore-certificate-errors',
      ],
    });
    const log: string[] = [];
    let landedOn = '';
    let pageText = '';
    try {
      const page = await browser.newPage();
      const tokens = await authorizationCodeFlow(cfg, {
        ca: t.ca,
        timeoutSeconds: 60,
        log: (line) => log.push(line),
        openBrowser: async (url) => {
          await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
          landedOn = page.url();
          pageText = await page.innerText('body');
        },
      });
      // The page may still be loading when the flow resolves; wait for it to show the outcome.
      await expect.poll(() => pageText, { timeout: 30_000 }).toContain('Signed in');
      return { tokens, landedOn, pageText, log };
    } finally {
      await browser.close();
    }
  }

  it('Chromium follows the authorize redirect to the https loopback listener and the refresh token comes out', async () => {
    const { tokens, landedOn, pageText, log } = await signInWithChromium(t.cfg);
    expect(tokens.refreshToken).toBeTruthy();
    expect(t.issued).toContain(tokens.refreshToken);
    expect(landedOn.startsWith(t.cfg.redirectUri)).toBe(true);
    expect(leakedSecrets(pageText, [t.cfg.clientSecret, ...t.issued])).toEqual([]);
    expect(leakedSecrets(log.join('\n'), [t.cfg.clientSecret, ...t.issued])).toEqual([]);
  }, 120_000);

  it('identity platform v2 (Graph): the sign-in with scope, PKCE and state in Chromium yields a refresh token and a Graph token', async () => {
    const { tokens, landedOn, pageText, log } = await signInWithChromium(t.v2cfg);
    expect(tokens.refreshToken).toBeTruthy();
    expect(t.issued).toContain(tokens.refreshToken);
    expect(landedOn.startsWith(t.v2cfg.redirectUri)).toBe(true);
    expect(log.join('\n')).toContain('/oauth2/v2.0/authorize?');
    expect(readAccessTokenClaims(tokens.accessToken)).toMatchObject({ aud: 'https://graph.microsoft.com', scp: ['SecurityAlert.Read.All'] });
    expect(leakedSecrets(pageText + log.join('\n'), [t.v2cfg.clientSecret, ...t.issued])).toEqual([]);
  }, 120_000);
});
