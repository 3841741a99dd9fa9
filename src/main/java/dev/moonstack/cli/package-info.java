/** The lua command-line program (Lua: lua.c); may depend on api, vm, code and value. */
package dev.moonstack.cli;
