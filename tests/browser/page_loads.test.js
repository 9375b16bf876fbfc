// page_loads.test.js — the walking skeleton end to end (issue 2): the proxy serves the page, the page
// renders its Chinese title with the CJK font, staff sign in, the 上传CSV文件 button opens the browser's file picker,
// and the chosen file arrives in wasm memory with its name and byte count.
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { launch, waitForApp, clickWidget, signIn, artifactsDir } = require('./lib/browser');
const { fixtures } = require('./lib/scenario');
const { startStack } = require('../../scripts/lib/stack');

// Not a runScenario: this test times the page's first load itself.
(async () => {
  const stack = await startStack({ logDir: path.join(artifactsDir(), 'page_loads') });
  const browser = await launch();
  try {
    const { page, problems } = browser;
    const response = await page.goto(stack.url + '/');
    assert.equal(response.status(), 200);
    // The app runs = its first frame is drawn (the test hook appears with the runtime).
    await page.waitForFunction(() => window.ssTest !== undefined, null, { timeout: 30000 });
    const appReadyMs = await page.evaluate(() => performance.now());
    await waitForApp(page);
    const load = await page.evaluate(() => {
      const entries = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));
      const byName = {};
      for (const e of entries) byName[new URL(e.name).pathname] = { transfer: e.transferSize, body: e.decodedBodySize };
      const paint = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
      return { byName, firstContentfulPaintMs: paint ? paint.startTime : null, fontReadyMs: performance.now() };
    });
    const before = (names) => Object.entries(load.byName).filter(([n]) => names(n)).reduce((t, [, e]) => t + e.transfer, 0);
    const figures = {
      first_contentful_paint_ms: load.firstContentfulPaintMs,
      app_running_ms: appReadyMs,
      cjk_font_ready_ms: load.fontReadyMs,
      bytes_before_font: before((n) => !n.endsWith('.ttc')),
      bytes_total: before(() => true),
      resources: load.byName,
    };
    fs.writeFileSync(path.join(artifactsDir(), 'page_load.json'), JSON.stringify(figures, null, 2));
    console.log('first load (cold cache):', JSON.stringify({ ...figures, resources: undefined }));

    const state = await page.evaluate(() => window.ssTest.state());
    assert.equal(state.language, 'zh');
    assert.equal(state.file, null);
    // The atlas holds the UI's CJK characters (学员信息同步 and the rest), not just ASCII.
    assert.ok(state.glyphs > 40, `glyph atlas has only ${state.glyphs} characters`);
    assert.ok(await page.evaluate(() => window.ssTest.widgetRect('title')), 'title is drawn');
    await page.screenshot({ path: path.join(artifactsDir(), 'page_loads_sign_in.png') });
    await signIn(page, stack.account);

    // The real button opens the real file picker.
    const sample = path.join(fixtures, 'sample.csv');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), clickWidget(page, 'upload')]);
    await chooser.setFiles(sample);
    await page.waitForFunction(() => window.ssTest.state().file !== null, null, { timeout: 10000 });
    const arrived = (await page.evaluate(() => window.ssTest.state())).file;
    assert.deepEqual(arrived, { name: 'sample.csv', bytes: fs.statSync(sample).size });

    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(artifactsDir(), 'page_loads.png') });
    assert.deepEqual(problems, [], 'no page or console errors');
    console.log('ok: page served, CJK font loaded, file picker delivered', arrived);
  } finally {
    await browser.close();
    await stack.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
