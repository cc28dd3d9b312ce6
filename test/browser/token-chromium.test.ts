import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationCodeFlow } from '../../src/oauth/index.js';
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

  it('Chromium follows the authorize redirect to the https loopback listener and the refresh token comes out', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'],
    });
    const log: string[] = [];
    let landedOn = '';
    let pageText = '';
    try {
      const page = await browser.newPage();
      const tokens = await authorizationCodeFlow(t.cfg, {
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
      expect(tokens.refreshToken).toBeTruthy();
      expect(t.issued).toContain(tokens.refreshToken);
      expect(landedOn.startsWith(t.cfg.redirectUri)).toBe(true);
      expect(leakedSecrets(pageText, [t.cfg.clientSecret, ...t.issued])).toEqual([]);
      expect(leakedSecrets(log.join('\n'), [t.cfg.clientSecret, ...t.issued])).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
