/**
 * The embedding API, the only package a host needs (Lua: lua.h and lauxlib.h): {@link dev.moonstack.api.Lua}
 * and its builder, profiles and libraries, typed values ({@link dev.moonstack.api.LuaTable},
 * {@link dev.moonstack.api.LuaFunction}), Java functions, Java objects bound for scripts
 * ({@link dev.moonstack.api.Binding}, {@link dev.moonstack.api.LuaExport}), errors
 * ({@link dev.moonstack.api.LuaException}), host-driven coroutines, module sources and the
 * JSR-223 engine; docs/embedding.md is the guide. The module exports this package only. Wires
 * compiler, libraries and runtime together; may depend on every package but cli. Members marked
 * {@link dev.moonstack.api.Internal} serve Moonstack's own packages and are not part of the API.
 */
package dev.moonstack.api;
