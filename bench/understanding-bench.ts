import { understand } from '../src/understanding/understand.js';
import type { ChannelKind } from '../src/understanding/understanding-schema.js';

const SHORT: readonly [string, ChannelKind][] = [
  ['printer jammed again pls send some1', 'sms'],
  ['請問保固期多久?', 'chat'],
  ['空调一直漏水 麻烦派人来看一下', 'voice'],
  ['Where is my order SO-55102?', 'chat'],
  ['部冷氣機開唔到 唔該安排師傅', 'sms'],
  ['technician never showed up, not happy', 'sms'],
  ['UPS-10K beeping every few seconds', 'chat'],
  ['想問 toner 幾錢一個', 'chat'],
];

/** Part of `npm run bench -- --quick`. */
export const inQuick = true;

/** Messages per second on short messages, one core (target ≥ 20,000). */
export async function benchUnderstanding(options = { quick: false }): Promise<{ name: string; value: number; unit: string; target?: string; key?: string }[]> {
  for (let i = 0; i < 2000; i++) understand(SHORT[i % SHORT.length]![0], { channel: SHORT[i % SHORT.length]![1] });
  const n = options.quick ? 10_000 : 40_000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const [text, channel] = SHORT[i % SHORT.length]!;
    understand(i % 3 === 0 ? `${text} ${i}` : text, { channel });
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return [
    // CPU time is what "one core" means; wall time also counts waiting for a busy machine.
    { name: 'understand() short messages, per CPU-second', value: Math.round(n / cpuSeconds), unit: 'msg/s', target: '>= 20000' },
    { name: 'understand() short messages, wall clock', value: Math.round(n / seconds), unit: 'msg/s', key: 'classifier.msgsPerSec' },
    { name: 'understand() mean latency', value: Math.round((seconds / n) * 1e6 * 10) / 10, unit: 'µs' },
  ];
}
