/**
 * The Debug Adapter Protocol server (issue 12): DAP requests on lsp4j's debug bindings turned
 * into calls on {@code dev.moonstack.debug}; {@code DapMain} is the {@code --dap} entry.
 */
package dev.moonstack.dap;
