// emulator_admin.js — the emulator's read-only admin view (not part of Feishu), so browser tests can
// check what a sync really wrote, record by record, and how many write calls reached "Feishu".
'use strict';

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

async function tableRecords(stack, table) {
  const id = stack.tables[table];
  const body = await getJson(`${stack.emulatorUrl}/__admin/apps/${stack.appToken}/tables/${id}/records`);
  return body.records;
}

// Record writes that reached the emulator (endpoints such as "records.batch_create"), whatever their
// answer: what must stay zero when a bad file is uploaded.
async function writeCalls(stack) {
  const stats = await getJson(`${stack.emulatorUrl}/__admin/stats`);
  let writes = 0;
  for (const [endpoint, n] of Object.entries(stats.stats.calls || {}))
    if (/^records\.(batch_)?(create|update|delete)$/.test(endpoint)) writes += n;
  return writes;
}

module.exports = { tableRecords, writeCalls };
