/* global process */
// Loaded into the app by bench/e2e-profile.ts (`--import`): SIGUSR2 starts a CPU profile, the next SIGUSR2
// writes it to $PROFILE_DIR, so the profile holds the measured load only, not start-up and warm-up.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const session = new Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    writeFileSync(path.join(process.env.PROFILE_DIR ?? '.', `aftercare-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
