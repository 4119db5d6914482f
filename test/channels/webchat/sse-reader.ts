export type SseEvent = { id?: string; event: string; data: string };

/** Reads a Server-Sent Events response over real HTTP, one event at a time. */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const comments: string[] = [];
  return {
    res,
    comments,
    /** The next event (comments are collected, not returned). */
    async next(): Promise<SseEvent> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) {
              comments.push(line.slice(1).trim());
              continue;
            }
            if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data += line.slice(6);
            else continue;
            isEvent = true;
          }
          if (isEvent) return event;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream ended');
        buffer += value;
      }
    },
    /** Waits until the first comment (": connected") arrived. */
    async connected(): Promise<void> {
      while (!comments.includes('connected')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream ended');
        buffer += value;
        const end = buffer.indexOf('\n\n');
        if (end >= 0 && buffer.slice(0, end).startsWith(':')) {
          comments.push(buffer.slice(1, end).trim());
          buffer = buffer.slice(end + 2);
        }
      }
    },
    close(): void {
      abort.abort();
    },
  };
}
