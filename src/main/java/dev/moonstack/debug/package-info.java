/**
 * The step debugger (issue 12): breakpoints, stepping, pause and inspection, driven by the
 * executor's interrupt slow path through {@link dev.moonstack.vm.DebugHook}; independent of
 * any wire protocol (the DAP server in {@code dev.moonstack.dap} is one client). See
 * docs/execution.md, "The debugger".
 */
package dev.moonstack.debug;
