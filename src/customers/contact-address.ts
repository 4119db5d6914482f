import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { ContactKind } from '../generated/prisma/enums.js';

/*
 * An SMS is read through libphonenumber three or four times on its way in (the webhook's From and To, the
 * sender's contact lookup), 30 µs each: the answers for recently seen numbers are kept. Bounded; the
 * oldest entry goes first.
 */
const phoneCache = new Map<string, string | null>();
const PHONE_CACHE_SIZE = 10_000;

/** Phone numbers become E.164 (local numbers read in the business's region), e-mails lower case. */
export function normalisePhone(raw: string, defaultRegion: CountryCode = 'TW'): string | null {
  const key = `${defaultRegion}\u0000${raw}`;
  const known = phoneCache.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  const e164 = parsed?.isPossible() ? parsed.number : null;
  if (raw.length > 64) return e164; // no phone number is this long: not worth keeping
  if (phoneCache.size >= PHONE_CACHE_SIZE) phoneCache.delete(phoneCache.keys().next().value!);
  phoneCache.set(key, e164);
  return e164;
}

const Email = z.email();

export function normaliseEmail(raw: string): string | null {
  const trimmed = raw.trim().toLowerCase();
  return Email.safeParse(trimmed).success ? trimmed : null;
}

export function normaliseAddress(kind: ContactKind, raw: string, defaultRegion?: CountryCode): string | null {
  if (kind === 'phone') return normalisePhone(raw, defaultRegion);
  if (kind === 'email') return normaliseEmail(raw);
  const id = raw.trim();
  return id.length > 0 && id.length <= 200 ? id : null;
}
