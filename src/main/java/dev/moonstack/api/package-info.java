/**
 * The embedding API, the only package a host needs (Lua: lua.h and lauxlib.h): {@link dev.moonstack.api.Lua}
 * and its builder, profiles and libraries, typed values ({@link dev.moonstack.api.LuaTable},
 * {@link dev.moonstack.api.LuaFunction}), Java functions, Java objects bound for scripts
 * ({@link dev.moonstack.api.Binding}, {@link dev.moonstack.api.LuaExport}), errors
 * ({@link dev.moonstack.api.LuaException}), host-driven coroutines, module sources and the
 * JSR-223 engine; docs/embedding.md is the guide. The module exports this package only. Wires
 * compiler, libraries and runtime together; may depend on every package but cli, debug and dap.
 * No public member names an internal type: Moonstack's own packages reach the runtime behind a
 * {@link dev.moonstack.api.Lua} through dev.moonstack.api.internal, into which this package
 * installs its implementation (that installation is its one reference to it).
 */
package dev.moonstack.api;
