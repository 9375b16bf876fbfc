// bad_files.test.js — every file in ../shared/fixtures/bad/ gives its clear Chinese message in the page,
// with the line number where there is one, and nothing reaches Feishu (the emulator counts no write).
'use strict';
const assert = require('assert/strict');
const path = require('path');
const b = require('./lib/browser');
const { writeCalls } = require('./lib/emulator_admin');
const { runScenario, fixtures } = require('./lib/scenario');

// File-level failures stop before any preview; row-level ones reject just those rows.
const kFileErrors = {
  'empty.csv': { code: -2, text: /空/ },
  'binary.csv': { code: -1, text: /不是文本\/CSV 文件/ },
  'header_only.csv': { code: -5, text: /没有数据行/ },
  'missing_user_id_column.csv': { code: -6, text: /找不到“用户ID”列.*昵称、手机号、课程、学习日期/ },
  'unterminated_quote.csv': { code: -4, text: /第2行.*引号/ },
};
const kRowErrors = {
  'ragged_rows.csv': { rejected: 2, lines: [2, 3], text: /列/ },
  'bad_values.csv': { rejected: 4, lines: [2, 3, 4, 5], text: /科学计数法/ },
};

runScenario('bad_files', {}, async ({ stack, page }) => {
  for (const [file, expected] of Object.entries(kFileErrors)) {
    await page.setInputFiles('#file-input', path.join(fixtures, 'bad', file));
    const s = await b.waitForState(page, (s) => s.file && s.file.name === file && s.file_error !== null, { what: file });
    assert.equal(s.file_error.code, expected.code, file);
    assert.match(s.file_error.message, expected.text, file);
    assert.equal(s.preview, null, `${file}: no preview, so no sync button`);
    await page.screenshot({ path: path.join(b.artifactsDir(), `bad_${path.basename(file, '.csv')}.png`) });
  }
  for (const [file, expected] of Object.entries(kRowErrors)) {
    await page.setInputFiles('#file-input', path.join(fixtures, 'bad', file));
    const s = await b.waitForState(page, (s) => s.file && s.file.name === file && s.preview !== null, { what: file });
    assert.equal(s.preview.rejected, expected.rejected, file);
    const errorLines = s.issues.filter((i) => i.error).map((i) => i.line);
    assert.deepEqual([...new Set(errorLines)], expected.lines, file);
    assert.ok(s.issues.some((i) => expected.text.test(i.message)), file);
    assert.ok(s.issues.every((i) => i.message.startsWith(`第${i.line}行`)), `${file}: every message names its line`);
    await page.screenshot({ path: path.join(b.artifactsDir(), `bad_${path.basename(file, '.csv')}.png`) });
  }
  assert.equal(await writeCalls(stack), 0, 'no bad file wrote anything');
  return 'every bad file explained, nothing written';
});
