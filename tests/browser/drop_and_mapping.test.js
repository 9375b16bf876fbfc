// drop_and_mapping.test.js — a file dropped on the page is read like a chosen one; a column mapping
// staff change in the panel is remembered for that header layout (browser storage) after a reload.
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const b = require('./lib/browser');
const { runScenario, fixtures } = require('./lib/scenario');

const sample = path.join(fixtures, 'sample.csv');

async function drop(page, file) {
  await page.evaluate(({ name, data }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], name, { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { name: path.basename(file), data: [...fs.readFileSync(file)] });
}

runScenario('drop_and_mapping', {}, async ({ stack, page }) => {
  await drop(page, sample);
  let s = await b.waitForState(page, (s) => s.file && s.preview !== null, { what: 'preview of the dropped file' });
  assert.equal(s.file.name, 'sample.csv');
  assert.equal(s.preview.new_students, 5);
  assert.equal(s.mapping.columns.nickname, null, 'detected, not chosen');

  // Staff decide not to import nicknames: mapping panel → 昵称 → （不导入）.
  await b.clickWidget(page, 'mapping');
  await b.clickWidget(page, 'map_nickname');
  await b.clickWidget(page, 'map_nickname#1');
  s = await b.waitForState(page, (s) => s.mapping.columns.nickname === '' && s.preview !== null, { what: 'mapping applied' });
  await page.screenshot({ path: path.join(b.artifactsDir(), 'mapping_panel.png') });

  // A reload and the same header layout: the choice is back.
  await page.reload();
  await b.waitForApp(page);
  await b.waitForState(page, (s) => s.user !== '', { what: 'still signed in' });
  await drop(page, sample);
  s = await b.waitForState(page, (s) => s.file && s.preview !== null, { what: 'preview after reload' });
  assert.equal(s.mapping.columns.nickname, '', 'the mapping for this header layout was remembered');
  return 'drop works; mapping remembered per header layout';
});
