/**
 * The Debug Adapter Protocol server (issue 12): DAP requests on lsp4j's debug bindings turned
 * into calls on {@code dev.moonstack.debug}; {@code DapMain} is the {@code --dap} and
 * {@code --debug-port} entry, {@code DapListener} serves clients on a port for a runtime that
 * runs on (game hosts). May depend on debug, api, lib, vm, code and value.
 */
package dev.moonstack.dap;
