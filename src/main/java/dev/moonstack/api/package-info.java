/** The embedding facade (Lua: lapi, lauxlib's luaL_newstate/luaL_openlibs): wires compiler, libraries and runtime together; may depend on every package but cli. */
package dev.moonstack.api;
