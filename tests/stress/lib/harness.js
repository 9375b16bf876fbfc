// harness.js — what the stress tests and the sync benchmark share: the emulator, the proxy and the CLI
// as real processes, generated exports, the expected table state from `student-sync plan --json`, and
// the emulator's admin view of the two tables reduced to comparable content.
//
// Implemented:
//   [X] Binaries from SS_EMULATOR_BIN / SS_PROXY_BIN / SS_CLI_BIN (CTest passes $<TARGET_FILE:…>),
//       else build/stress (the folder the stress tests are built in), else build/native.
//   [X] Emulator on port 0 with the demo Base and any flags; proxy with a generated config, staff
//       accounts made with `user add NAME --password-stdin`, restartable on the same port and data dir.
//   [X] Expected state = the plan against empty tables (students_to_create + records_to_create); the
//       tables checked for duplicates, missing/extra records, wrong field values and links both ways.
// Missing:
//   [ ] No Windows; processes are killed by pid only (never by name).
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '../../..');
const kApp = 'bascnStudentSyncDemo';
const kStudents = 'tblStudentsDemo1';
const kRecords = 'tblRecordsDemo01';
const kAppId = 'cli_demo_student_sync';
const kAppSecret = 'demo_secret_not_for_production';
const kFixtures = process.env.SS_FIXTURES || path.resolve(root, '../shared/fixtures');

function firstExisting(...candidates) {
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return candidates[candidates.length - 1];
}

const bin = {
  emulator: process.env.SS_EMULATOR_BIN ||
    firstExisting(path.join(root, 'build/stress/emulator/feishu-emulator'), path.join(root, 'build/native/emulator/feishu-emulator')),
  proxy: process.env.SS_PROXY_BIN ||
    firstExisting(path.join(root, 'build/stress/proxy/student-sync-proxy'), path.join(root, 'build/native/proxy/student-sync-proxy')),
  cli: process.env.SS_CLI_BIN ||
    firstExisting(path.join(root, 'build/stress/cli/student-sync'), path.join(root, 'build/native/cli/student-sync')),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(process.env.SS_STRESS_TMP || os.tmpdir(), prefix));
}

// A seed from `envName` when set (to replay a failure), else a fresh one; always printed.
function seedFrom(envName) {
  const v = process.env[envName];
  const seed = v ? Number(v) : 1 + Math.floor(Math.random() * 1e9);
  log(`seed ${envName}=${seed}${v ? ' (from the environment)' : ''}`);
  return seed;
}

// Starts a child and resolves when a stdout line matches `ready`.
function startProcess(name, command, args, { env = {}, ready, logFile, timeoutMs = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    if (!fs.existsSync(command)) return reject(new Error(`${name}: ${command} does not exist; build first`));
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
    let buffered = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    function finish(error, value) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) { child.kill('SIGKILL'); reject(error); } else resolve(value);
    }
    child.stdout.on('data', (chunk) => {
      out && out.write(chunk);
      buffered += chunk.toString();
      const m = buffered.match(ready);
      if (m) finish(null, { child, match: m, stdout: () => buffered });
    });
    child.stderr.on('data', (chunk) => out && out.write(chunk));
    child.on('exit', (code, sig) => finish(new Error(`${name} exited (${code ?? sig}) before it was ready`)));
  });
}

async function stopChild(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function getJson(url, options) {
  const r = await fetch(url, options);
  return r.json();
}

async function startEmulator(flags = [], { logFile } = {}) {
  const p = await startProcess('feishu-emulator', bin.emulator,
    ['--port', '0', '--base', path.join(root, 'assets/demo_base.json'), ...flags.map(String)],
    { ready: /listening on (http:\/\/[^\s]+)/, logFile });
  const url = p.match[1];
  return {
    url,
    child: p.child,
    admin: (what) => getJson(url + what),
    records: async (table) => (await getJson(`${url}/__admin/apps/${kApp}/tables/${table}/records`)).records,
    stats: () => getJson(url + '/__admin/stats'),
    resetStats: () => fetch(url + '/__admin/stats/reset', { method: 'POST' }),
    stop: () => stopChild(p.child),
  };
}

// The proxy in front of `emulatorUrl`. users: names; every account gets `password`.
async function startProxy({ emulatorUrl, dir, port = 0, users = [], password = 'stress-test-password-1', extra = {} }) {
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    _comment: 'Generated by tests/stress/lib/harness.js',
    feishu_base_url: emulatorUrl,
    app_token: kApp,
    tables: { students: { table_id: kStudents }, records: { table_id: kRecords } },
    listen_host: '127.0.0.1',
    listen_port: port,
    static_root: process.env.SS_PAGE_DIR || path.join(dir, 'page'),
    data_dir: path.join(dir, 'data'),
    password_iterations: 1000,  // PBKDF2 at 200,000 would make 20 logins a CPU test
    ...extra,
  };
  fs.mkdirSync(config.static_root, { recursive: true });
  const configPath = path.join(dir, 'proxy.json');
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
  const env = { ...process.env, FEISHU_APP_ID: kAppId, FEISHU_APP_SECRET: kAppSecret };
  for (const u of users) {
    execFileSync(bin.proxy, ['user', 'add', u, '--config', configPath, '--password-stdin'],
      { input: password + '\n', env, stdio: ['pipe', 'ignore', 'pipe'] });
  }
  const logFile = path.join(dir, 'proxy.log');
  const launch = async (listenPort) => {
    const p = await startProcess('student-sync-proxy', bin.proxy,
      ['serve', '--config', configPath, '--port', String(listenPort)],
      { env: { FEISHU_APP_ID: kAppId, FEISHU_APP_SECRET: kAppSecret }, ready: /listening on (http:\/\/[^\s]+)/, logFile });
    return p;
  };
  let p = await launch(port);
  const proxy = {
    url: p.match[1],
    port: Number(p.match[1].split(':').pop()),
    child: p.child,
    dir,
    configPath,
    password,
    logFile,
    // SIGKILL: no graceful shutdown, connections cut mid-call.
    async kill() { await stopChild(proxy.child, 'SIGKILL'); },
    // Same port, same data dir (accounts and sessions survive).
    async restart() {
      for (let attempt = 0; ; ++attempt) {
        try {
          p = await launch(proxy.port);
          break;
        } catch (e) {
          if (attempt >= 20) throw e;
          await sleep(250);  // the port may linger for a moment
        }
      }
      proxy.child = p.child;
    },
    stop: () => stopChild(proxy.child),
  };
  return proxy;
}

// Runs the CLI; resolves { code, stdout, stderr, ms, json }.
function runCli(args, { env = {}, timeoutMs = 600000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(bin.cli, args.map(String), {
      env: { ...process.env, FEISHU_APP_ID: kAppId, FEISHU_APP_SECRET: kAppSecret, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; if (stderr.length > 1e6) stderr = stderr.slice(-5e5); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      let json = null;
      try { json = JSON.parse(stdout); } catch (_) { /* not --json, or cut short */ }
      resolve({ code: code ?? -1, signal: sig, stdout, stderr, ms: Date.now() - started, json, pid: child.pid });
    });
  });
}

function directArgs(emulatorUrl) {
  return ['--base-url', emulatorUrl, '--app-token', kApp, '--students-table', kStudents, '--records-table', kRecords];
}
function proxyArgs(proxy, user, passwordEnv = 'SS_STRESS_PW') {
  return ['--proxy', proxy.url, '--user', user, '--password-env', passwordEnv];
}

function makeExport({ rows, users, courses = 12, seed, out, quirks = true }) {
  const args = [path.join(kFixtures, 'make_exports.py'), '--rows', rows, '--users', users, '--courses', courses,
    '--seed', seed, '--out', out];
  if (quirks) args.push('--quirks');
  execFileSync('python3', args.map(String), { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

// The plan of `file` against empty tables (no connection), parsed.
function planOffline(file) {
  const out = execFileSync(bin.cli, ['plan', file, '--json'], { maxBuffer: 1 << 30 });
  return JSON.parse(out.toString());
}

const recordKey = (userId, course, dateMs) => `${userId}\u0001${course}\u0001${dateMs}`;

// What the tables must hold after syncing every plan in `plans` into empty tables.
function expectedFromPlans(plans) {
  const students = new Map();
  const records = new Map();  // key → count (always 1 when right)
  for (const plan of plans) {
    for (const s of plan.students_to_create) {
      if (students.has(s.user_id)) throw new Error(`user ${s.user_id} planned twice across files`);
      students.set(s.user_id, { nickname: s.nickname, phone: s.phone });
    }
    for (const r of plan.records_to_create) {
      const k = recordKey(r.user_id, r.course, r.date_ms);
      records.set(k, (records.get(k) || 0) + 1);
    }
  }
  return { students, records };
}

const text = (v) => (typeof v === 'string' ? v : v == null ? '' : Array.isArray(v) ? v.map((s) => s.text ?? s).join('') : String(v));

// Reads both tables through the admin view; returns the content and every problem found on the way
// (duplicates, links missing or disagreeing between the two directions).
async function readTables(emulator) {
  const [stu, rec] = await Promise.all([emulator.records(kStudents), emulator.records(kRecords)]);
  const problems = [];
  const students = new Map();
  const userOf = new Map();
  const back = new Map();  // student record id → Set(record ids) from 学习记录
  for (const s of stu) {
    const f = s.fields || {};
    const uid = text(f['用户ID']);
    if (students.has(uid)) problems.push(`duplicate student ${uid}`);
    students.set(uid, { nickname: text(f['昵称']), phone: text(f['手机号']), record_id: s.record_id });
    userOf.set(s.record_id, uid);
    back.set(s.record_id, new Set(f['学习记录'] || []));
  }
  const records = new Map();
  const forward = new Map();
  for (const r of rec) {
    const f = r.fields || {};
    const uid = text(f['用户ID']);
    const k = recordKey(uid, text(f['课程']), f['学习日期'] ?? null);
    records.set(k, (records.get(k) || 0) + 1);
    const link = f['关联到学员总表'] || [];
    if (link.length !== 1) problems.push(`record ${r.record_id} (${uid}) has ${link.length} student links`);
    else {
      if (userOf.get(link[0]) !== uid) problems.push(`record ${r.record_id} of ${uid} links to student of ${userOf.get(link[0])}`);
      if (!forward.has(link[0])) forward.set(link[0], new Set());
      forward.get(link[0]).add(r.record_id);
    }
  }
  for (const [sid, set] of back) {
    const fw = forward.get(sid) || new Set();
    if (set.size !== fw.size || [...set].some((x) => !fw.has(x)))
      problems.push(`student ${userOf.get(sid)}: back links ${set.size} ≠ forward links ${fw.size}`);
  }
  for (const sid of forward.keys()) if (!back.has(sid)) problems.push(`records link to missing student ${sid}`);
  return { students, records, studentRows: stu.length, recordRows: rec.length, problems };
}

// Compares the tables with the expected state; returns a list of problems (empty = equal).
function compareTables(expected, actual) {
  const problems = [...actual.problems];
  for (const [uid, want] of expected.students) {
    const got = actual.students.get(uid);
    if (!got) problems.push(`missing student ${uid}`);
    else if (got.nickname !== want.nickname || got.phone !== want.phone)
      problems.push(`student ${uid}: got ${JSON.stringify([got.nickname, got.phone])}, want ${JSON.stringify([want.nickname, want.phone])}`);
  }
  for (const uid of actual.students.keys()) if (!expected.students.has(uid)) problems.push(`unexpected student ${uid}`);
  for (const [k, n] of expected.records) {
    const got = actual.records.get(k) || 0;
    if (got !== n) problems.push(`record ${k.split('\u0001').join(' | ')}: ${got} in the table, want ${n}`);
  }
  for (const [k, n] of actual.records) if (!expected.records.has(k)) problems.push(`unexpected record ${k.split('\u0001').join(' | ')} ×${n}`);
  return problems;
}

// Rows of a report CSV (UTF-8 with BOM) counted by their 结果 column.
function reportCounts(file) {
  const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const counts = {};
  for (const line of lines.slice(1)) {
    if (line.startsWith('合计,')) continue;
    // Quoted cells never precede 结果 with a comma we would miss: split with a tiny CSV reader.
    const cells = [];
    let cur = '', q = false;
    for (let i = 0; i < line.length; ++i) {
      const c = line[i];
      if (q) { if (c === '"' && line[i + 1] === '"') { cur += '"'; ++i; } else if (c === '"') q = false; else cur += c; }
      else if (c === '"') q = true; else if (c === ',') { cells.push(cur); cur = ''; } else cur += c;
    }
    cells.push(cur);
    counts[cells[4]] = (counts[cells[4]] || 0) + 1;
  }
  return counts;
}

// Samples VmRSS (kB) of `pid` every `everyMs` until stop() is called.
function sampleRss(pid, everyMs = 1000) {
  const series = [];
  const read = () => {
    try {
      const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (m) series.push(Number(m[1]));
    } catch (_) { /* exited */ }
  };
  read();
  const timer = setInterval(read, everyMs);
  return { series, stop() { clearInterval(timer); read(); return series; } };
}

function fail(problems, what) {
  if (!problems.length) return;
  console.error(`FAIL ${what}: ${problems.length} problem(s)`);
  for (const p of problems.slice(0, 30)) console.error('  ' + p);
  if (problems.length > 30) console.error(`  … and ${problems.length - 30} more`);
  process.exitCode = 1;
  throw new Error(`${what} failed`);
}

module.exports = {
  root, bin, kApp, kStudents, kRecords, kAppId, kAppSecret, kFixtures,
  sleep, log, tempDir, seedFrom, startProcess, stopChild, startEmulator, startProxy, runCli, directArgs, proxyArgs,
  makeExport, planOffline, expectedFromPlans, recordKey, readTables, compareTables, reportCounts, sampleRss, fail,
};
