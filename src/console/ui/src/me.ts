import { createStore } from './store';

export type Me = { id: string; name: string; role: 'agent' | 'engineer' | 'supervisor' | 'admin'; email: string | null; mustChangePassword?: boolean };
export const meStore = createStore<Me | null>(null);

export const isSupervisor = (me: Me | null): boolean => me?.role === 'supervisor' || me?.role === 'admin';
