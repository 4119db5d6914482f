import { describe, expect, it } from 'vitest';
import { deadlines, isRemoteArea, type SlaInput } from '../../src/sla/sla-rules.js';
import { local, shippedCalendar as cal, shippedPolicy as policy, taipei } from './sla-fixture.js';

const fault = (changes: Partial<SlaInput> = {}): SlaInput => ({ openedAt: taipei('2026-11-25T10:00'), category: 'fault', urgency: 'normal', channel: 'sms', ...changes });
const due = (input: SlaInput, kind: string) => {
  const p = deadlines(policy, cal, input).find((x) => x.kind === kind);
  return p ? local(p.dueAt) : null;
};

describe('urgency’s own targets', () => {
  it('answers a high-urgency ticket within 1 business hour, a low one within 2', () => {
    expect(due(fault({ urgency: 'high' }), 'first_response')).toBe('2026-11-25T11:00');
    expect(due(fault({ urgency: 'low' }), 'first_response')).toBe('2026-11-25T12:00');
  });

  it('reaches a line-down site in the home province within 8 h, an ordinary one within 24 h', () => {
    expect(due(fault({ urgency: 'high', onSiteRequired: true, province: '臺北市' }), 'on_site_arrival')).toBe('2026-11-25T18:00');
    expect(due(fault({ urgency: 'normal', onSiteRequired: true, province: '臺北市' }), 'on_site_arrival')).toBe('2026-11-26T10:00');
  });

  it('keeps the other promises of a high-urgency ticket as the policy gives them', () => {
    expect(due(fault({ urgency: 'high', channel: 'voice' }), 'callback')).toBe(due(fault({ channel: 'voice' }), 'callback'));
  });
});

describe('on-site promises', () => {
  it('do not apply to a fault with an address that triage has not sent on site', () => {
    expect(due(fault({ province: '台北市', siteAddress: '台北市信義區松仁路 100 號' }), 'on_site_arrival')).toBeNull();
  });

  it('apply once triage says a visit on site is needed (如需現場), out of province when the province is unknown', () => {
    expect(due(fault({ onSiteRequired: true }), 'on_site_arrival')).toBe('2026-11-27T10:00');
    expect(due(fault({ onSiteRequired: true, province: '高雄市' }), 'on_site_arrival')).toBe('2026-11-27T10:00');
  });

  it('give a repair one working day from arrival, and a remote area three (the policy’s exception)', () => {
    const arrived = taipei('2026-11-25T10:00');
    expect(due(fault({ onSiteRequired: true, province: '高雄市', arrivedOnSiteAt: arrived }), 'on_site_repair')).toBe('2026-11-26T10:00');
    expect(due(fault({ onSiteRequired: true, province: '澎湖縣', arrivedOnSiteAt: arrived }), 'on_site_repair')).toBe('2026-11-28T10:00');
    expect(due(fault({ onSiteRequired: true, province: '台東縣', siteAddress: '臺東縣蘭嶼鄉紅頭村', arrivedOnSiteAt: arrived }), 'on_site_repair')).toBe('2026-11-28T10:00');
  });

  it('recognises remote areas by province or address, written in either script or in English', () => {
    expect(isRemoteArea(policy, { province: '金門縣' })).toBe(true);
    expect(isRemoteArea(policy, { province: 'Penghu County' })).toBe(true);
    expect(isRemoteArea(policy, { province: '台東縣', siteAddress: '台東縣綠島鄉' })).toBe(true);
    expect(isRemoteArea(policy, { province: '台東縣', siteAddress: '台東市中華路' })).toBe(false);
  });
});
