/** The lua command-line program (Lua: lua.c); may depend on dap (for --dap), api, prof, vm, code and value. */
package dev.moonstack.cli;
