package dev.moonstack.api;

import dev.moonstack.value.LuaError;

/**
 * A Lua error as the host receives it (Lua: a non-OK status of lua_pcall with the error value
 * on the stack, and the traceback a message handler took): the error value, its message and
 * Lua's traceback. Every method of the API that runs Lua code or checks a Lua value throws it.
 *
 * <p>{@link #getMessage} is the error's message: the string error value as it is (position
 * first, "script.lua:3: attempt to ..."), a number as Lua writes it, and for other values
 * "(error object is a table value)", as the stand-alone lua reports them. {@link #value} is the
 * error value itself, converted as {@link Lua} describes (a table stays a {@link LuaTable}).
 * Stops ("instruction budget exhausted", "interrupted") arrive as this exception too, and
 * {@link #isStop} tells them apart: pcall could not catch them.
 *
 * <p>Thrown from inside a {@link JavaFunction} or a bound Java method (for instance by a call
 * back into Lua that failed), it crosses back into Lua as the error it carries, value and
 * traceback unchanged, so that a script's {@code pcall} gets the original value.
 */
public class LuaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error in flight inside the runtime; given back to Lua when this crosses into it again. */
    final transient LuaError error;
    private final transient Lua lua;

    LuaException(Lua lua, LuaError error) {
        this.lua = lua;
        this.error = error;
    }

    /**
     * The error's message (see the class comment); read at each call, so that the position
     * the runtime adds once the error is caught shows.
     *
     * @return the message, never null
     */
    @Override
    public String getMessage() { return error.getMessage(); }

    /**
     * The error value, converted to Java as {@link Lua} describes.
     *
     * @return the value {@code error} was called with (the message string for runtime errors);
     *         null when it was nil
     */
    public Object value() { return Conversion.toJava(lua, error.ref, error.num); }

    /**
     * Lua's traceback taken where the error was raised, as luaL_traceback writes it
     * ("stack traceback:\n\t...").
     *
     * @return the traceback, or null when none was taken (a syntax error, an error raised while
     *         handling another one)
     */
    public String traceback() { return error.traceback; }

    /**
     * Whether this is a stop that pcall cannot catch: an exhausted instruction budget or an
     * interrupt (see {@link Lua#interrupt}).
     *
     * @return true for a stop, false for an ordinary error (memory errors included)
     */
    public boolean isStop() { return error.uncatchable; }
}
