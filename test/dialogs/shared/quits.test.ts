import { describe, expect, it } from 'vitest';
import { quits } from '../../../dialogs/shared/quits.js';

describe('quitting a survey or a follow-up', () => {
  it.each(['cancel', 'Stop.', 'quit', 'stop the survey', 'no more questions', 'no thanks', 'No, thank you.', 'bye', '不要了', '算了', '取消', '不想回答', '別問了', '够了'])(
    'reads "%s" on web chat as a quit',
    (text) => {
      expect(quits(text, 'chat')).toBe(true);
    },
  );

  it.each(['STOP', 'cancel', 'Quit', 'end'])('leaves the carrier opt-out word "%s" on SMS to the SMS keyword handling', (text) => {
    expect(quits(text, 'sms')).toBe(false);
  });

  it.each(['不要了', '算了', '取消'])('reads "%s" on SMS as a quit (not a carrier keyword)', (text) => {
    expect(quits(text, 'sms')).toBe(true);
  });

  it.each(['It stopped working after a day', '5', 'cancel fee was too high', '算了吧，師傅人很好'])('does not read "%s", which says more, as a quit', (text) => {
    expect(quits(text, 'chat')).toBe(false);
  });
});
