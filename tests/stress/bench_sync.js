// bench_sync.js — the sync rows of the benchmark (issue 7.5), each measured side by side in this run:
//   1. API calls of a 1,000-row sync: ours (the emulator's /__admin/stats) vs the plan's lower bound vs
//      the naive one-call-per-row strategy (naive_sync.js), rate limits off so only the calls count;
//   2. wall time of syncing 1,000 / 10,000 / 100,000 rows at 100 ms added emulator latency with the
//      default rate limits on (20 reads/s, 50 writes/s), ours (CLI, direct mode) vs naive — naive on a
//      sample of rows, extrapolated linearly (it would take hours at 100,000 rows);
//   3. bytes of the first page load through the proxy: raw and gzip (Accept-Encoding: gzip) as served.
// Writes the markdown to SS_BENCH_SYNC_OUT (default docs/benchmarks-sync.md) and prints it.
// Knobs: SS_BENCH_SYNC_SIZES (1000,10000,100000), SS_BENCH_NAIVE_SAMPLE (100), SS_BENCH_LATENCY_MS (100).
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const h = require('./lib/harness');
const { naiveSync } = require('./naive_sync');

const kSizes = (process.env.SS_BENCH_SYNC_SIZES || '1000,10000,100000').split(',').map(Number);
const kSample = Number(process.env.SS_BENCH_NAIVE_SAMPLE || 100);
const kLatency = Number(process.env.SS_BENCH_LATENCY_MS || 100);
const kSeed = Number(process.env.SS_BENCH_SYNC_SEED || 2024);
const kOut = process.env.SS_BENCH_SYNC_OUT || path.join(h.root, 'docs/benchmarks-sync.md');
const kPage = process.env.SS_PAGE_DIR || path.join(h.root, 'build/wasm/page');

const fmt = (n) => n.toLocaleString('en-US');
const secs = (ms) => (ms >= 3600e3 ? `${(ms / 3600e3).toFixed(1)} h` : ms >= 120e3 ? `${(ms / 60e3).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

function exportFor(dir, rows) {
  const file = h.makeExport({ rows, users: Math.round(rows * 0.4), courses: 12, seed: kSeed + rows, out: path.join(dir, `bench_${rows}.csv`) });
  const plan = h.planOffline(file);
  const planFile = path.join(dir, `bench_${rows}.plan.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan));
  return { file, plan, planFile };
}

function businessCalls(stats) {
  let reads = 0, writes = 0;
  for (const [endpoint, n] of Object.entries(stats.stats.calls)) {
    if (endpoint === 'token') continue;
    if (endpoint.includes('search') || endpoint.includes('get') || endpoint.includes('fields')) reads += n; else writes += n;
  }
  return { reads, writes, total: reads + writes };
}

async function oursOnce(file, flags) {
  const emulator = await h.startEmulator(flags);
  try {
    const r = await h.runCli(['sync', file, '--json', '--quiet', '--seed', kSeed, ...h.directArgs(emulator.url)]);
    if (r.code > 1) throw new Error(`student-sync exited ${r.code}: ${r.stderr.slice(-400)}`);
    const calls = businessCalls(await emulator.stats());
    const tables = await h.readTables(emulator);
    return { ms: r.ms, calls, result: r.json, tables };
  } finally {
    await emulator.stop();
  }
}

async function naiveOnce(plan, flags, limit) {
  const emulator = await h.startEmulator(flags);
  try {
    const r = await naiveSync(plan, emulator.url, limit);
    r.calls_seen = businessCalls(await emulator.stats());
    return r;
  } finally {
    await emulator.stop();
  }
}

function getRaw(port, p, gzip) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] || '' }));
    });
    req.on('error', reject);
  });
}

async function pageBytes(dir) {
  if (!fs.existsSync(path.join(kPage, 'student_sync.wasm'))) return null;
  const emulator = await h.startEmulator([]);
  const proxy = await h.startProxy({ emulatorUrl: emulator.url, dir: path.join(dir, 'page-proxy'), extra: { static_root: kPage } });
  try {
    const rows = [];
    for (const p of ['/', '/shell.css', '/shell.js', '/favicon.svg', '/student_sync.js', '/student_sync.wasm', '/fonts/cjk.ttc']) {
      const raw = await getRaw(proxy.port, p, false);
      const gz = await getRaw(proxy.port, p, true);
      rows.push({ path: p, status: raw.status, raw: raw.bytes, gzip: gz.bytes, encoding: gz.encoding });
    }
    return rows;
  } finally {
    await proxy.stop();
    await emulator.stop();
  }
}

async function main() {
  const dir = h.tempDir('ss-bench-sync-');
  const started = Date.now();
  const md = [];
  const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
  md.push('# Sync benchmarks (issue 7.5)', '',
    `Measured by \`scripts/bench-sync.sh\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ` +
    `everything on one machine (CLI, proxy, emulator), exports from \`make_exports.py --quirks --seed ${kSeed}+rows\` ` +
    '(users = 40 % of rows, 12 courses). "Ours" is `student-sync sync` in direct mode; "naive" is ' +
    '`tests/stress/naive_sync.js`: per row, search the student by 用户ID, update or create it, search the ' +
    'learning record, create it if missing — one record per call, what the predecessor tool did.', '');

  // 1. API calls, 1,000 rows.
  h.log('row 1: API calls of a 1,000-row sync');
  const k1 = exportFor(dir, 1000);
  const noLimits = ['--read-rps', 0, '--write-rps', 0];
  const ours1 = await oursOnce(k1.file, noLimits);
  const naive1 = await naiveOnce(k1.plan, noLimits, Infinity);
  const lower = k1.plan.api.write_calls_lower_bound;
  md.push('## API calls of a 1,000-row sync', '',
    `${fmt(k1.plan.records_to_create.length)} new learning records for ${fmt(k1.plan.students_to_create.length)} new students ` +
    `(${k1.plan.skipped.length} duplicate rows, ${k1.plan.rejected.length} rejected) into empty tables; rate limits off so that only calls are counted ` +
    '(tenant-token calls not counted).', '',
    '| strategy | reads | writes | total calls | writes vs the lower bound |', '|---|---:|---:|---:|---:|',
    `| lower bound from the plan (writes only: batches of ≤ ${k1.plan.api.batch_size} records) | — | ${lower} | ${lower} | 1.0× |`,
    `| ours (emulator /__admin/stats) | ${ours1.calls.reads} | ${ours1.calls.writes} | ${ours1.calls.total} | ${(ours1.calls.writes / lower).toFixed(1)}× |`,
    `| naive, one call per row step | ${fmt(naive1.calls_seen.reads)} | ${fmt(naive1.calls_seen.writes)} | ${fmt(naive1.calls_seen.total)} | ${fmt(Math.round(naive1.calls_seen.writes / lower))}× |`,
    '');
  const same = h.compareTables(h.expectedFromPlans([k1.plan]), ours1.tables);
  if (same.length) throw new Error(`ours wrote something else than planned: ${same.slice(0, 3).join('; ')}`);

  // 2. Wall time at kLatency ms, rate limits on.
  const latency = ['--latency-ms', kLatency];
  md.push(`## Wall time of a sync at ${kLatency} ms added latency, rate limits on (20 reads/s, 50 writes/s)`, '',
    `Naive: measured on the first ${kSample} rows of each file against its own fresh emulator, then extrapolated ` +
    'linearly to the whole file (**extrapolated**, not measured end to end: at one call per step it would take hours).', '',
    '| rows | ours: calls | ours: wall time | naive: measured rows | naive: calls (measured) | naive: wall time | ours faster by |',
    '|---:|---:|---:|---:|---:|---:|---:|');
  for (const rows of kSizes) {
    h.log(`row 2: ${fmt(rows)} rows at ${kLatency} ms`);
    const k = rows === 1000 ? k1 : exportFor(dir, rows);
    const ours = await oursOnce(k.file, latency);
    const problems = h.compareTables(h.expectedFromPlans([k.plan]), ours.tables);
    if (problems.length) throw new Error(`ours at ${rows} rows: ${problems.slice(0, 3).join('; ')}`);
    const naive = await naiveOnce(k.plan, latency, kSample);
    const totalRows = k.plan.records_to_create.length + k.plan.skipped.length;
    const naiveMs = naive.rows >= totalRows ? naive.ms : naive.ms / naive.rows * totalRows;
    const extrapolated = naive.rows < totalRows;
    h.log(`  ours ${secs(ours.ms)} (${ours.calls.total} calls); naive ${naive.rows} rows in ${secs(naive.ms)} → ${secs(naiveMs)}`);
    md.push(`| ${fmt(rows)} | ${fmt(ours.calls.total)} | ${secs(ours.ms)} | ${fmt(naive.rows)} of ${fmt(totalRows)} | ${fmt(naive.calls)} | ` +
      `${extrapolated ? '≈ ' : ''}${secs(naiveMs)}${extrapolated ? ' (extrapolated)' : ''} | ${Math.round(naiveMs / ours.ms)}× |`);
  }
  md.push('');

  // 3. First page load.
  h.log('row 3: bytes of the first page load');
  const page = await pageBytes(dir);
  md.push('## Bytes of the first page load (through the proxy)', '');
  if (!page) {
    md.push(`Not measured: ${kPage} has no built page (run scripts/build.sh).`, '');
  } else {
    md.push('Body bytes on the wire for each request of a first visit, without and with `Accept-Encoding: gzip` ' +
      '(the proxy compresses text, JS, wasm and fonts itself).', '',
      '| request | status | raw bytes | gzip bytes | Content-Encoding |', '|---|---:|---:|---:|---|');
    let raw = 0, gz = 0;
    for (const r of page) {
      raw += r.raw; gz += r.gzip;
      md.push(`| GET ${r.path} | ${r.status} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${r.encoding || '—'} |`);
    }
    md.push(`| **total** | | **${fmt(raw)}** | **${fmt(gz)}** | |`, '');
  }
  md.push(`Run time of this benchmark: ${secs(Date.now() - started)}.`, '');
  const text = md.join('\n');
  fs.writeFileSync(kOut, text);
  console.log(text);
  h.log(`written to ${kOut}`);
}

main().catch((e) => {
  console.error(e.stack || e);
  process.exitCode = 1;
});
