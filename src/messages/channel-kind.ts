import { z } from 'zod';

export const ChannelKind = z.enum(['sms', 'voice', 'email', 'chat']);
export type ChannelKind = z.infer<typeof ChannelKind>;

export const Language = z.enum(['zh-Hant', 'zh-Hans', 'en']);
export type Language = z.infer<typeof Language>;

export function isLanguage(value: unknown): value is Language {
  return Language.safeParse(value).success;
}
