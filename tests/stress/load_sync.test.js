// load_sync.test.js — issue 7.4: 20 staff accounts syncing 20 different files at once through ONE
// proxy into the emulator with its rate limits on (defaults: 20 reads/s, 50 writes/s per endpoint).
// Checks: every CLI exits 0 with 0 failed rows (no write conflict 1254291 or rate limit surfaced to a
// user), the tables equal the union of the 20 plans, and the proxy's memory stays flat (VmRSS sampled
// every second; the last quarter's mean within 20 % + 5 MB of the first quarter's after warm-up).
//
// make_exports.py draws user IDs from random.Random(seed): 13 hex + 10 alphanumerics, so two seeds
// colliding is astronomically unlikely but not impossible; the test checks the 20 files' IDs are
// pairwise disjoint (and fails loudly if they ever are not) rather than rewriting them.
// Each staff member syncs SS_LOAD_ROUNDS (3) files one after the other (all 60 different), with 20 ms
// of emulator latency, so the run lasts long enough for a memory trend to mean something; the first
// round is the warm-up.
// Knobs: SS_LOAD_SEED (replay), SS_LOAD_STAFF (20), SS_LOAD_ROWS (400 per file), SS_LOAD_ROUNDS (3).
'use strict';
const path = require('path');
const h = require('./lib/harness');

const kStaff = Number(process.env.SS_LOAD_STAFF || 20);
const kRows = Number(process.env.SS_LOAD_ROWS || 400);
const kRounds = Number(process.env.SS_LOAD_ROUNDS || 3);

async function main() {
  const seed = h.seedFrom('SS_LOAD_SEED');
  const dir = h.tempDir('ss-stress-load-');
  const files = [], plans = [];
  for (let i = 0; i < kStaff * kRounds; ++i) {
    const file = h.makeExport({ rows: kRows, users: Math.round(kRows * 0.4), courses: 12, seed: seed + i, quirks: false, out: path.join(dir, `file${i}.csv`) });
    files.push(file);
    plans.push(h.planOffline(file));
  }
  // Disjoint user IDs across files (expectedFromPlans also refuses a user planned twice).
  const owner = new Map();
  for (let i = 0; i < plans.length; ++i)
    for (const s of plans[i].students_to_create) {
      if (owner.has(s.user_id)) h.fail([`user ${s.user_id} is in file ${owner.get(s.user_id)} and file ${i}`], 'disjoint user IDs');
      owner.set(s.user_id, i);
    }
  const expected = h.expectedFromPlans(plans);
  h.log(`${kStaff} staff × ${kRounds} files × ${kRows} rows: ${expected.students.size} students, ${[...expected.records.values()].reduce((a, b) => a + b, 0)} records expected`);

  const emulator = await h.startEmulator(['--read-rps', 20, '--write-rps', 50, '--latency-ms', 20, '--jitter-ms', 10], { logFile: path.join(dir, 'emulator.log') });
  const users = Array.from({ length: kStaff }, (_, i) => `staff${String(i + 1).padStart(2, '0')}`);
  const proxy = await h.startProxy({ emulatorUrl: emulator.url, dir, users });
  const problems = [];
  try {
    const rss = h.sampleRss(proxy.child.pid, 1000);
    const started = Date.now();
    const roundEnds = [];
    const perStaff = await Promise.all(users.map(async (user, u) => {
      const out = [];
      for (let round = 0; round < kRounds; ++round) {
        const i = round * kStaff + u;
        out.push(await h.runCli(['sync', files[i], '--json', '--quiet', '--seed', seed + 1000 + i, ...h.proxyArgs(proxy, user)],
          { env: { SS_STRESS_PW: proxy.password } }));
        if (round === 0) roundEnds.push(Date.now());
      }
      return out;
    }));
    // results[i] belongs to files[i]: round-major, like the files.
    const results = [];
    for (let round = 0; round < kRounds; ++round) for (let u = 0; u < kStaff; ++u) results.push(perStaff[u][round]);
    const wall = Date.now() - started;
    // Keep sampling a little after the runs: memory must not keep growing once idle either.
    await h.sleep(3000);
    const series = rss.stop();
    // Warm-up: until the first staff member finished a first file (thread pool, SQLite cache, token), and
    // at least the first fifth of the series.
    const warmupSamples = Math.max(Math.ceil((Math.min(...roundEnds) - started) / 1000), Math.ceil(series.length / 5));
    results.forEach((r, i) => {
      const c = r.json && r.json.counts;
      const who = `${users[i % kStaff]} (file ${i})`;
      if (r.code !== 0) problems.push(`${who}: exit ${r.code}: ${r.stderr.slice(-400)}`);
      if (!c) return;
      if (c.failed !== plans[i].rejected.length || c.pending !== 0)
        problems.push(`${who}: failed ${c.failed} (rejected rows ${plans[i].rejected.length}), pending ${c.pending}`);
      if (c.records_created !== plans[i].records_to_create.length) problems.push(`${who}: created ${c.records_created} of ${plans[i].records_to_create.length} records`);
    });
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    h.log(`${results.length} syncs by ${kStaff} staff finished in ${wall} ms (fastest ${times[0]} ms, slowest ${times[times.length - 1]} ms); exits ${results.map((r) => r.code).join('')}`);
    const retries = results.reduce((a, r) => a + (r.json ? r.json.api.retries : 0), 0);
    h.log(`retries across all runs (rate limits, conflicts): ${retries}`);
    const s = await emulator.stats();
    const outcomes = s.stats.outcomes;
    h.log(`emulator answers: ${JSON.stringify(outcomes)}`);
    const conflicts = Object.values(outcomes).reduce((a, o) => a + (o['1254291'] || 0), 0);
    h.log(`write conflicts (1254291) the emulator gave the proxy: ${conflicts} (the proxy serialises writes per table; any it passes on are retried, never shown)`);

    const tables = await h.readTables(emulator);
    problems.push(...h.compareTables(expected, tables));
    h.log(`tables: ${tables.studentRows} students, ${tables.recordRows} records`);

    // Memory: drop the warm-up, compare the first and last quarters of the rest.
    h.log(`proxy VmRSS (kB, every 1 s; the first ${warmupSamples} are the warm-up): ${series.join(' ')}`);
    const rest = series.slice(Math.min(warmupSamples, series.length - 4));
    const q = Math.max(1, Math.floor(rest.length / 4));
    const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
    const first = mean(rest.slice(0, q)), last = mean(rest.slice(-q));
    h.log(`proxy RSS: first quarter ${Math.round(first)} kB, last quarter ${Math.round(last)} kB, peak ${Math.max(...series)} kB`);
    if (series.length < 8) problems.push(`only ${series.length} memory samples: the run was too short to judge`);
    if (last > first * 1.2 + 5 * 1024) problems.push(`proxy memory grew: ${Math.round(first)} kB → ${Math.round(last)} kB`);
  } finally {
    await proxy.stop();
    await emulator.stop();
  }
  h.fail(problems, `load (replay with SS_LOAD_SEED=${seed})`);
  h.log('load test passed');
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exitCode = 1;
});
