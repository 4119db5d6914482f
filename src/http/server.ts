import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logger.js';
import { checkParams, readBody, type BodyRule } from './body-reader.js';
import { sendError } from './error-response.js';
import { rateLimit, type RateRule } from './rate-limit.js';

declare module 'restify' {
  interface Request {
    logger: Logger;
  }
}

export type HttpServerOptions = {
  /** Body limits and formats per route prefix (body-reader.ts has the defaults). */
  bodyRules?: readonly BodyRule[];
  /** Rate limits, checked once the body is read (rate-limit-rules.ts builds them from the settings). */
  rateRules?: readonly RateRule[];
};

const statusCodes: Record<number, string> = { 404: 'not_found', 405: 'method_not_allowed', 413: 'input.too_large', 415: 'input.unsupported_media_type' };

/**
 * restify with per-route body limits (read and parsed by body-reader.ts, before any handler), rate limits,
 * a request id on every log line, `nosniff` on every response, and errors translated once.
 */
export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): Server {
  const server = restify.createServer({ name: 'aftercare', handleUncaughtExceptions: false });
  server.pre((req: Request, res: Response, next: () => void) => {
    const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    req.logger = logger.child({ reqId: id });
    res.setHeader('x-request-id', id);
    // Browsers must not guess a type for our JSON (or anything else we send).
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(checkParams());
  server.use(readBody(options.bodyRules));
  if (options.rateRules?.length) server.use(rateLimit(options.rateRules));
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    // restify's own errors (404, 405, a malformed URL) keep their status and get our body shape.
    const status = err.statusCode ?? 500;
    if (status >= 500) req.logger?.error({ err }, 'request failed');
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({
      error: { code: statusCodes[status] ?? (status >= 500 ? 'internal' : 'input.invalid'), message: err.message },
    });
    cb();
  });
  // Requests Node cannot parse (headers too large, a broken request line) never reach restify: answer them
  // with a reason too, instead of Node's bare 400/431.
  server.server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({ error: { code: 'input.invalid', message: status === 431 ? 'The request headers (or URL) are too large' : 'The request is not valid HTTP' } });
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}

/** Wraps an async handler so a thrown error becomes our error response (restify 10+ wants async handlers). */
export function route(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      sendError(res, err, req.logger, req);
    }
  };
}
