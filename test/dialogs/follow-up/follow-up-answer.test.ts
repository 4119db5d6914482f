import { describe, expect, it } from 'vitest';
import { readFollowUpAnswer } from '../../../dialogs/follow-up/follow-up-answer.js';

describe('reading the answer to "is it working well?"', () => {
  it.each([
    ['yes', true],
    ['yes, all fine', true],
    ['Yes! Works great, thanks', true],
    ['no problems at all', true],
    ['everything is working fine', true],
    ['是', true],
    ['正常，謝謝', true],
    ['沒問題', true],
    ['no', false],
    ["no, it's broken again", false],
    ['it still jams after ten pages', false],
    ['否，又壞了', false],
    ['還是不能列印', false],
  ])('reads "%s" as %s', (text, fine) => {
    expect(readFollowUpAnswer(text)).toBe(fine);
  });

  it('leaves an answer that says neither unread', () => {
    expect(readFollowUpAnswer('what is my ticket number?')).toBeUndefined();
  });
});
