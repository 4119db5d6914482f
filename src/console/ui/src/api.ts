// The console's one way to the server: JSON over /console/api with the session's bearer token.

const TOKEN_KEY = 'aftercare.console.token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
  /** The server has no such route yet (restify's own 404/405), as opposed to "no such ticket". */
  get unavailable(): boolean {
    return this.code === 'ResourceNotFound' || this.code === 'MethodNotAllowed';
  }
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    for (const listener of signedOutListeners) listener();
  },
  onSignedOut(listener: Listener): () => void {
    signedOutListeners.add(listener);
    return () => signedOutListeners.delete(listener);
  },
};

export function authHeaders(): Record<string, string> {
  const token = session.token();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string }; code?: string; message?: string };
  return new ApiError(body.error?.message ?? body.message ?? res.statusText, res.status, body.error?.code ?? body.code ?? '');
}

export async function api<T = Record<string, unknown>>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/console/api${path}`, {
    ...init,
    headers: { ...authHeaders(), ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && !path.startsWith('/session')) session.clear();
    throw error;
  }
  if (res.status === 204) return {} as T;
  return (await res.json()) as T;
}

export const post = <T = Record<string, unknown>>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body: JSON.stringify(body) });
export const patch = <T = Record<string, unknown>>(path: string, body: unknown = {}) => api<T>(path, { method: 'PATCH', body: JSON.stringify(body) });
export const del = <T = Record<string, unknown>>(path: string) => api<T>(path, { method: 'DELETE' });

/** Downloads a file the API serves (e.g. CSV) with the bearer token, as a normal browser download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(`/console/api${path}`, { headers: authHeaders() });
  if (!res.ok) throw await errorFrom(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(await res.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh id for an idempotent send (the server sends a reply with the same clientId once). */
export function clientId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
