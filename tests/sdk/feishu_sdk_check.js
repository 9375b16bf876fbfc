#!/usr/bin/env node
// Conformance check: Feishu's official Node SDK (@larksuiteoapi/node-sdk, unmodified) against
// feishu-emulator. Usage: node feishu_sdk_check.js http://127.0.0.1:PORT
// Exits 0 when every step matched, 1 on the first mismatch (with the reason on stderr).
'use strict';
const lark = require('@larksuiteoapi/node-sdk');
const crypto = require('crypto');

const base = process.argv[2];
const APP = 'bascnStudentSyncDemo';
const STUDENTS = 'tblStudentsDemo1';
const RECORDS = 'tblRecordsDemo01';

function check(cond, what, detail) {
  if (!cond) {
    console.error(`MISMATCH: ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
    process.exit(1);
  }
  console.log(`ok - ${what}`);
}

async function main() {
  check(typeof base === 'string' && base.startsWith('http'), 'base URL given');
  const client = new lark.Client({
    appId: process.env.FEISHU_APP_ID || 'cli_demo_student_sync',
    appSecret: process.env.FEISHU_APP_SECRET || 'demo_secret_not_for_production',
    appType: lark.AppType.SelfBuild,
    domain: base,
    loggerLevel: lark.LoggerLevel.fatal,  // step 7 provokes an error on purpose
  });

  // 1. Token, through the SDK's own token manager (the same call every business request makes).
  const token = await client.tokenManager.getTenantAccessToken();
  check(typeof token === 'string' && token.startsWith('t-'), 'tenant_access_token from the SDK token manager', token);
  const raw = await client.auth.tenantAccessToken.internal({
    data: { app_id: 'cli_demo_student_sync', app_secret: 'demo_secret_not_for_production' },
  });
  check(raw.code === 0 && raw.tenant_access_token === token && raw.expire > 7000, 'same token while > 30 min left', raw);

  // 2. Fields.
  const fields = await client.bitable.appTableField.list({ path: { app_token: APP, table_id: STUDENTS }, params: { page_size: 100 } });
  check(fields.code === 0, 'fields.list code 0', fields);
  const names = fields.data.items.map((f) => f.field_name);
  check(JSON.stringify(names) === JSON.stringify(['用户ID', '昵称', '手机号', '学习记录']), 'student fields', names);
  const linkField = fields.data.items[3];
  check(linkField.type === 21 && linkField.property.table_id === RECORDS, 'duplex back field property', linkField);

  // 3. batch_create students (with client_token), then learning records linking to them.
  const tag = crypto.randomUUID().slice(0, 8);
  const created = await client.bitable.appTableRecord.batchCreate({
    path: { app_token: APP, table_id: STUDENTS },
    params: { client_token: crypto.randomUUID() },
    data: { records: [
      { fields: { 用户ID: `sdk-${tag}-1`, 昵称: '张三', 手机号: '+8613800138000' } },
      { fields: { 用户ID: `sdk-${tag}-2`, 昵称: '李四' } },
    ] },
  });
  check(created.code === 0 && created.data.records.length === 2, 'batch_create students', created);
  const [s1, s2] = created.data.records.map((r) => r.record_id);
  check(created.data.records[0].fields['昵称'] === '张三', 'batch_create echoes write shapes', created.data.records[0]);

  const day = 1725120000000; // 2024-09-01 00:00 Asia/Shanghai
  const linked = await client.bitable.appTableRecord.batchCreate({
    path: { app_token: APP, table_id: RECORDS },
    data: { records: [
      { fields: { 用户ID: `sdk-${tag}-1`, 课程: '数学', 学习日期: day, 关联到学员总表: [s1] } },
      { fields: { 用户ID: `sdk-${tag}-1`, 课程: '物理', 学习日期: day + 86400000, 关联到学员总表: [s1] } },
    ] },
  });
  check(linked.code === 0, 'batch_create records with links', linked);
  const recIds = linked.data.records.map((r) => r.record_id);

  // 4. search: read shapes, the back field, a date filter.
  const found = await client.bitable.appTableRecord.search({
    path: { app_token: APP, table_id: STUDENTS },
    params: { page_size: 100 },
    data: { filter: { conjunction: 'and', conditions: [{ field_name: '用户ID', operator: 'is', value: [`sdk-${tag}-1`] }] } },
  });
  check(found.code === 0 && found.data.total === 1, 'search by 用户ID', found);
  const f = found.data.items[0].fields;
  check(Array.isArray(f['昵称']) && f['昵称'][0].text === '张三' && f['昵称'][0].type === 'text', 'text read as segments', f);
  check(JSON.stringify(f['学习记录'].link_record_ids.slice().sort()) === JSON.stringify(recIds.slice().sort()),
        'duplex back field lists both learning records', f);
  const byDate = await client.bitable.appTableRecord.search({
    path: { app_token: APP, table_id: RECORDS },
    data: { filter: { conjunction: 'and', conditions: [
      { field_name: '学习日期', operator: 'is', value: ['ExactDate', String(day + 3600000)] },
      { field_name: '用户ID', operator: 'is', value: [`sdk-${tag}-1`] }] } },
  });
  check(byDate.code === 0 && byDate.data.total === 1 && byDate.data.items[0].fields['课程'][0].text === '数学',
        'ExactDate filter snaps to the day', byDate.data);

  // 5. batch_update: move the second learning record to the second student, rename the first student.
  const updated = await client.bitable.appTableRecord.batchUpdate({
    path: { app_token: APP, table_id: RECORDS },
    data: { records: [{ record_id: recIds[1], fields: { 关联到学员总表: [s2] } }] },
  });
  check(updated.code === 0 && updated.data.records[0].record_id === recIds[1], 'batch_update records', updated);
  const renamed = await client.bitable.appTableRecord.batchUpdate({
    path: { app_token: APP, table_id: STUDENTS },
    data: { records: [{ record_id: s1, fields: { 昵称: '张三丰', 手机号: null } }] },
  });
  check(renamed.code === 0, 'batch_update students', renamed);
  const got = await client.bitable.appTableRecord.batchGet({
    path: { app_token: APP, table_id: STUDENTS },
    data: { record_ids: [s1, s2] },
  });
  check(got.code === 0 && got.data.records.length === 2, 'batch_get', got);
  const g1 = got.data.records.find((r) => r.record_id === s1).fields;
  const g2 = got.data.records.find((r) => r.record_id === s2).fields;
  check(g1['昵称'][0].text === '张三丰' && !('手机号' in g1), 'update applied and null cleared', g1);
  check(JSON.stringify(g1['学习记录'].link_record_ids) === JSON.stringify([recIds[0]]) &&
        JSON.stringify(g2['学习记录'].link_record_ids) === JSON.stringify([recIds[1]]), 'links moved on both sides', [g1, g2]);

  // 6. Paging through the SDK's own iterator.
  let seen = 0;
  for await (const page of await client.bitable.appTableRecord.searchWithIterator({
    path: { app_token: APP, table_id: RECORDS }, params: { page_size: 1 }, data: {},
  })) {
    seen += (page && page.items ? page.items.length : 0);
  }
  check(seen >= 2, 'searchWithIterator walks every page', seen);

  // 7. A documented error surfaces with its code (the SDK throws on HTTP 400; the body is Feishu's).
  let code = null;
  try {
    await client.bitable.appTableRecord.batchCreate({
      path: { app_token: APP, table_id: STUDENTS },
      data: { records: [{ fields: { 手机号: '138-0013-8000' } }] },
    });
  } catch (e) {
    code = e && e.response && e.response.data ? e.response.data.code : String(e);
  }
  check(code === 1254072, 'bad phone → 1254072 InvalidPhoneNumber', code);
  console.log('feishu sdk check: all steps matched');
}

main().catch((e) => {
  console.error('MISMATCH: unexpected error', e && e.response ? JSON.stringify(e.response.data) : e);
  process.exit(1);
});
