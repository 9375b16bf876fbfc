// browser.js — Debian's Chromium driven by playwright-core, with the flags that work on these machines
// (see ../shared/docs/toolchain.md), and a guard that fails the test on any page or console error.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const kChromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // WebGL without a GPU:
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// SwiftShader reports performance notices ("GPU stall due to ReadPixels") as console warnings;
// they say nothing about the app.
function isDriverNotice(text) {
  return /GL Driver Message|GPU stall|WebGL: |\[\.WebGL-/.test(text);
}

async function launch({ deviceScaleFactor = 1 } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.SS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor,
  });
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !isDriverNotice(m.text()))
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return {
    context, page, problems,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// Waits until the wasm app is running and its CJK font is in the atlas.
async function waitForApp(page, { timeout = 30000 } = {}) {
  await page.waitForFunction(
    () => window.ssTest && window.ssTest.state().cjk_font_ready,
    null, { timeout });
  // One more frame so the rebuilt atlas has been drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const nextFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Clicks an ImGui widget by the id the app tracks it under (see wasm/ui/widgets.h), once it has been
// drawn in the same place on two frames (layout moves when the font atlas is rebuilt), and lets the app
// handle the click before returning (ImGui sees input on its next frame).
async function clickWidget(page, id, { timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  let rect = null;
  for (;;) {
    const first = await page.evaluate((i) => window.ssTest.widgetRect(i), id);
    await nextFrames(page);
    rect = await page.evaluate((i) => window.ssTest.widgetRect(i), id);
    if (rect && JSON.stringify(rect) === JSON.stringify(first)) break;
    if (Date.now() > deadline) throw new Error(`widget "${id}" is not on screen`);
  }
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await nextFrames(page);
}

function artifactsDir() {
  const dir = process.env.SS_ARTIFACTS || path.resolve(__dirname, '../../../test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

module.exports = { launch, waitForApp, clickWidget, artifactsDir };

// Signs in through the real form: click each field, type, press the button.
async function signIn(page, account) {
  await page.waitForFunction(() => window.ssTest.state().session_checked, null, { timeout: 10000 });
  await clickWidget(page, 'username');
  await page.keyboard.type(account.user);
  await clickWidget(page, 'password');
  await page.keyboard.type(account.password);
  await clickWidget(page, 'sign_in');
  await waitForState(page, (s) => s.user !== '', { timeout: 10000, what: 'signed in' });
}

async function state(page) {
  return page.evaluate(() => window.ssTest.state());
}

// Polls the app's state from the test side until `predicate(state)` holds (the page's CSP forbids
// evaluating predicate strings inside it). Returns that state.
async function waitForState(page, predicate, { timeout = 20000, what = 'state' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await state(page);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

module.exports.signIn = signIn;
module.exports.state = state;
module.exports.waitForState = waitForState;
