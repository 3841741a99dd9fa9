/** The larger parts of the string library: patterns, string.format, string.pack (Lua: lstrlib); used by lib, may depend on vm, code and value. */
package dev.moonstack.lib.string;
