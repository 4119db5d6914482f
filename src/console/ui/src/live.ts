import { useEffect, useRef, useState } from 'preact/hooks';
import { authHeaders, session } from './api';
import { createStore, useStore } from './store';

/**
 * Live updates: the server's event stream (/console/api/events), read with fetch so the bearer token goes
 * along; a server without one (or a stream that keeps failing) gets a poll every POLL_MS while visible. Either way views only
 * refetch data into state: what a person types or selects lives in separate state and is never rebuilt.
 */
const POLL_MS = 5_000;
export const liveMode = createStore<'connecting' | 'stream' | 'poll' | 'off'>('off');
const version = createStore(0);
let stop: (() => void) | null = null;

function bump(): void {
  version.set(version.get() + 1);
}

function startPolling(): () => void {
  liveMode.set('poll');
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') bump();
  }, POLL_MS);
  return () => clearInterval(timer);
}

export function startLive(): void {
  if (stop) return;
  const controller = new AbortController();
  let fallback: (() => void) | null = null;
  stop = () => {
    controller.abort();
    fallback?.();
    liveMode.set('off');
  };
  liveMode.set('connecting');
  void (async () => {
    // The server ends each stream after a while (so a revoked session stops receiving); reconnect then.
    for (let failures = 0; !controller.signal.aborted && failures < 5; ) {
      try {
        const res = await fetch('/console/api/events', { headers: { ...authHeaders(), accept: 'text/event-stream' }, signal: controller.signal });
        if (res.status === 401) return session.clear();
        if (res.status === 404 || res.status === 405) break;
        if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) throw new Error(`event stream: ${res.status}`);
        liveMode.set('stream');
        // After a failure something may have changed unseen: reload once. (A planned reconnect does not:
        // every reload of a list is a row in the access audit.)
        if (failures > 0) bump();
        failures = 0;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          const frames = buffer.split('\n\n');
          buffer = frames.pop() ?? '';
          if (frames.some((frame) => /^(data|event):/m.test(frame))) bump();
        }
      } catch {
        if (controller.signal.aborted) return;
        failures += 1;
        liveMode.set('connecting');
        await new Promise((resolve) => setTimeout(resolve, 1000 * failures));
      }
    }
    if (!controller.signal.aborted) fallback = startPolling();
  })();
}

export function stopLive(): void {
  stop?.();
  stop = null;
}

/** Ask every live view to refresh now (after this person's own action). */
export const refreshNow = bump;

/** A counter that changes on every live update: put it in a data-loading effect's dependencies. */
export function useLiveVersion(): number {
  return useStore(version);
}

/** The current time, ticking every `ms` (for SLA countdowns). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * Loads data with `load` whenever `deps` or the live version change. The previous data stays on screen
 * while reloading (no flicker, no lost scroll); `error` carries the last failure.
 */
export function useData<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: Error | null; reload: () => void } {
  const live = useLiveVersion();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [manual, setManual] = useState(0);
  const current = useRef(0);
  const key = JSON.stringify(deps);
  const shownKey = useRef(key);
  useEffect(() => {
    const call = ++current.current;
    // Another record: drop the old one at once rather than show it under the new heading.
    if (shownKey.current !== key) {
      shownKey.current = key;
      setData(null);
      setError(null);
    }
    load().then(
      (value) => {
        if (call !== current.current) return;
        setData(value);
        setError(null);
      },
      (err: Error) => {
        if (call === current.current) setError(err);
      },
    );
  }, [key, live, manual]);
  return { data, error, reload: () => setManual((n) => n + 1) };
}
