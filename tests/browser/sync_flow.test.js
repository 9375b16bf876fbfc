// sync_flow.test.js — what staff do every week (issue 6): sign in → upload sample.csv → the preview says
// 5 new students / 0 updates / 6 new learning records / 1 duplicate / 0 rejected → sync → the report →
// the emulator holds exactly those records, linked both ways → the same file again changes nothing.
'use strict';
const assert = require('assert/strict');
const path = require('path');
const b = require('./lib/browser');
const { tableRecords, writeCalls } = require('./lib/emulator_admin');
const { runScenario, fixtures } = require('./lib/scenario');
const shanghaiMidnight = (y, m, d) => Date.UTC(y, m - 1, d) - 8 * 3600 * 1000;

async function shot(page, name) {
  await page.screenshot({ path: path.join(b.artifactsDir(), `sync_flow_${name}.png`) });
}

runScenario('sync_flow', { signIn: false }, async ({ stack, page }) => {
  await shot(page, '1_sign_in');
  await b.signIn(page, stack.account);
  await b.waitForState(page, (s) => s.check && s.check.ok, { what: 'connection check ok' });

  await page.setInputFiles('#file-input', path.join(fixtures, 'sample.csv'));
  let s = await b.waitForState(page, (s) => s.preview !== null, { what: 'preview' });
  assert.deepEqual(
    [s.preview.new_students, s.preview.updates, s.preview.new_records, s.preview.skipped, s.preview.rejected],
    [5, 0, 6, 1, 0]);
  assert.equal(await writeCalls(stack), 0, 'the preview writes nothing');
  await shot(page, '2_preview');

  await b.clickWidget(page, 'start_sync');
  s = await b.waitForState(page, (s) => s.report !== null, { timeout: 60000, what: 'report' });
  assert.equal(s.report.summary, '新增5位学员，更新0位，新增6条学习记录，跳过1条重复，失败0条');
  await shot(page, '3_report');

  // Record by record, in the emulator.
  const students = await tableRecords(stack, 'students');
  const records = await tableRecords(stack, 'records');
  assert.equal(students.length, 5);
  assert.equal(records.length, 6);
  const byUser = Object.fromEntries(students.map((r) => [r.fields['用户ID'], r]));
  assert.equal(byUser['u_8d9e0f1a2b3c4_AsDfGh3456'].fields['手机号'], '13700137002');
  assert.equal(byUser['u_7c8d9e0f1a2b3_ZxCvBn9012'].fields['昵称'], 'Grace, NVC');
  assert.equal(byUser['u_7c8d9e0f1a2b3_ZxCvBn9012'].fields['手机号'], undefined, 'no phone, and that is fine');
  assert.equal(byUser['u_9e0f1a2b3c4d5_PoIuYt7890'].fields['昵称'], '说"谢谢"的人');
  assert.equal(byUser['u_6a7b8c9d0e1f2_QwErTy5678'].fields['昵称'], '李四🌱', 'emoji kept exactly');
  for (const rec of records) {
    const student = byUser[rec.fields['用户ID']];
    assert.deepEqual(rec.fields['关联到学员总表'], [student.record_id], 'record → its student');
    assert.ok(student.fields['学习记录'].includes(rec.record_id), 'student → the record (two-way)');
  }
  const dates = records.map((r) => r.fields['学习日期']);
  assert.ok(dates.includes(shanghaiMidnight(2024, 1, 15)) && dates.includes(shanghaiMidnight(2024, 4, 1)));
  assert.equal(byUser['u_5f3b2c1a9e8d7_AbCdEf1234'].fields['学习记录'].length, 2);

  // The demo panel shows the same tables.
  await b.clickWidget(page, 'demo_tables');
  await b.waitForState(page, (s) => s.demo.students === 5 && s.demo.records === 6, { what: 'demo panel' });
  await shot(page, '4_demo_tables');

  // Same file again: nothing new, nothing written.
  const writesBefore = await writeCalls(stack);
  await b.clickWidget(page, 'sync_again');
  await page.setInputFiles('#file-input', path.join(fixtures, 'sample.csv'));
  s = await b.waitForState(page, (s) => s.stage === 'preview' && s.preview !== null, { what: 'second preview' });
  assert.deepEqual([s.preview.new_students, s.preview.updates, s.preview.new_records, s.preview.skipped], [0, 0, 0, 7]);
  await b.clickWidget(page, 'start_sync');  // disabled: nothing to write
  await page.waitForTimeout(500);
  assert.equal((await b.state(page)).stage, 'preview');
  assert.equal(await writeCalls(stack), writesBefore, 'a re-upload writes nothing');
  await shot(page, '5_reupload');

  // English toggle.
  await b.clickWidget(page, 'language');
  await b.waitForState(page, (s) => s.language === 'en', { what: 'English' });
  await shot(page, '6_english');
  return 'sync flow, tables checked record by record, re-upload wrote nothing';
});
