import type { Request, Response } from 'restify';

// req.rawBody (typed by restify) is set to the body as text, exactly as received: Twilio signs these fields.
import { ValidationError } from '../errors/app-error.js';
import { sendError } from './error-response.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './http-errors.js';
import { textProblem } from './text-checks.js';

export type BodyFormat = 'form' | 'json';
export type BodyRule = { prefix: string; limitBytes: number; format: BodyFormat };

const KiB = 1024;

/**
 * What each group of routes accepts. Twilio posts a few KB of form fields (64 KB leaves room for MMS
 * media fields); a chat message is at most 4,000 characters; console actions are small JSON, 1 MB leaves
 * room for long staff replies. The first matching prefix wins; other routes get the last rule.
 */
export const bodyRules: readonly BodyRule[] = [
  { prefix: '/twilio/', limitBytes: 64 * KiB, format: 'form' },
  { prefix: '/chat/', limitBytes: 16 * KiB, format: 'json' },
  { prefix: '/console/', limitBytes: 1024 * KiB, format: 'json' },
  { prefix: '/', limitBytes: 16 * KiB, format: 'json' },
];

/** Deeper JSON than this is refused: no route reads more than three levels. */
export const MAX_JSON_DEPTH = 32;

const contentTypes: Record<BodyFormat, string> = { form: 'application/x-www-form-urlencoded', json: 'application/json' };

export function bodyRuleFor(path: string, rules: readonly BodyRule[] = bodyRules): BodyRule {
  return rules.find((r) => path.startsWith(r.prefix)) ?? rules[rules.length - 1]!;
}

/**
 * Reads the request body under the route's limit and parses it, replacing restify's bodyParser (which
 * buffered up to its limit for every route before any handler ran). A declared Content-Length over the limit
 * is refused before a byte is read; a body that grows past it is refused as soon as it does. Then: UTF-8
 * only, the route's content type only, no NUL or lone surrogates in any value, JSON at most 32 levels deep.
 * Every refusal is a 4xx with the reason.
 */
export function readBody(rules: readonly BodyRule[] = bodyRules) {
  return (req: Request, res: Response, next: (err?: false) => void) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const rule = bodyRuleFor(req.path(), rules);
    const refuse = (err: Error) => {
      // The rest of the body is not worth reading: close the connection once the answer is sent.
      res.header('connection', 'close');
      sendError(res, err, req.logger, req);
      req.resume();
      next(false);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > rule.limitBytes) return refuse(tooLarge(rule));
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') return refuse(new UnsupportedMediaTypeError(`Content-Encoding ${encoding.slice(0, 40)} is not accepted; send the body uncompressed`));

    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      received += chunk.length;
      if (received > rule.limitBytes) {
        done = true;
        chunks.length = 0;
        req.off('data', onData);
        refuse(tooLarge(rule));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', () => {
      done = true;
    });
    req.once('end', () => {
      if (done) return;
      done = true;
      try {
        parseInto(req, Buffer.concat(chunks), rule);
      } catch (err) {
        sendError(res, err, req.logger, req);
        return next(false);
      }
      next();
    });
  };
}

function tooLarge(rule: BodyRule): PayloadTooLargeError {
  return new PayloadTooLargeError(`The body is larger than this route accepts (${rule.limitBytes / KiB} KB)`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseInto(req: Request, bytes: Buffer, rule: BodyRule): void {
  if (bytes.length === 0) {
    req.rawBody = '';
    req.body = undefined;
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const expected = contentTypes[rule.format];
  if (type !== expected && !(rule.format === 'json' && /^application\/[a-z0-9.+-]*\+json$/.test(type))) {
    throw new UnsupportedMediaTypeError(`This route reads ${expected}; got ${type.slice(0, 80) || 'no content type'}`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ValidationError('The body is not valid UTF-8');
  }
  req.rawBody = text;
  req.body = rule.format === 'json' ? parseJson(text) : parseForm(text);
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`The body is not valid JSON: ${(err as Error).message.slice(0, 120)}`);
  }
  checkValues(value);
  return value;
}

/** Flat form fields (the last of repeated names wins, as Twilio's validator reads them); strict percent-decoding. */
function parseForm(text: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const key = decodeField(rawKey, '(a field name)');
    const value = decodeField(rawValue, key);
    const problem = textProblem(key) ?? textProblem(value);
    if (problem) throw new ValidationError(`Field ${JSON.stringify(key.slice(0, 40))} ${problem}`);
    fields[key] = value;
  }
  return fields;
}

function decodeField(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new ValidationError(`Field ${JSON.stringify(name.slice(0, 40))} is not valid percent-encoded UTF-8`);
  }
}

/** Walks parsed JSON without recursion: every key and string value checked, depth bounded. */
function checkValues(root: unknown, rootPath = '(body)'): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: rootPath }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw new ValidationError(`${path} ${problem}`);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw new ValidationError(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    for (const [key, child] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) throw new ValidationError(`A field name ${problem}`);
      stack.push({ value: child, depth: depth + 1, path: Array.isArray(value) ? `${path}[${key}]` : path === rootPath && rootPath === '(body)' ? key.slice(0, 40) : `${path}.${key.slice(0, 40)}` });
    }
  }
}

/**
 * Path parameters and query values are text the routes may store or look up: the same NUL and lone-surrogate
 * check as bodies (PostgreSQL refuses both in text, which would otherwise surface as a 500).
 */
export function checkParams() {
  return (req: Request, res: Response, next: (err?: false) => void) => {
    try {
      for (const [name, value] of [...Object.entries(req.params ?? {}), ...Object.entries((req.query as Record<string, unknown> | undefined) ?? {})]) {
        checkValues(value, `Parameter ${JSON.stringify(name.slice(0, 40))}`);
      }
    } catch (err) {
      sendError(res, err, req.logger, req);
      return next(false);
    }
    next();
  };
}
