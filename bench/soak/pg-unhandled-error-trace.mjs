/* global URL, console */
// Loaded into the app by `SOAK_APP_NODE_OPTIONS='--import ./bench/soak/pg-unhandled-error-trace.mjs' npm run soak`: prints where a
// pg client that emits 'error' with nobody listening (which ends the process) was connected.
import { createRequire } from 'node:module';
const require = createRequire(new URL('../../package.json', import.meta.url));
const pg = require('pg');
const origConnect = pg.Client.prototype.connect;
pg.Client.prototype.connect = function (...args) {
  this.__created = new Error('client connected here').stack;
  return origConnect.apply(this, args);
};
const origEmit = pg.Client.prototype.emit;
pg.Client.prototype.emit = function (event, ...args) {
  if (event === 'error' && this.listenerCount('error') === 0) {
    console.error('UNHANDLED pg Client error; client was', this.__created, 'pool?', !!this._poolUseCount, 'activeQuery', !!this.activeQuery, 'queue', this.queryQueue?.length);
  }
  return origEmit.call(this, event, ...args);
};
