import { randomUUID } from 'node:crypto';

/** The domain of our sender address, for Message-IDs that look like ours (`<uuid@example.com>`). */
export function mailDomain(from: string | undefined): string {
  const match = /@([A-Za-z0-9.-]+)/.exec(from ?? '');
  return match?.[1]?.toLowerCase() ?? 'aftercare.local';
}

/** A fresh Message-ID, without angle brackets (the form we store). */
export function newMessageId(from: string | undefined): string {
  return `${randomUUID()}@${mailDomain(from)}`;
}

/** The bare address out of `"Name" <a@b>` or `a@b`, lower case. */
export function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(value) ?? /([^\s<>"]+@[^\s<>"]+)/.exec(value);
  return match?.[1]?.toLowerCase();
}
