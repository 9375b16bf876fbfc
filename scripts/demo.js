// demo.js — runs the demo stack in the foreground until Ctrl-C (called by scripts/demo.sh).
'use strict';
const path = require('path');
const { startStack } = require('./lib/stack');

(async () => {
  const port = Number(process.env.SS_DEMO_PORT || 8080);
  const stateDir = path.resolve(__dirname, '../build/demo');
  const stack = await startStack({ proxyPort: port, stateDir });
  console.log('');
  console.log('学员信息同步 演示已启动 / Student Sync demo is running');
  console.log(`  打开 / open:      ${stack.url}/`);
  console.log(`  演示账号 / user:   ${stack.account.user}`);
  console.log(`  密码 / password:  ${stack.account.password}`);
  console.log(`  飞书模拟器 / emulator: ${stack.emulatorUrl}  (日志 logs: ${stack.logDir})`);
  console.log('按 Ctrl-C 停止 / Ctrl-C stops it');
  const stop = async () => { await stack.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})().catch((e) => { console.error('演示启动失败 / demo failed to start: ' + e.message); process.exit(1); });
