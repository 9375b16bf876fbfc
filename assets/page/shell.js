// shell.js — the page around the wasm app: hands it the canvas, the chosen file and the CJK font,
// and exposes a small test hook. Loaded before student_sync.js (no inline script: the proxy's CSP
// allows scripts from 'self' only).
'use strict';

var Module = {
  canvas: document.getElementById('canvas'),
  print: (text) => console.log(text),
  printErr: (text) => console.error(text),
  onRuntimeInitialized: () => {
    document.getElementById('loading').remove();
    watchFileInput();
    exposeTestHook();
    // The 5 MB font is fetched after first paint so the page appears at once; the browser caches it.
    requestAnimationFrame(() => setTimeout(loadCjkFont, 0));
  },
};

document.getElementById('canvas').addEventListener('contextmenu', (e) => e.preventDefault());

function copyIntoWasm(bytes) {
  const ptr = Module._malloc(Math.max(bytes.length, 1));
  Module.HEAPU8.set(bytes, ptr);
  return ptr;  // the app frees it
}

async function handOver(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const nameLength = Module.lengthBytesUTF8(file.name) + 1;
  const namePtr = Module._malloc(nameLength);
  Module.stringToUTF8(file.name, namePtr, nameLength);
  Module._ss_on_file_loaded(namePtr, copyIntoWasm(bytes), bytes.length);
  Module._free(namePtr);
}

// A file arrives by the picker (the 上传CSV文件 button) or by dropping it anywhere on the page.
function watchFileInput() {
  const input = document.getElementById('file-input');
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (file) handOver(file);
    input.value = '';  // choosing the same file again (a re-upload) must fire 'change' again
  });
  window.addEventListener('dragover', (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer.files && e.dataTransfer.files[0];
    if (file) handOver(file);
  });
}

async function loadCjkFont() {
  try {
    const response = await fetch('fonts/cjk.ttc');
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    Module._ss_on_font_loaded(copyIntoWasm(bytes), bytes.length);
  } catch (e) {
    console.error('CJK font could not be loaded: ' + e.message);
  }
}

// Test hook for the browser tests: ImGui widgets are not in the DOM, so tests ask the app.
// Defined once the runtime is up, so its presence means the app can answer.
function exposeTestHook() {
  window.ssTest = {
    state: () => JSON.parse(Module.UTF8ToString(Module._ss_test_state())),
    widgetRect: (id) => {
      const length = Module.lengthBytesUTF8(id) + 1;
      const ptr = Module._malloc(length);
      Module.stringToUTF8(id, ptr, length);
      const rect = JSON.parse(Module.UTF8ToString(Module._ss_widget_rect(ptr)));
      Module._free(ptr);
      return rect;
    },
    setText: (id, value) => {
      const pass = (s) => { const n = Module.lengthBytesUTF8(s) + 1; const p = Module._malloc(n); Module.stringToUTF8(s, p, n); return p; };
      const idPtr = pass(id), valuePtr = pass(value);
      const ok = Module._ss_test_set_text(idPtr, valuePtr);
      Module._free(idPtr);
      Module._free(valuePtr);
      return ok === 1;
    },
  };
}
