import { useEffect, useState } from 'preact/hooks';

export const VIEWS = ['inbox', 'tickets', 'ticket', 'customer', 'visits', 'calls', 'kpis', 'reports', 'audit', 'staff', 'outbox'] as const;
export type View = (typeof VIEWS)[number];
export type Route = { view: View; id: string | null };

/** Hash routes: #/inbox, #/inbox/<conversation>, #/ticket/<id>, #/customer/<id>, … (the server serves one page). */
export function parseRoute(hash: string): Route {
  const [view, id] = hash.replace(/^#\/?/, '').split('/').map((part) => decodeURIComponent(part));
  return { view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'inbox', id: id || null };
}

export function href(view: View, id?: string | null): string {
  return `#/${view}${id ? `/${encodeURIComponent(id)}` : ''}`;
}

export function go(view: View, id?: string | null): void {
  location.hash = href(view, id);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
