/**
 * The embedding API, the only package a host needs (Lua: lua.h and lauxlib.h): {@link dev.moonstack.api.Lua}
 * and its builder, profiles and libraries, typed values ({@link dev.moonstack.api.LuaTable},
 * {@link dev.moonstack.api.LuaFunction}), Java functions, host-driven coroutines, module sources and the
 * JSR-223 engine; docs/embedding.md is the guide. Wires compiler, libraries and runtime together; may
 * depend on every package but cli. Members marked {@link dev.moonstack.api.Internal} serve Moonstack's own
 * packages and are not part of the API.
 */
package dev.moonstack.api;
