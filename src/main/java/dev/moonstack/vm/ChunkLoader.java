package dev.moonstack.vm;

import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;

/**
 * Turns source text into a prototype. The runtime reaches the compiler only through this
 * interface, so that {@code vm} does not depend on {@code compiler}.
 */
public interface ChunkLoader {
    /** Compiles a text chunk; syntax errors throw a LuaError with the message as Lua prints it. */
    Proto compile(byte[] source, LuaString chunkName);
}
