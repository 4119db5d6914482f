import { describe, expect, it } from 'vitest';
import { markForward } from '../../../../channels/email/mail-filters/mark-forward.js';
import { parseBuilt } from '../mail-test-helpers.js';
import { ctx } from './filter-context.js';

const mail = (subject: string) => parseBuilt({ from: 'a@customer.test', subject, messageId: 'a@x.test' });

describe('markForward', () => {
  it.each(['Fwd: Printer broken', 'FW: Printer broken', 'Fw: Printer', 'WG: Drucker defekt', 'TR: Imprimante', '轉寄: 印表機壞了', '转发：打印机坏了', 'Re: Fwd: Printer'])(
    'marks "%s" as a forward',
    async (subject) => {
      expect(markForward(await mail(subject), {}, ctx)).toEqual({ forward: true });
    },
  );

  it.each(['Re: Printer broken', 'Forward planning', 'Printer FW update'])('does not mark "%s"', async (subject) => {
    expect(markForward(await mail(subject), {}, ctx)).toEqual({});
  });
});
