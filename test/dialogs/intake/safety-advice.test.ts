import { describe, expect, it } from 'vitest';
import { hazardOf } from '../../../dialogs/intake/safety-advice.js';

describe('hazards that call for safety advice', () => {
  it('sees gas and fire in all three languages', () => {
    expect(hazardOf('廚房有瓦斯味')).toBe('gas');
    expect(hazardOf('插座冒煙了')).toBe('electrical');
    expect(hazardOf('电饭煲着火了')).toBe('electrical');
    expect(hazardOf('the socket behind the fridge is sparking')).toBe('electrical');
  });

  it('takes a heater or stove that will not light for a fault, not a fire', () => {
    for (const text of ['熱水器點不著火', '瓦斯爐打不起火', '燃气灶点不着火', '個熱水爐打唔著火', '热水器没着火就熄了']) expect({ text, hazard: hazardOf(text) }).toEqual({ text, hazard: undefined });
  });
});
