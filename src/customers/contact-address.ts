import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { ContactKind } from '../generated/prisma/enums.js';

/** Phone numbers become E.164 (local numbers read in the business's region), e-mails lower case. */
export function normalisePhone(raw: string, defaultRegion: CountryCode = 'TW'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion);
  return parsed?.isPossible() ? parsed.number : null;
}

export function normaliseEmail(raw: string): string | null {
  const trimmed = raw.trim().toLowerCase();
  return z.email().safeParse(trimmed).success ? trimmed : null;
}

export function normaliseAddress(kind: ContactKind, raw: string, defaultRegion?: CountryCode): string | null {
  if (kind === 'phone') return normalisePhone(raw, defaultRegion);
  if (kind === 'email') return normaliseEmail(raw);
  const id = raw.trim();
  return id.length > 0 && id.length <= 200 ? id : null;
}
