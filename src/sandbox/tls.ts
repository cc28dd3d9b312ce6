import { generate } from 'selfsigned';

export interface LoopbackCertificate {
  key: string;
  cert: string;
}

/**
 * A throwaway certificate for the loopback names (localhost, 127.0.0.1, ::1), made at start-up so no key is
 * ever committed. It is self-signed, so the certificate is its own CA: clients trust exactly this PEM.
 * EC P-256 keeps generation fast; sha256 because selfsigned's default signature is sha1, which TLS stacks refuse.
 */
export async function makeLoopbackCertificate(): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    algorithm: 'sha256',
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
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
  });
  return { key: pems.private, cert: pems.cert };
}
