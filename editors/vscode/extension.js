// The Moonstack debugger for VS Code: a launch starts `moonstack --dap` (DAP on stdin/stdout);
// an attach connects to a port where `moonstack --debug-port N` or a game's DapListener listens.
'use strict';
const vscode = require('vscode');
const path = require('path');

/** The adapter for a session: a process for launch, a socket for attach. */
function adapterFor(session) {
  const c = session.configuration;
  if (c.request === 'attach') return new vscode.DebugAdapterServer(c.port || 4711, c.host || '127.0.0.1');
  const cmd = vscode.workspace.getConfiguration('moonstack').get('path') || 'moonstack';
  if (cmd.endsWith('.jar')) {                 // a jar needs lsp4j and gson from lib/ beside it
    const lib = path.join(path.dirname(cmd), 'lib', '*');
    return new vscode.DebugAdapterExecutable('java', ['-cp', cmd + path.delimiter + lib, 'dev.moonstack.cli.Main', '--dap']);
  }
  return new vscode.DebugAdapterExecutable(cmd, ['--dap']);
}

function activate(context) {
  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('moonstack', {
    createDebugAdapterDescriptor: adapterFor,
  }));
}

function deactivate() {}

module.exports = { activate, deactivate };
