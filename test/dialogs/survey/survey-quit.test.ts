import { describe, expect, it } from 'vitest';
import { quitsSurvey } from '../../../dialogs/survey/survey-quit.js';

describe('quitting a survey', () => {
  it.each(['cancel', 'Stop.', 'quit', 'stop the survey', 'no more questions', 'bye', '不要了', '算了', '取消', '不想回答', '別問了', '够了'])(
    'reads "%s" on web chat as a quit',
    (text) => {
      expect(quitsSurvey(text, 'chat')).toBe(true);
    },
  );

  it.each(['STOP', 'cancel', 'Quit', 'end'])('leaves the carrier opt-out word "%s" on SMS to the SMS keyword handling', (text) => {
    expect(quitsSurvey(text, 'sms')).toBe(false);
  });

  it.each(['不要了', '算了', '取消'])('reads "%s" on SMS as a quit (not a carrier keyword)', (text) => {
    expect(quitsSurvey(text, 'sms')).toBe(true);
  });

  it.each(['It stopped working after a day', '5', 'cancel fee was too high', '算了吧，師傅人很好'])('does not read "%s", which says more, as a quit', (text) => {
    expect(quitsSurvey(text, 'chat')).toBe(false);
  });
});
