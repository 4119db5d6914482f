import { describe, expect, it } from 'vitest';
import { readDetails } from '../../../dialogs/mail-intake/mail-details.js';

const ctx = { now: new Date('2026-11-25T02:00:00Z'), timeZone: 'Asia/Taipei' };

describe('reading the asked details from a mail', () => {
  it('maps numbered lines to the list as it was sent', () => {
    const numbered = ['serial', 'purchaseDate', 'siteAddress'] as const;
    expect(readDetails('1) AB-123\n2、2024/3/15\n3. 台中市西屯區台灣大道三段99號', numbered, { ...ctx, numbered }).values).toEqual({
      serial: 'AB-123',
      purchaseDate: '2024-03-15',
      siteAddress: '台中市西屯區台灣大道三段99號',
      province: '台中市',
    });
  });

  it('takes a labelled line over its number', () => {
    const numbered = ['serial', 'purchaseDate'] as const;
    expect(readDetails('1. Purchase date: 2024-01-02', numbered, { ...ctx, numbered }).values).toEqual({ purchaseDate: '2024-01-02' });
  });

  it('reads labels in Chinese with full-width colons', () => {
    expect(readDetails('电话：0912 345 678\n序列号：SN778', ['contactPhone', 'serial'], ctx).values).toEqual({ contactPhone: '+886912345678', serial: 'SN778' });
  });

  it('counts "skip" and "不知道" as skipped, never as a value', () => {
    const numbered = ['serial', 'purchaseDate'] as const;
    expect(readDetails('1. 不知道\n2. skip', numbered, { ...ctx, numbered })).toEqual({ values: {}, skipped: ['serial', 'purchaseDate'] });
  });

  it('takes a short unlabelled answer as the only detail still open', () => {
    expect(readDetails('SN-44512', ['serial'], ctx).values).toEqual({ serial: 'SN-44512' });
  });

  it.each([
    ['2. 2024年5月', '2024-05'],
    ['2. 去年三月份', '2025-03'],
    ['2. March 2024', '2024-03'],
    ['2. last year', '2025'],
  ])('keeps a purchase date "%s" as precise as it was given, as the chat intake does', (text, value) => {
    const numbered = ['serial', 'purchaseDate'] as const;
    expect(readDetails(text, numbered, { ...ctx, numbered }).values).toEqual({ purchaseDate: value });
  });

  it('ignores a date it cannot read or one in the future', () => {
    const numbered = ['purchaseDate'] as const;
    expect(readDetails('1. 2031-01-01', numbered, { ...ctx, numbered }).values).toEqual({});
  });

  it('reads only the fields still open', () => {
    expect(readDetails('Serial: X1\nModel: M404', ['serial'], ctx).values).toEqual({ serial: 'X1' });
  });
  it('reads a numbered answer that does not fit its number by its shape (a date, an address)', () => {
    const numbered = ['serial', 'purchaseDate', 'siteAddress'] as const;
    expect(readDetails('1. 2023年11月\n2. 江苏省苏州市工业园区星湖街328号', numbered, { ...ctx, numbered }).values).toEqual({
      purchaseDate: '2023-11',
      siteAddress: '江苏省苏州市工业园区星湖街328号',
      province: '江苏省',
    });
  });

  it('splits numbered answers written on one line', () => {
    const numbered = ['serial', 'purchaseDate', 'siteAddress'] as const;
    expect(readDetails('1. SN-778 / 2. 2024年3月 / 3. 台中市西屯區台灣大道三段99號', numbered, { ...ctx, numbered }).values).toMatchObject({
      serial: 'SN-778',
      purchaseDate: '2024-03',
      siteAddress: '台中市西屯區台灣大道三段99號',
    });
  });

  it('reads a mobile number on a line of its own as the phone, never as the serial', () => {
    const numbered = ['serial', 'contactPhone'] as const;
    expect(readDetails('0922333444', numbered, { ...ctx, numbered }).values).toEqual({ contactPhone: '+886922333444' });
  });
});
