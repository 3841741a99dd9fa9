/** The standard libraries (Lua: lbaselib, lstrlib, ltablib, liolib, loslib, ldblib, loadlib, ...); may depend on lib.string, vm, code and value. */
package dev.moonstack.lib;
