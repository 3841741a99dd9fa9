package dev.moonstack.vm;

/**
 * A builtin that the executor runs without Java recursion (Lua: a C function that calls with
 * a continuation, lua_callk): {@link #enter} pushes its activation and starts its callee as a
 * frame of the same executor loop; when the callee returns, {@link #resume} finishes the call.
 * Called from Java code instead, it runs its ordinary {@link #call}.
 */
abstract class StacklessBuiltin extends Builtin {
    StacklessBuiltin(String name) { super(name); }

    StacklessBuiltin(String name, boolean holdsValues) { super(name, holdsValues); }

    /**
     * Starts the call {@code [ ... f a1 .. an ]} at {@code funcIdx} from the executor. Returns
     * the activation to continue in (see {@link Calls}).
     */
    abstract Activation enter(LuaThread L, Activation caller, int funcIdx, int nResults);

    /** The callee of activation {@code self} has returned; finishes and returns where to go on. */
    abstract Activation resume(LuaThread L, Activation self);
}
