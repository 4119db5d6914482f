import { describe, it, expect } from 'vitest';
import { newEmailText } from '../../src/understanding/email-text.js';

describe('newEmailText', () => {
  it('cuts an Outlook original message block', () => {
    const body = 'The dryer is wet again.\n\n-----Original Message-----\nFrom: Service Desk\nSent: Monday\n\nWe fixed your dryer.';
    expect(newEmailText(body)).toBe('The dryer is wet again.');
  });

  it('cuts a Chinese attribution line and the quote after it', () => {
    const body = '收到，谢谢。\n\n在 2026年3月2日 上午10:15，客服中心 写道：\n> 您的工单已受理';
    expect(newEmailText(body)).toBe('收到，谢谢。');
  });

  it('cuts the signature after "-- " and a closing block', () => {
    expect(newEmailText('Lift stuck on floor 3.\n-- \nAlex\nFacilities')).toBe('Lift stuck on floor 3.');
    expect(newEmailText('Lift stuck on floor 3.\n\nKind regards,\nAlex Wong\nFacilities Manager')).toBe('Lift stuck on floor 3.');
  });
});
