// End-to-end sessions of `moonstack --dap` driven by Microsoft's DebugClient
// (@vscode/debugadapter-testsupport), the harness VS Code's own adapters are tested with.
// The adapter is $MOONSTACK (default: ../../target/moonstack, the build's launcher) with --dap.
// Expected values come from the Lua sources in test/lua and from lua5.4's output for them.
'use strict';
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const ADAPTER = process.env.MOONSTACK || path.resolve(__dirname, '../../../target/moonstack');
const LUA = path.join(__dirname, 'lua');
const file = (name) => path.join(LUA, name);

const TIMEOUT = 20000;              // a JVM starts on a shared machine
let dc, stops, output, ended;
beforeEach(async () => {
  dc = new DebugClient(ADAPTER, '--dap', 'moonstack');
  dc.defaultTimeout = TIMEOUT;
  // events are kept from the start: a stop may arrive before the test waits for it
  stops = [];
  output = {};
  ended = false;
  dc.on('stopped', (ev) => stops.push(ev));
  dc.on('terminated', () => { ended = true; });
  dc.on('output', (ev) => { output[ev.body.category] = (output[ev.body.category] || '') + ev.body.output; });
  await dc.start();
});
afterEach(async () => { await dc.stop(); });

/** initialize, breakpoints of `lines` in `name` (and `more` requests), configurationDone and launch. */
async function launchWith(name, lines, more = async () => {}, launchArgs = {}) {
  await Promise.all([
    dc.waitForEvent('initialized').then(async () => {
      if (lines.length) {
        const r = await dc.setBreakpointsRequest({ source: { path: file(name) }, breakpoints: lines.map((line) => ({ line })) });
        assert.deepStrictEqual(r.body.breakpoints.map((b) => [b.verified, b.line]), lines.map((l) => [true, l]));
      }
      await more();
      return dc.configurationDoneRequest();
    }),
    dc.launch({ program: name, cwd: LUA, ...launchArgs }),
  ]);
}

async function until(what, ready) {
  for (const end = Date.now() + TIMEOUT; !ready(); ) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const terminated = () => until('the terminated event', () => ended);

/** The next stop. */
async function nextStop() {
  await until('a stopped event', () => stops.length > 0);
  return stops.shift();
}

/**
 * Waits for a stop, checks its reason and the line of its innermost frame with a source (a
 * builtin such as error has none), returns the event and all frames.
 */
async function stoppedAt(reason, line) {
  const ev = await nextStop();
  assert.strictEqual(ev.body.reason, reason);
  const st = await dc.stackTraceRequest({ threadId: ev.body.threadId });
  const top = st.body.stackFrames.find((f) => f.source);
  assert.strictEqual(top.line, line, `stopped at line ${top.line}, expected ${line}`);
  return { ev, frames: st.body.stackFrames };
}

async function vars(ref) {
  const r = await dc.variablesRequest({ variablesReference: ref });
  return Object.fromEntries(r.body.variables.map((v) => [v.name, v]));
}

async function scopes(frameId) {
  const r = await dc.scopesRequest({ frameId });
  return Object.fromEntries(r.body.scopes.map((s) => [s.name, s.variablesReference]));
}

/** Waits until the output of `category` is `text`. */
async function outputIs(category, text) {
  await until(`${category} output ${JSON.stringify(text)}`, () => (output[category] || '').length >= text.length);
  assert.strictEqual(output[category], text);
}

test('breakpoints, stack, scopes, variables, evaluate, setVariable, terminated', async () => {
  await launchWith('basic.lua', [2]);
  await stoppedAt('breakpoint', 2);
  const th = await dc.threadsRequest();
  assert.deepStrictEqual(th.body.threads.map((t) => t.id), [1]);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const [f0, f1] = st.body.stackFrames;
  assert.strictEqual(f0.name, "local 'add'");
  assert.strictEqual(f0.source.path, file('basic.lua'));
  assert.strictEqual(f1.name, 'main chunk');
  assert.strictEqual(f1.line, 7);
  assert.ok(st.body.totalFrames >= 2);

  // at line 2, a and b are active, s is not yet
  const sc0 = await scopes(f0.id);
  assert.deepStrictEqual(Object.keys(sc0), ['Locals', 'Globals']);
  const loc0 = await vars(sc0.Locals);
  assert.deepStrictEqual(Object.keys(loc0), ['a', 'b']);
  assert.strictEqual(loc0.a.value, '10');
  assert.strictEqual(loc0.b.value, '5');

  const sc1 = await scopes(f1.id);
  const loc1 = await vars(sc1.Locals);
  assert.deepStrictEqual(Object.keys(loc1), ['add', 't', 'n']);
  assert.strictEqual(loc1.t.type, 'table');
  assert.ok(loc1.t.variablesReference > 0);
  const t = await vars(loc1.t.variablesReference);
  assert.strictEqual(t['[1]'].value, '3.0');
  assert.strictEqual(t.x.value, '1');
  assert.strictEqual(t.y.value, '"two"');

  // evaluate in the three contexts
  let e = await dc.evaluateRequest({ expression: 'a + b', frameId: f0.id, context: 'watch' });
  assert.strictEqual(e.body.result, '15');
  e = await dc.evaluateRequest({ expression: 'n * 2', frameId: f1.id, context: 'repl' });
  assert.strictEqual(e.body.result, '20');
  e = await dc.evaluateRequest({ expression: 't.y', frameId: f1.id, context: 'hover' });
  assert.strictEqual(e.body.result, '"two"');
  await assert.rejects(dc.evaluateRequest({ expression: 'a +', frameId: f0.id, context: 'watch' }));
  await assert.rejects(dc.evaluateRequest({ expression: 'n * 2', frameId: f1.id, context: 'hover' }),
    'a hover runs nothing, so it shows names only');
  // a statement in the repl assigns a local of the frame
  await dc.evaluateRequest({ expression: 'b = 6', frameId: f0.id, context: 'repl' });

  // setVariable: a local, from a Lua expression
  const sv = await dc.setVariableRequest({ variablesReference: sc0.Locals, name: 'a', value: '2 * 5 + 1' });
  assert.strictEqual(sv.body.value, '11');
  assert.strictEqual((await vars(sc0.Locals)).b.value, '6');

  await dc.setBreakpointsRequest({ source: { path: file('basic.lua') }, breakpoints: [{ line: 10 }] });
  await dc.continueRequest({ threadId: 1 });
  const { frames } = await stoppedAt('breakpoint', 10);
  const sc = await scopes(frames[0].id);
  const loc = await vars(sc.Locals);
  const field = await dc.setVariableRequest({ variablesReference: loc.t.variablesReference, name: 'x', value: '"chan" .. "ged"' });
  assert.strictEqual(field.body.value, '"changed"');
  await dc.setVariableRequest({ variablesReference: sc.Locals, name: 'n', value: '7 / 2' });
  await assert.rejects(dc.setVariableRequest({ variablesReference: sc.Locals, name: 'n', value: '1 +' }));
  await dc.continueRequest({ threadId: 1 });
  await terminated();
  await outputIs('stdout', 'r=17\nx=changed\ttwo\t3.5\n');
});

test('next, stepIn and stepOut', async () => {
  await launchWith('basic.lua', [7]);
  await stoppedAt('breakpoint', 7);
  await dc.stepInRequest({ threadId: 1 });
  const { frames } = await stoppedAt('step', 2);
  assert.strictEqual(frames[0].name, "local 'add'");
  await dc.nextRequest({ threadId: 1 });
  await stoppedAt('step', 3);
  await dc.stepOutRequest({ threadId: 1 });
  // the call's result goes straight into r: the caller's next instruction is on line 8
  const out = await stoppedAt('step', 8);
  assert.strictEqual(out.frames[0].name, 'main chunk');
  await dc.nextRequest({ threadId: 1 });
  await stoppedAt('step', 9);
  await dc.continueRequest({ threadId: 1 });
  await terminated();
});

test('pause inside an endless loop, then continue, then disconnect', async () => {
  await launchWith('loop.lua', []);
  await new Promise((r) => setTimeout(r, 300));
  await dc.pauseRequest({ threadId: 1 });
  const ev = await nextStop();
  assert.strictEqual(ev.body.reason, 'pause');
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.ok([2, 3].includes(st.body.stackFrames[0].line), `paused at line ${st.body.stackFrames[0].line}`);
  const i1 = Number((await dc.evaluateRequest({ expression: 'i', frameId: st.body.stackFrames[0].id, context: 'watch' })).body.result);
  assert.ok(i1 > 0);
  await dc.continueRequest({ threadId: 1 });
  await new Promise((r) => setTimeout(r, 200));
  await dc.pauseRequest({ threadId: 1 });
  assert.strictEqual((await nextStop()).body.reason, 'pause');
  const st2 = await dc.stackTraceRequest({ threadId: 1 });
  const i2 = Number((await dc.evaluateRequest({ expression: 'i', frameId: st2.body.stackFrames[0].id, context: 'watch' })).body.result);
  assert.ok(i2 > i1, 'the loop ran on after continue');
  await dc.disconnectRequest({ terminateDebuggee: true });
  await terminated();
});

test('exception breakpoints: uncaught errors only', async () => {
  await launchWith('errors.lua', [], () => dc.setExceptionBreakpointsRequest({ filters: ['uncaught'] }));
  const { ev, frames } = await stoppedAt('exception', 7);
  assert.strictEqual(ev.body.text, "errors.lua:7: attempt to index a nil value (local 't')");
  const info = await dc.exceptionInfoRequest({ threadId: 1 });
  assert.strictEqual(info.body.description, "errors.lua:7: attempt to index a nil value (local 't')");
  // the frame is still there to inspect
  const loc = await vars((await scopes(frames[0].id)).Locals);
  assert.strictEqual(loc.ok.value, 'false');
  await dc.continueRequest({ threadId: 1 });
  await terminated();
  await outputIs('stderr', "moonstack: errors.lua:7: attempt to index a nil value (local 't')\n");
});

test('exception breakpoints: all errors, also caught ones', async () => {
  await launchWith('errors.lua', [], () => dc.setExceptionBreakpointsRequest({ filters: ['all'] }));
  const first = await stoppedAt('exception', 2);
  assert.strictEqual(first.ev.body.text, 'errors.lua:2: caught one');
  assert.strictEqual(first.frames[0].name, "function 'error'");
  assert.strictEqual(first.frames[1].name, 'function <errors.lua:1>');
  await dc.continueRequest({ threadId: 1 });
  await stoppedAt('exception', 7);
  await dc.continueRequest({ threadId: 1 });
  await terminated();
});

test('function breakpoints by name: f, mod.f, obj:m', async () => {
  await launchWith('funcs.lua', [], async () => {
    const r = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'g' }, { name: 'mod.f' }, { name: 'obj:m' }, { name: 'not a name' }] });
    assert.deepStrictEqual(r.body.breakpoints.map((b) => b.verified), [true, true, true, false]);
  });
  const order = [[10, "function 'g'"], [3, null], [7, null], [3, null], [7, null]];
  for (const [line, name] of order) {
    const { frames } = await stoppedAt('function breakpoint', line);
    if (name) assert.strictEqual(frames[0].name, name);
    await dc.continueRequest({ threadId: 1 });
  }
  await terminated();
});

test('output events: print, io.write, io.stderr', async () => {
  await launchWith('output.lua', []);
  await terminated();
  await outputIs('stdout', 'hello\t1\t2.0\nno newline then one\n');
  await outputIs('stderr', 'to stderr\n');
});

test('a chunk loaded from a string: its frames, its text (source), loadedSources', async () => {
  await launchWith('loaded.lua', [2]);
  await stoppedAt('breakpoint', 2);
  await dc.stepInRequest({ threadId: 1 });
  const { frames } = await stoppedAt('step', 1);
  const src = frames[0].source;
  assert.strictEqual(src.name, 'generated');
  assert.ok(src.sourceReference > 0);
  const text = await dc.sourceRequest({ source: src, sourceReference: src.sourceReference });
  assert.strictEqual(text.body.content, 'local x = 41\nx = x + 1\nreturn x');
  const loaded = await dc.customRequest('loadedSources', {});
  const names = loaded.body.sources.map((s) => s.path || s.name).sort();
  assert.deepStrictEqual(names, [file('loaded.lua'), 'generated'].sort());
  await dc.continueRequest({ threadId: 1 });
  await terminated();
  await outputIs('stdout', '42\n');
});

test('env, and os.exit ends the session with exited and its status', async () => {
  let exitCode;
  dc.on('exited', (ev) => { exitCode = ev.body.exitCode; });
  await launchWith('exit.lua', [], async () => {}, { env: { MOON_E2E: 'from launch', HOME: null } });
  await terminated();
  await outputIs('stdout', 'from launch\tnil\n');
  assert.strictEqual(exitCode, 7);
  assert.strictEqual(output.stderr, undefined, 'os.exit is no error');
});

test('pause inside a long pattern match stops in the builtin', async () => {
  await launchWith('match.lua', []);
  await new Promise((r) => setTimeout(r, 500));
  await dc.pauseRequest({ threadId: 1 });
  const ev = await nextStop();
  assert.strictEqual(ev.body.reason, 'pause');
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.strictEqual(st.body.stackFrames[0].name, "function 'string.find'");
  assert.strictEqual(st.body.stackFrames[1].line, 2);
  await assert.rejects(dc.evaluateRequest({ expression: '#s', frameId: st.body.stackFrames[1].id, context: 'repl' }),
    'nothing runs while a builtin is in the middle of its work');
  await dc.disconnectRequest({ terminateDebuggee: true });
  await terminated();
});
