import { api } from './api';
import { t } from './i18n';
import { createStore } from './store';

export type StaffMember = { id: string; name: string; role: string; region?: string | null; onDuty?: boolean; email?: string; active?: boolean };

/** The active staff, loaded once after sign-in and refreshed when staff change: ids are shown as names. */
export const staffStore = createStore<StaffMember[]>([]);

export async function loadStaff(): Promise<void> {
  const { staff } = await api<{ staff: StaffMember[] }>('/staff');
  staffStore.set(staff);
}

export function staffName(id: string | null | undefined): string {
  if (!id) return '—';
  return staffStore.get().find((s) => s.id === id)?.name ?? t('staff.former');
}
