package dev.moonstack.vm;

import dev.moonstack.value.ChunkId;
import dev.moonstack.value.LuaBuffer;
import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaString;

/**
 * Error unwinding through the catch stack (Lua: luaD_throw + the recovery in luaD_pcall;
 * Duktape: the longjmp handler of the executor).
 *
 * <p>An error is a Java exception carrying a Lua value. Nothing is popped while it propagates,
 * so whoever catches it first sees the call stack as it was at the error point: that is where
 * the position prefix is added ({@link #resolvePosition}) and where xpcall's message handler
 * runs. Then the call stack is cut back to the catching pcall activation, upvalues and
 * to-be-closed variables above it are closed, and the pcall returns {@code false, err}.
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
        for (;;) {
            resolvePosition(L, e);
            Catcher c = L.catches.top();
            boolean ours = c != null && !c.javaMode && (L != entryThread || c.actDepth > entryDepth);
            if (ours && !e.uncatchable) {
                try {
                    return recoverAt(L, c, e);
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
                if (next != null) return next;
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
        c.closingTop = Math.max(c.closingTop, safeTop(L));
        L.nCcalls = c.nCcalls + 1;                       // still inside the pcall
        L.nny = c.nny;
        L.calls.popTo(c.actDepth);
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
     * Unwinds to catcher {@code c}: runs its message handler at the error point, cuts the call
     * stack back to the pcall activation, drops catchers from index {@code nCatch} up, and
     * closes everything from slot {@code level} up. Returns the error value to report.
     */
    static LuaError unwind(LuaThread L, Catcher c, int nCatch, LuaError e, int level) {
        if (c.handlerIdx >= 0) e = callHandler(L, c.handlerIdx, e);
        int oldTop = safeTop(L);
        int actDepth = c.actDepth;
        L.nCcalls = c.nCcalls;
        L.nny = c.nny;
        L.catches.n = nCatch;
        L.calls.popTo(actDepth);
        e = Upvalues.closeForError(L, level, e, c.handlerIdx < 0 ? null : x -> callHandler(L, c.handlerIdx, x));
        L.stack.afterUnwind(level + 2, oldTop);
        return e;
    }

    /**
     * Calls xpcall's message handler with the error value, at the error point (Lua:
     * luaG_errormsg). An error in the handler goes to the handler again, as in Lua, until
     * the Java re-entry limit turns it into "error in error handling".
     */
    static LuaError callHandler(LuaThread L, int handlerIdx, LuaError e) {
        ValueStack s = L.stack;
        for (;;) {
            if (e.skipHandler) return e;
            try {
                int at = safeTop(L);
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
                e = again;
            }
        }
    }

    /** A slot above everything live at the error point: a Lua frame's registers reach its top. */
    static int safeTop(LuaThread L) {
        Activation ci = L.calls.current();
        return ci.isLua() ? Math.max(L.stack.top, ci.top) : L.stack.top;
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
