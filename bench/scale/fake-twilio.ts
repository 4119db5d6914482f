import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the app asked Twilio to send: the outbox row (from the status callback URL) and which instance sent it. */
export type ProviderSend = { outboundId: string; instance: string };

/**
 * Twilio's Messages API as far as the app uses it, on 127.0.0.1, recording every send. Each instance gets
 * its own base URL (`baseUrlFor('i0')` → TWILIO_API_BASE_URL): the app's client puts the base URL's path in
 * front of Twilio's, so the path says which instance's job sent the message.
 */
export async function startFakeTwilio(): Promise<{ baseUrlFor(instance: string): string; sends: ProviderSend[]; close(): Promise<void> }> {
  const sends: ProviderSend[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /^\/([^/]+)\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const form = new URLSearchParams(body);
      const callback = form.get('StatusCallback');
      const outboundId = callback ? (new URL(callback).searchParams.get('outboundId') ?? '') : '';
      sends.push({ outboundId, instance: match[1]! });
      const sid = `SM${randomBytes(16).toString('hex')}`;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid, status: 'queued', to: form.get('To'), from: form.get('From'), body: form.get('Body') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrlFor: (instance) => `http://127.0.0.1:${port}/${instance}`,
    sends,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
