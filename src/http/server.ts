import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logger.js';
import { sendError } from './error-response.js';

declare module 'restify' {
  interface Request {
    logger: Logger;
  }
}

/** restify with form and JSON bodies, a request id on every log line, and errors translated once. */
export function createHttpServer(logger: Logger): Server {
  const server = restify.createServer({ name: 'aftercare', handleUncaughtExceptions: false });
  server.pre((req: Request, res: Response, next: () => void) => {
    const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    req.logger = logger.child({ reqId: id });
    res.setHeader('x-request-id', id);
    next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      mapParams: false,
      maxBodySize: 25 * 1024 * 1024,
      rejectUnknown: false,
    }),
  );
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    // restify's own errors (bad JSON, body too large, 404) keep their status and get our body shape.
    const status = err.statusCode ?? 500;
    if (status >= 500) req.logger?.error({ err }, 'request failed');
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({
      error: { code: status === 404 ? 'not_found' : status === 413 ? 'input.too_large' : 'input.invalid', message: err.message },
    });
    cb();
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
