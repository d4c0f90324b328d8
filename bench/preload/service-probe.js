/**
 * Preloaded into a benchmarked service (NODE_OPTIONS=--require <this file>); services know nothing
 * of it. On each request of the bench (a new sequence number in BENCH_PROBE_FILE.request) it:
 * - writes to BENCH_PROBE_FILE how many statements the process's `pg` clients have sent so far,
 *   i.e. its round trips to Postgres (pg sends one statement and waits for its answer), by kind;
 * - if BENCH_CPU_PROFILE_DIR is set, ends the CPU profile in progress (written there as
 *   <n>.cpuprofile) and starts the next, so the bench gets one profile per measured cell.
 * The bench asks before and after each cell and reads the answer in BENCH_PROBE_FILE.
 */
'use strict';
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const pg = require('pg');

const counts = { statements: 0, byKind: {} };
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  counts.statements++;
  const text = typeof config === 'string' ? config : (config && config.text) || '';
  const kind = (text.trim().split(/\s+/, 1)[0] || '?').toUpperCase();
  counts.byKind[kind] = (counts.byKind[kind] || 0) + 1;
  return original.call(this, config, ...rest);
};

const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
let session = null;
let segment = 0;
function nextProfile(done) {
  if (!profileDir) return done();
  if (!session) {
    const inspector = require('node:inspector');
    mkdirSync(profileDir, { recursive: true });
    session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start', done)));
    return;
  }
  session.post('Profiler.stop', (err, res) => {
    if (!err && res) writeFileSync(join(profileDir, `${segment++}.cpuprofile`), JSON.stringify(res.profile));
    session.post('Profiler.start', done);
  });
}

// Polls for a request written by the bench (BENCH_PROBE_FILE.request, a sequence number) rather than
// waiting for a signal: the pid the launcher knows is not always the process that serves.
const file = process.env.BENCH_PROBE_FILE;
if (file) {
  let answered = '';
  setInterval(() => {
    let seq;
    try {
      seq = readFileSync(`${file}.request`, 'utf8');
    } catch {
      return;
    }
    if (seq === answered) return;
    answered = seq;
    nextProfile(() => {
      // Written aside then renamed, so the bench never reads half an answer.
      writeFileSync(`${file}.tmp`, JSON.stringify({ ...counts, profiles: segment, seq, pid: process.pid }));
      renameSync(`${file}.tmp`, file);
    });
  }, 50).unref();
}
