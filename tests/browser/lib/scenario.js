// scenario.js — the frame every browser test shares: start the demo stack, open Chromium on the page,
// wait for the app and its CJK font, optionally sign in, run the test body, fail on any page or console
// error, and always stop the browser and the stack.
'use strict';
const assert = require('assert/strict');
const path = require('path');
const { startStack } = require('../../../scripts/lib/stack');
const b = require('./browser');

const fixtures = process.env.SS_FIXTURES || path.resolve(__dirname, '../../../../shared/fixtures');

// options: { emulatorArgs, deviceScaleFactor, signIn (default true), ignoreProblem(text) → bool }
function runScenario(name, options, body) {
  (async () => {
    const stack = await startStack({ logDir: path.join(b.artifactsDir(), name), emulatorArgs: options.emulatorArgs });
    const browser = await b.launch({ deviceScaleFactor: options.deviceScaleFactor });
    try {
      const { page, problems } = browser;
      const response = await page.goto(stack.url + '/');
      assert.equal(response.status(), 200);
      await b.waitForApp(page);
      if (options.signIn !== false) {
        await b.signIn(page, stack.account);
        await b.waitForState(page, (s) => s.check && s.check.ok, { what: 'connection check ok' });
      }
      const message = await body({ stack, page });
      const unexpected = problems.filter((p) => !(options.ignoreProblem && options.ignoreProblem(p)));
      assert.deepEqual(unexpected, [], 'no page or console errors');
      console.log(`ok: ${message}`);
    } finally {
      await browser.close();
      await stack.stop();
    }
  })().catch((e) => { console.error(e); process.exit(1); });
}

module.exports = { runScenario, fixtures };
