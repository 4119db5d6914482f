import type { Response } from 'restify';

/** TwiML goes back as XML with status 200; restify would otherwise JSON-encode the string. */
export function sendTwiml(res: Response, twiml: { toString(): string }): void {
  const body = twiml.toString();
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
