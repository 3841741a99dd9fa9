// `moonstack --debug-port N script`: the adapter listens on 127.0.0.1 and DebugClient connects
// to it (start(port)) and attaches; with --no-wait the script runs before any client comes, and
// clients attach and leave while it runs on.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const cp = require('node:child_process');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const ADAPTER = process.env.MOONSTACK || path.resolve(__dirname, '../../../target/moonstack');
const LUA = path.join(__dirname, 'lua');
const TIMEOUT = 20000;

/** Starts the adapter on a free port (0) and resolves with the process and the port it prints on stderr. */
function startListening(args) {
  return new Promise((resolve, reject) => {
    const p = cp.spawn(ADAPTER, ['--debug-port', '0', ...args], { cwd: LUA });
    let err = '';
    const timer = setTimeout(() => reject(new Error('no port announced: ' + err)), TIMEOUT);
    p.stderr.on('data', (d) => {
      err += d;
      const m = /127\.0\.0\.1:(\d+)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ p, port: Number(m[1]) }); }
    });
  });
}

async function until(what, ready) {
  for (const end = Date.now() + TIMEOUT; !ready(); ) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A client on `port` that keeps its stops and output. */
async function client(port) {
  const dc = new DebugClient('unused', 'unused', 'moonstack');
  dc.stops = [];
  dc.out = '';
  dc.on('stopped', (ev) => dc.stops.push(ev));
  dc.on('output', (ev) => { dc.out += ev.body.output; });
  await dc.start(port);
  return dc;
}

async function nextStop(dc) {
  await until('a stopped event', () => dc.stops.length > 0);
  return dc.stops.shift();
}

test('--debug-port waits for the client, runs the script when it attaches', async () => {
  const { p, port } = await startListening(['basic.lua']);
  const exited = new Promise((r) => p.on('exit', (code) => r(code)));
  const dc = await client(port);
  try {
    await dc.initializeRequest();
    await dc.setBreakpointsRequest({ source: { path: path.join(LUA, 'basic.lua') }, breakpoints: [{ line: 8 }] });
    await dc.attachRequest({});
    await dc.configurationDoneRequest();
    const ev = await nextStop(dc);
    assert.strictEqual(ev.body.reason, 'breakpoint');
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.strictEqual(st.body.stackFrames[0].line, 8);
    const r = await dc.evaluateRequest({ expression: 'r', frameId: st.body.stackFrames[0].id, context: 'watch' });
    assert.strictEqual(r.body.result, '15');
    await dc.continueRequest({ threadId: 1 });
    await until('the script output', () => dc.out === 'r=15\nx=15\ttwo\t10\n');
    await dc.disconnectRequest({});
  } finally {
    if (dc._socket) dc._socket.end();
  }
  assert.strictEqual(await exited, 0);
});

test('--debug-port --no-wait: the script runs on, clients attach, pause, leave, attach again', async () => {
  const { p, port } = await startListening(['--no-wait', 'counter.lua']);
  try {
    for (let round = 0; round < 2; round++) {
      const dc = await client(port);
      await dc.initializeRequest();
      await dc.attachRequest({});
      await dc.configurationDoneRequest();
      await dc.pauseRequest({ threadId: 1 });
      const ev = await nextStop(dc);
      assert.strictEqual(ev.body.reason, 'pause');
      const st = await dc.stackTraceRequest({ threadId: 1 });
      const count = await dc.evaluateRequest({ expression: 'count', frameId: st.body.stackFrames[0].id, context: 'watch' });
      assert.ok(Number(count.body.result) > 0, 'the script ran before the client came');
      // a breakpoint in the hot function, then leave: the script must run on without it
      await dc.setBreakpointsRequest({ source: { path: path.join(LUA, 'counter.lua') }, breakpoints: [{ line: 3 }] });
      await dc.continueRequest({ threadId: 1 });
      assert.strictEqual((await nextStop(dc)).body.reason, 'breakpoint');
      await dc.disconnectRequest({});
      dc._socket.end();
      assert.strictEqual(p.exitCode, null, 'the script still runs');
    }
  } finally {
    p.kill();
  }
});
