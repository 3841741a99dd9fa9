package dev.moonstack.vm;

import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;
import java.util.function.UnaryOperator;

/**
 * Error unwinding through the catch stack (Lua: luaD_throw + the recovery in luaD_pcall;
 * Duktape: the longjmp handler of the executor).
 *
 * <p>An error is a Java exception carrying a Lua value. Nothing is popped while it propagates,
 * so whoever catches it first sees the call stack as it was at the error point: that is where
 * the position prefix is added ({@link #resolvePosition}) and where xpcall's message handler
 * runs. Then the call stack is cut back to the catching pcall activation, upvalues and
 * to-be-closed variables above it are closed, and the pcall returns {@code false, err}.
 *
 * <p>Every way back to a catch point goes through {@link #cut}, which restores the counters
 * and the three stacks the catcher saved. The executor closes the to-be-closed variables
 * above the catch point as frames of its loop ({@link #recoverAt}), so that they may yield;
 * Java callers close them by Java calls ({@link #unwind}), as Lua's luaD_closeprotected does.
 */
final class Unwinder {
    private Unwinder() {}

    /**
     * The executor's handler, for an error raised in coroutine {@code L}. Recovers at the
     * innermost catchpoint if it belongs to this executor invocation: any catchpoint of a
     * coroutine the invocation switched into, or one above {@code entryDepth} in the coroutine
     * it was entered in. An error that leaves a coroutine resumed by Lua code kills it and goes
     * on to its resumer: {@code resume} returns false and the error; a {@code wrap} function
     * raises it again in the resumer, where unwinding continues. Otherwise the error is
     * rethrown to the Java caller. Returns the activation to continue in (null: leave the
     * executor).
     */
    static Activation recover(LuaThread L, LuaError e, LuaThread entryThread, int entryDepth) {
        resolvePosition(L, e);
        Hooks.raised(L, e);                             // debugger: an exception breakpoint stops here
        for (;;) {
            resolvePosition(L, e);
            Catcher c = L.catches.top();
            boolean ours = c != null && !c.javaMode && (L != entryThread || c.actDepth > entryDepth);
            if (ours && !e.uncatchable) {
                try {
                    return Hooks.landed(recoverAt(L, c, e));    // debugger: lands in a checked frame?
                } catch (LuaError again) {              // a __close method that failed at once:
                    e = again;                          // it replaces the error, closing goes on
                    continue;
                }
            }
            if (L == entryThread || L.resumedFromJava || L.resumer == null) throw e;
            LuaThread R = L.resumer;
            if (e.uncatchable) {
                Coroutines.kill(L, e);
                R.status = LuaThread.RUNNING;
            } else {
                LuaError[] failure = new LuaError[1];
                Activation next = Coroutines.failed(R, L, e, failure);
                if (next != null) return Hooks.landed(next);
                e = failure[0];                             // a wrap function raises it again in R
            }
            L = R;
        }
    }

    /**
     * Recovery at catcher {@code c} of coroutine {@code L}: the message handler runs at the
     * error point, the call stack is cut back to the pcall activation, and the to-be-closed
     * variables above it are closed as frames of the executor ({@link #continueClosing}), so
     * that their {@code __close} methods may yield (Lua: precover, finishpcallk). The catcher
     * stays while they run: an error in one comes back here and replaces the error.
     */
    private static Activation recoverAt(LuaThread L, Catcher c, LuaError e) {
        Activation self = L.calls.at(c.actDepth);
        if (c.handlerIdx >= 0) e = callHandler(L, c.handlerIdx, e);
        c.closingTop = Math.max(c.closingTop, L.liveTop());
        cut(L, c, L.catches.depth());                    // c stays while the variables close
        L.nCcalls++;                                     // still inside the pcall
        Upvalues.closeUpvals(L.stack, self.funcIdx + 1);
        c.closing = e;
        return continueClosing(L, self, c);
    }

    /**
     * Calls the {@code __close} method of each pending to-be-closed variable above the pcall
     * activation {@code self} with the error of catcher {@code c}:
     * {@code [ ... tbc ] -> [ ... tbc err tm tbc err ]}, the error kept beside the variable as
     * Lua's luaF_close keeps it. Returns the frame of a Lua method to run (its return resumes
     * the pcall, which comes back here), or, when all are closed, the caller of the pcall with
     * {@code false, err}.
     */
    static Activation continueClosing(LuaThread L, Activation self, Catcher c) {
        ValueStack s = L.stack;
        LuaError e = c.closing;
        while (s.lastTbc() > self.funcIdx) {
            int slot = s.popTbc();
            s.ensure(slot + 5);
            s.refs[slot + 1] = e.ref;
            s.nums[slot + 1] = e.num;
            s.top = slot + 2;
            Upvalues.placeCloseCall(L, slot, slot + 2, e.ref, e.num);
            Activation next = Calls.precall(L, self, slot + 2, 0);
            if (next != self) return next;
        }
        L.catches.pop();
        L.nCcalls--;
        c.closing = null;
        int first = c.handlerIdx >= 0 ? self.funcIdx + 1 : self.funcIdx;
        s.afterUnwind(first + 2, c.closingTop);
        c.closingTop = 0;
        s.ensure(first + 2);
        s.refs[first] = Boolean.FALSE;
        s.nums[first + 1] = e.num;
        s.refs[first + 1] = e.ref;
        return Calls.poscall(L, self, first, 2);
    }

    /**
     * Lua: luaD_pcall for Java callers. Calls {@code [ ... f a1 .. an ]} at {@code funcIdx}
     * under a Java-mode catcher whose message handler is xpcall's at {@code handlerIdx}
     * (-1: none) or {@code javaHandler} (may be null). Returns null when the call returned,
     * or the error after {@link #unwind}, with the top at {@code funcIdx}. An uncatchable
     * error is rethrown untouched unless {@code stops}: only a host catches a stop.
     */
    static LuaError protectedCall(LuaThread L, int funcIdx, int nResults, int handlerIdx,
                                  UnaryOperator<LuaError> javaHandler, boolean stops) {
        int nCatch = L.catches.depth();
        Catcher c = L.catches.push(L.calls.depth, handlerIdx, L.nCcalls, L.nny, true);
        c.javaHandler = javaHandler;
        try {
            Calls.call(L, funcIdx, nResults);
            L.catches.popTo(nCatch);
            return null;
        } catch (StackOverflowError | OutOfMemoryError | RuntimeException t) {   // LuaError included
            LuaError e = errorOf(L, t);
            resolvePosition(L, e);
            Hooks.raised(L, e);                         // debugger: an exception breakpoint stops here
            if (e.uncatchable && !stops) throw e;
            return unwind(L, c, nCatch, e, funcIdx);
        }
    }

    /**
     * Unwinds to the Java-mode catcher {@code c} at index {@code nCatch} of the catch stack:
     * its message handler sees the error at the error point, {@link #cut} restores what it
     * saved, and everything from slot {@code level} up is closed by Java calls under the same
     * handler ({@link Upvalues#closeForError}); the top is then {@code level}. Returns the
     * error value to report.
     */
    private static LuaError unwind(LuaThread L, Catcher c, int nCatch, LuaError e, int level) {
        UnaryOperator<LuaError> handler = handlerOf(L, c);  // c's record is reused once cut
        if (handler != null) e = handle(L, handler, e);
        int oldTop = L.liveTop();
        cut(L, c, nCatch);
        e = Upvalues.closeForError(L, level, e, handler);
        L.stack.top = level;
        L.stack.afterUnwind(level, oldTop);
        return e;
    }

    /**
     * The one cut back to a catch point (Lua: the restores of luaD_pcall; Duktape: the
     * longjmp handler's unwind): the Java re-entry and non-yieldable counts the catcher
     * {@code c} saved, the catch stack down to {@code nCatch} catchers and the call stack down
     * to the catcher's activation. Closing what lies above is the caller's next step.
     */
    static void cut(LuaThread L, Catcher c, int nCatch) {
        L.nCcalls = c.nCcalls;
        L.nny = c.nny;
        L.catches.popTo(nCatch);
        if ((L.hookMask & Hooks.MASK_PROF) != 0) CallEvents.unwinding(L, c.actDepth);   // profiler
        L.calls.popTo(c.actDepth);
    }

    /**
     * Runs a message handler at the error point. A handler that runs out of memory or Java
     * stack (a traceback taken while the heap is still full) leaves the error as it was.
     */
    private static LuaError handle(LuaThread L, UnaryOperator<LuaError> handler, LuaError e) {
        if (e.skipHandler) return e;                    // Lua: LUA_ERRMEM and LUA_ERRERR
        try {
            return handler.apply(e);
        } catch (StackOverflowError | OutOfMemoryError x) {
            return e;
        }
    }

    /** The message handler catcher {@code c} puts in force (Lua: L->errfunc), or null. */
    static UnaryOperator<LuaError> handlerOf(LuaThread L, Catcher c) {
        if (c.handlerIdx < 0) return c.javaHandler;
        int idx = c.handlerIdx;
        return e -> callHandler(L, idx, e);
    }

    /**
     * Loads and initializes the classes that unwinding may use, when a runtime is made: an
     * out-of-memory error unwinds with the heap still full, and loading a class then fails.
     */
    static void preload() {
        var lookup = java.lang.invoke.MethodHandles.lookup();
        for (Class<?> c : new Class<?>[] {Upvalues.class, Coroutines.class, CatchStack.class, Catcher.class,
                Traceback.class, Calls.class, FinishOp.class, Interrupts.class, Hooks.class}) {
            try {
                lookup.ensureInitialized(c);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);      // same package: cannot happen
            }
        }
    }

    /**
     * The Lua error for anything thrown below a catch point (Lua: the status luaD_throw
     * passes): a Lua error, a Java stack overflow, memory exhaustion, or else a bug in the
     * runtime, reported as an internal error (see {@link #internalError}).
     */
    static LuaError errorOf(LuaThread L, Throwable t) {
        if (t instanceof LuaError) return (LuaError) t;
        if (t instanceof StackOverflowError) return LuaError.run("stack overflow (Java stack)");
        if (t instanceof OutOfMemoryError) {
            LuaError e = L.G.memoryError;               // made in advance: nothing can be made now
            e.traceback = null;
            return e;
        }
        return internalError(t);
    }

    /**
     * Whether an internal error fails loudly instead of becoming a Lua error that a
     * {@code pcall} could catch and a test could pass over: {@code -Dmoonstack.internalErrors=fail}
     * or the environment variable {@code MOONSTACK_INTERNAL_ERRORS=fail}, which the test
     * configuration sets so that the processes tests start inherit it.
     */
    static boolean failOnInternal = "fail".equals(
            System.getProperty("moonstack.internalErrors", System.getenv("MOONSTACK_INTERNAL_ERRORS")));

    /**
     * A Java exception from a bug in the runtime. A host gets it as a clean Lua error naming
     * the exception and where it was thrown; in the test configuration it is thrown as an
     * {@link AssertionError}, which nothing in the runtime catches, so the test fails.
     */
    static LuaError internalError(Throwable t) {
        if (failOnInternal) throw new AssertionError("internal error in the runtime: " + t, t);
        StackTraceElement[] st = t.getStackTrace();
        String at = st.length > 0 ? " at " + st[0] : "";
        return LuaError.run("internal error: " + t + at);
    }

    /**
     * Calls xpcall's message handler with the error value, at the error point (Lua:
     * luaG_errormsg). An error in the handler goes to the handler again, as in Lua, until
     * the Java re-entry limit turns it into "error in error handling". A stop is never handed
     * to a handler, and a stop inside the handler is thrown on.
     */
    static LuaError callHandler(LuaThread L, int handlerIdx, LuaError e) {
        ValueStack s = L.stack;
        for (;;) {
            if (e.skipHandler || e.uncatchable) return e;    // a stop goes to the host as it is
            try {
                int at = L.liveTop();
                s.ensure(at + 2);
                s.refs[at] = s.refs[handlerIdx];
                s.nums[at] = s.nums[handlerIdx];
                s.refs[at + 1] = e.ref;
                s.nums[at + 1] = e.num;
                s.top = at + 2;
                Calls.call(L, at, 1);
                return new LuaError(s.refs[at], s.nums[at]);
            } catch (LuaError again) {
                resolvePosition(L, again);
                if (again.uncatchable) throw again;         // stopped inside the handler
                e = again;
            }
        }
    }

    /**
     * Prepends "chunk:line: " to a string error raised by code that could not do it itself:
     * the position of the running function (Lua: luaG_runerror, which adds it to any Lua
     * function, as "?:-1:" when the function has no line information) or of its caller
     * (luaL_error, which adds it only when the line is known).
     */
    static void resolvePosition(LuaThread L, LuaError e) {
        int level = e.pendingLevel;
        if (level < 0) return;
        e.pendingLevel = -1;
        if (!(e.ref instanceof LuaString)) return;
        Activation ci = L.calls.current();
        if (ci.isLua() && ci.savedPc == 0 && ci.depth > 0) {   // pushed, not started (the Java stack
            ci = L.calls.at(ci.depth - 1);                       // ran out as it was entered): the
        }                                                        // error is its caller's, as in Lua
        if (level == 1) ci = ci.depth > 0 ? L.calls.at(ci.depth - 1) : null;
        if (ci == null || !ci.isLua()) return;
        LuaBuffer b = where(ci, level == 0);
        if (b == null) return;
        e.ref = b.append((LuaString) e.ref).toLuaString();
    }

    /**
     * "chunk:line: " for a Lua activation (Lua: luaG_addinfo, luaL_where); null when the line
     * is unknown, unless {@code always}, which gives "chunk:-1: " then.
     */
    static LuaBuffer where(Activation ci, boolean always) {
        int line = ci.closure.p.line(ci.savedPc - 1);
        if (line <= 0 && !always) return null;
        return new LuaBuffer(64).append(ChunkId.ofBytes(ci.closure.p.source)).append(":")
                .append(Integer.toString(line <= 0 ? -1 : line)).append(": ");
    }
}
