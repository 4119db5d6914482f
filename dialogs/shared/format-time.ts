import { DateTime } from 'luxon';
import type { Language } from '../../src/messages/channel-kind.js';

const WEEKDAYS_HANT = ['一', '二', '三', '四', '五', '六', '日'];

/** A promised time the way a customer reads it, in the business time zone: "Thu 26 Nov 10:30", "11月26日（週四）10:30". */
export function formatTime(instant: Date, language: Language, timeZone: string): string {
  const t = DateTime.fromJSDate(instant, { zone: timeZone });
  if (language === 'en') return t.setLocale('en-GB').toFormat('ccc d LLL HH:mm');
  const week = language === 'zh-Hant' ? '週' : '周';
  return `${t.month}月${t.day}日（${week}${WEEKDAYS_HANT[t.weekday - 1]}）${t.toFormat('HH:mm')}`;
}
