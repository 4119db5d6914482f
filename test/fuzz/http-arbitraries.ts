import fc from 'fast-check';

/** Texts that have broken parsers before: right-to-left, zero-width, emoji sequences, NUL, lone surrogates. */
const nastyTexts = [
  '\u202eevil\u202c override',
  'مرحبا، طابعتي لا تعمل',
  'שלום עולם',
  'a\u200bb\u200c\u200dc\ufeff',
  '👩‍👩‍👧‍👦🇹🇼🔥🖨️',
  'e\u0301\u0301\u0301',
  'x\u0000y',
  '\ud800',
  'tail\udc00',
  '\ud83d',
  '印表機卡紙了 SR-2026-000001',
  ' \t\r\n ',
  '',
  '%00%zz%',
  '<script>alert(1)</script>',
  "'; DROP TABLE \"Message\"; --",
  '{"a":',
  '\\u0000',
];

/** Any text a client might send, from plain to hostile, usually short. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  { weight: 3, arbitrary: fc.constantFrom(...nastyTexts) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...nastyTexts), { maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => '字'.repeat(n)) },
);

const jsonKeys = [
  'sessionId', 'clientMessageId', 'text', 'language', 'status', 'to', 'urgency', 'complexity', 'staffId', 'note',
  'reason', 'scheduledFor', 'at', 'from', 'session', 'id', '__proto__', 'constructor', '',
];

/** A JSON value shaped like what the routes read, with wrong types and hostile texts in the fields. */
const shapedJson = fc.dictionary(fc.constantFrom(...jsonKeys), fc.oneof(anyText, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 6 });

/** A request body as bytes, with the content type it is sent under (or none). */
export type FuzzBody = { bytes: Uint8Array; contentType?: string };

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
/** JSON.stringify keeps lone surrogates as escapes (`"\ud800"`), so they reach the parser as such. */
const json = (value: unknown) => utf8(JSON.stringify(value) ?? 'null');

const invalidUtf8 = fc.constantFrom(
  [0xff, 0xfe],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe4, 0xbd],
  [0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d],
).map((b) => new Uint8Array(b));

const deepJson = fc.tuple(fc.integer({ min: 8, max: 8_000 }), fc.boolean()).map(([n, arrays]) =>
  utf8(arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
);

/** Percent-encodes UTF-8 bytes itself: encodeURIComponent throws on lone surrogates. */
export const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');

const form = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 12 }), anyText, { maxKeys: 8 }).map((d) =>
    utf8(Object.entries(d).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')),
  ),
  fc.constantFrom('a=%zz', 'Body=%ED%A0%80', 'Body=%00', 'a[b][c][d][e][f][g]=1', '&&==&', '=', 'From=+886912345678&Body=hi').map(utf8),
);

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    'application/vnd.api+json',
    'application/json; charset=latin1',
    '../../etc/passwd',
    'application/x-www-form-urlencoded; charset=utf-16',
  ),
  { nil: undefined },
);

/** Bodies of every kind: random bytes, invalid UTF-8, deep or huge JSON, forms, hostile text, wrong types. */
export const anyBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.record({ bytes: fc.uint8Array({ maxLength: 2_048 }), contentType }),
  fc.record({ bytes: invalidUtf8, contentType }),
  fc.record({ bytes: fc.jsonValue({ maxDepth: 4 }).map(json), contentType }),
  fc.record({ bytes: shapedJson.map(json), contentType: fc.constant('application/json') }),
  fc.record({ bytes: deepJson, contentType: fc.constant('application/json') }),
  fc.record({ bytes: form, contentType }),
  fc.record({ bytes: anyText.map(utf8), contentType }),
  fc.record({
    bytes: fc.integer({ min: 10_000, max: 1_200_000 }).map((n) => json({ text: 'x'.repeat(n) })),
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
  }),
);

const queryKeys = ['session', 'lastEventId', 'outboundId', 'lang', 'reason', 'attempt', 'status', 'from', 'to', 'page', 'limit', 'q', 'category', 'urgency', 'a[b]', 'x'];

/** A query string: known and unknown names, hostile values, broken percent escapes, nested brackets. */
export const anyQuery = fc.oneof(
  fc.dictionary(fc.constantFrom(...queryKeys), anyText.filter((t) => t.length < 2_000), { maxKeys: 5 }).map((d) =>
    Object.entries(d).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&'),
  ),
  fc.constantFrom('', '%', '%zz', 'a[b][c][d][e][f][g][h]=1', 'session[]=1&session[]=2', 'lastEventId=-1', 'lastEventId=1e309', '&&&', 'session=%00'),
);

/** A value for a path parameter (`:id`): a UUID that names nothing, or junk. */
export const anyPathParam = fc.oneof(fc.uuid(), anyText.filter((t) => t.length > 0 && t.length < 200).map(percentEncode));

const twilioFields = ['MessageSid', 'SmsSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'MessagingServiceSid', 'MessageStatus', 'ErrorCode', 'CallSid', 'CallStatus', 'Digits', 'SpeechResult', 'Confidence', 'RecordingUrl', 'RecordingSid', 'RecordingDuration', 'TranscriptionText', 'TranscriptionStatus', 'DialCallStatus', 'CallDuration'];

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
/** Valid-looking Twilio values next to hostile ones, so the fuzz reaches the handlers and not only the schemas. */
const twilioValue = (field: string) =>
  fc.oneof(
    { weight: 2, arbitrary: anyText.filter((t) => t.length < 1_700) },
    {
      weight: 3,
      arbitrary:
        field === 'From' || field === 'To'
          ? fc.constantFrom('+886912345678', '+886277001234', '+14155550100', '0912345678')
          : field.endsWith('Sid')
            ? hex32.map((h) => `${({ MessageSid: 'SM', SmsSid: 'SM', AccountSid: 'AC', CallSid: 'CA', RecordingSid: 'RE', MessagingServiceSid: 'MG' } as Record<string, string>)[field] ?? 'SM'}${h}`)
            : field === 'NumMedia' || field === 'Digits' || field.endsWith('Duration') || field === 'Confidence'
              ? fc.oneof(fc.nat({ max: 12 }).map(String), fc.double().map(String), fc.constantFrom('1#', '-1', '0.93'))
              : field === 'MessageStatus' || field.endsWith('CallStatus') || field === 'TranscriptionStatus'
                ? fc.constantFrom('delivered', 'failed', 'sent', 'completed', 'no-answer', 'busy', 'in-progress')
                : field.endsWith('Url0') || field === 'RecordingUrl'
                  ? fc.constantFrom('https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1', 'javascript:alert(1)', 'http://127.0.0.1/')
                  : anyText.filter((t) => t.length < 500),
    },
  );

/** A Twilio webhook's form fields: mostly plausible, some hostile, some extra. */
export const twilioParams: fc.Arbitrary<Record<string, string>> = fc
  .tuple(
    fc.subarray(twilioFields, { minLength: 3 }).chain((fields) => fc.tuple(...fields.map((f) => twilioValue(f).map((v) => [f, v] as const)))),
    fc.dictionary(fc.string({ maxLength: 10 }), anyText.filter((t) => t.length < 200), { maxKeys: 2 }),
  )
  .map(([pairs, extra]) => ({ ...extra, ...Object.fromEntries(pairs) }));
