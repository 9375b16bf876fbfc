// naive_sync.js — the baseline for the sync benchmark (issue 7.5): what the predecessor tool did, one
// API call at a time, row by row, straight against Feishu (here: the emulator, direct mode):
//   for each row: search the student by 用户ID → update it if found, else create it →
//                 search the learning record (用户ID + 课程, date compared here) → create it if missing.
// So 4 calls per new row, 3 for a row already synced. Rows, normalised values and the chosen nickname/
// phone come from `student-sync plan --json` against empty tables, so both strategies write the same
// content; only the calls differ. Rate-limit and transient answers are retried after 1 s (counted).
//
// Usage: node naive_sync.js PLAN.json EMULATOR_URL [--limit N]   → prints {"rows","calls","retries","ms"}
'use strict';
const fs = require('fs');
const h = require('./lib/harness');

const kRetryable = new Set([99991400, 1254291, 1254607, 1255001, 1254290]);

class NaiveClient {
  constructor(url) {
    this.url = url;
    this.calls = 0;
    this.retries = 0;
    this.token = null;
    this.tokenUntil = 0;
  }
  async ensureToken() {
    if (this.token && Date.now() < this.tokenUntil) return;
    const r = await fetch(`${this.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app_id: h.kAppId, app_secret: h.kAppSecret }),
    });
    const j = await r.json();
    this.token = j.tenant_access_token;
    this.tokenUntil = Date.now() + (j.expire - 60) * 1000;
  }
  async call(method, table, suffix, body) {
    for (let attempt = 0; ; ++attempt) {
      await this.ensureToken();
      ++this.calls;
      let j = null;
      try {
        const r = await fetch(`${this.url}/open-apis/bitable/v1/apps/${h.kApp}/tables/${table}/records${suffix}`, {
          method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        j = await r.json().catch(() => ({ code: -r.status }));
      } catch (_) {
        j = { code: -1 };
      }
      if (j.code === 0) return j.data;
      if (attempt < 10 && (kRetryable.has(j.code) || j.code < 0)) {
        ++this.retries;
        await h.sleep(1000);
        continue;
      }
      throw new Error(`${method} ${table}${suffix}: code ${j.code} ${j.msg || ''}`);
    }
  }
}

const is = (field, value) => ({ field_name: field, operator: 'is', value: [value] });

async function naiveSync(plan, url, limit = Infinity) {
  const students = new Map(plan.students_to_create.map((s) => [s.user_id, s]));
  const rows = [...plan.records_to_create, ...plan.skipped].sort((a, b) => a.line - b.line).slice(0, limit);
  const c = new NaiveClient(url);
  const started = Date.now();
  for (const row of rows) {
    const s = students.get(row.user_id);
    const found = await c.call('POST', h.kStudents, '/search',
      { filter: { conjunction: 'and', conditions: [is('用户ID', row.user_id)] } });
    const fields = { 昵称: s.nickname };
    if (s.phone) fields['手机号'] = s.phone;
    let studentId;
    if (found.items && found.items.length) {
      studentId = found.items[0].record_id;
      await c.call('PUT', h.kStudents, `/${studentId}`, { fields });
    } else {
      studentId = (await c.call('POST', h.kStudents, '', { fields: { 用户ID: row.user_id, ...fields } })).record.record_id;
    }
    const existing = await c.call('POST', h.kRecords, '/search',
      { filter: { conjunction: 'and', conditions: [is('用户ID', row.user_id), is('课程', row.course)] } });
    const same = (existing.items || []).some((r) => r.fields['学习日期'] === row.date_ms);
    if (!same) {
      await c.call('POST', h.kRecords, '', {
        fields: { 用户ID: row.user_id, 课程: row.course, 学习日期: row.date_ms, 关联到学员总表: [studentId] },
      });
    }
  }
  return { rows: rows.length, calls: c.calls, retries: c.retries, ms: Date.now() - started };
}

module.exports = { naiveSync };

if (require.main === module) {
  const [planFile, url, flag, n] = process.argv.slice(2);
  const limit = flag === '--limit' ? Number(n) : Infinity;
  naiveSync(JSON.parse(fs.readFileSync(planFile, 'utf8')), url, limit)
    .then((r) => console.log(JSON.stringify(r)))
    .catch((e) => { console.error(e.stack || e); process.exitCode = 1; });
}
