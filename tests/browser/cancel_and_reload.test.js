// cancel_and_reload.test.js — staff cancel a sync half-way (it stops after the current batch and the
// report says what was done), reload the page (the session survives), upload the same file again and
// finish: no duplicates, nothing missing. Also draws the page at devicePixelRatio 2.
'use strict';
const assert = require('assert/strict');
const { execFileSync } = require('child_process');
const path = require('path');
const b = require('./lib/browser');
const { tableRecords } = require('./lib/emulator_admin');
const { runScenario, fixtures } = require('./lib/scenario');

const dir = b.artifactsDir();
const csv = path.join(dir, 'cancel_3000.csv');
execFileSync('python3', [path.join(fixtures, 'make_exports.py'), '--rows', '3000', '--users', '2600',
  '--courses', '5', '--seed', '5', '--out', csv]);

// Slow answers, so there is a sync to interrupt.
runScenario('cancel_and_reload', { emulatorArgs: ['--latency-ms', '400'], deviceScaleFactor: 2 }, async ({ stack, page }) => {
  await page.setInputFiles('#file-input', csv);
  let s = await b.waitForState(page, (s) => s.preview !== null, { what: 'preview' });
  const planned = s.preview;
  await page.screenshot({ path: path.join(dir, 'hidpi_preview.png') });

  await b.clickWidget(page, 'start_sync');
  await b.waitForState(page, (s) => s.sync.running && s.sync.done > 0, { timeout: 30000, what: 'first batch done' });
  await b.clickWidget(page, 'cancel_sync');
  s = await b.waitForState(page, (s) => s.report !== null, { timeout: 60000, what: 'cancelled report' });
  assert.equal(s.sync.cancelled, true);
  const created = s.report.students_created;
  assert.ok(created > 0 && created < planned.new_students, `cancel stopped part-way (${created}/${planned.new_students})`);
  assert.equal((await tableRecords(stack, 'students')).length, created, 'the report says exactly what was written');
  await page.screenshot({ path: path.join(dir, 'cancelled_report.png') });

  // Reload: still signed in.
  await page.reload();
  await b.waitForApp(page);
  s = await b.waitForState(page, (s) => s.session_checked, { what: 'session check' });
  assert.equal(s.user, stack.account.user, 'the session survives a reload');

  // The same file again completes the job.
  await page.setInputFiles('#file-input', csv);
  s = await b.waitForState(page, (s) => s.preview !== null, { what: 'second preview' });
  assert.equal(s.preview.new_students, planned.new_students - created);
  await b.waitForState(page, (s) => s.check && s.check.ok, { what: 'connection check' });
  await b.clickWidget(page, 'start_sync');
  s = await b.waitForState(page, (s) => s.report !== null, { timeout: 180000, what: 'final report' });
  assert.equal(s.report.failed, 0);
  const students = await tableRecords(stack, 'students');
  const records = await tableRecords(stack, 'records');
  assert.equal(students.length, planned.new_students, 'no student missing or duplicated');
  assert.equal(records.length, planned.new_records, 'no learning record missing or duplicated');
  assert.equal(new Set(students.map((r) => r.fields['用户ID'])).size, students.length);

  await b.clickWidget(page, 'sign_out');
  await b.waitForState(page, (s) => s.user === '', { what: 'signed out' });
  return 'cancel, reload, resume without duplicates; hidpi screenshot saved';
});
