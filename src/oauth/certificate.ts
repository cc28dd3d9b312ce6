import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';

export interface ListenerCertificate {
  key: string;
  cert: string;
  /** SHA-256 fingerprint as browsers show it (AA:BB:...), so the user can compare before accepting. */
  fingerprint256: string;
  generated: boolean;
}

/**
 * A throw-away certificate for the https redirect listener: EC P-256, SHA-256 signature, valid for a day, with
 * SAN localhost, 127.0.0.1 and ::1 so it matches whichever loopback name the redirect URI uses.
 */
export async function generateLoopbackCertificate(): Promise<ListenerCertificate> {
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate(
    [
      { name: 'commonName', value: 'localhost' },
      { name: 'organizationName', value: 'wdatp-arcsight token (this run only)' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + 24 * 3_600_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  return { key: pems.private, cert: pems.cert, fingerprint256: new X509Certificate(pems.cert).fingerprint256, generated: true };
}

/** --cert/--key: a certificate the user's browser already trusts (no warning page then). */
export async function readCertificatePair(certFile: string, keyFile: string): Promise<ListenerCertificate> {
  const read = async (path: string, flag: string) => {
    try {
      return await readFile(path, 'utf8');
    } catch (cause) {
      throw new ConfigError(`Cannot read ${flag} ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { file: path, cause });
    }
  };
  const cert = await read(certFile, '--cert');
  const key = await read(keyFile, '--key');
  let fingerprint256: string;
  try {
    fingerprint256 = new X509Certificate(cert).fingerprint256;
  } catch (cause) {
    throw new ConfigError(`${certFile} is not a PEM certificate.`, {
      file: certFile,
      hint: 'Pass --cert with a PEM (-----BEGIN CERTIFICATE-----) file.',
      cause,
    });
  }
  if (!key.includes('PRIVATE KEY-----')) {
    throw new ConfigError(`${keyFile} is not a PEM private key.`, {
      file: keyFile,
      hint: 'Pass --key with the unencrypted PEM private key of the certificate.',
    });
  }
  return { key, cert, fingerprint256, generated: false };
}
