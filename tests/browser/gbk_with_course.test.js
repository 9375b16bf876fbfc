// gbk_with_course.test.js — a GB18030 user-list export without an enrollment-date column: the page says
// the date is missing, staff type the course and the date for the whole file, and the three names decode
// exactly (陈静, 周杰, 林小雨).
// (Text goes in through the app's test hook: synthetic key events cannot type Chinese into a canvas.)
'use strict';
const assert = require('assert/strict');
const path = require('path');
const b = require('./lib/browser');
const { tableRecords } = require('./lib/emulator_admin');
const { runScenario, fixtures } = require('./lib/scenario');

runScenario('gbk_with_course', {}, async ({ stack, page }) => {
  await page.setInputFiles('#file-input', path.join(fixtures, 'xiaoe_users_gbk.csv'));
  let s = await b.waitForState(page, (s) => s.file_error !== null, { what: 'missing date message' });
  assert.match(s.file_error.message, /没有日期列/);
  assert.ok(s.headers.includes('购买商品') && s.headers.includes('城 市'), 'GBK headers decoded');
  await page.screenshot({ path: path.join(b.artifactsDir(), 'gbk_1_needs_date.png') });

  // A course chosen for the whole file takes precedence over the file's 购买商品 column.
  await page.evaluate(() => window.ssTest.setText('fixed_course', '非暴力沟通基础课'));
  await page.evaluate(() => window.ssTest.setText('fixed_date', '2024-03-01'));
  s = await b.waitForState(page, (s) => s.preview !== null, { what: 'preview after choosing the date' });
  assert.equal(s.preview.new_students, 3);
  assert.equal(s.preview.new_records, 3);
  await page.screenshot({ path: path.join(b.artifactsDir(), 'gbk_2_preview.png') });

  await b.clickWidget(page, 'start_sync');
  s = await b.waitForState(page, (s) => s.report !== null, { timeout: 60000, what: 'report' });
  assert.equal(s.report.failed, 0);
  const names = (await tableRecords(stack, 'students')).map((r) => r.fields['昵称']).sort();
  assert.deepEqual(names, ['周杰', '林小雨', '陈静'].sort());
  const records = await tableRecords(stack, 'records');
  assert.ok(records.every((r) => r.fields['学习日期'] === Date.UTC(2024, 2, 1) - 8 * 3600 * 1000));
  assert.ok(records.every((r) => r.fields['课程'] === '非暴力沟通基础课'));
  return 'GBK file with a course and a date chosen in the page';
});
