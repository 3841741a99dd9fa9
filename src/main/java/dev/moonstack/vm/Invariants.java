package dev.moonstack.vm;

import dev.moonstack.value.LuaFunction;
import dev.moonstack.value.Proto;
import dev.moonstack.value.UpVal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The structural invariants of a coroutine's value, call and catch stacks, checked on demand
 * ({@link LuaThread#checkInvariants}) and, in a test mode, before every instruction
 * ({@link Interrupts#setCheckInvariants}). Duktape checks the same kind of thing with its
 * {@code DUK_ASSERT_*} macros; Lua with {@code lua_assert} in {@code luaD_checkstack} and
 * friends when built with {@code LUAI_ASSERT}.
 *
 * <p><b>The live area of the value stack.</b> A Lua activation does not maintain
 * {@link ValueStack#top} while it runs (its registers reach {@link Activation#top}), so the
 * live part of the stack is the slots below {@link LuaThread#liveTop}: the larger of {@code top} and
 * the current activation's {@code top}. Suspended activations need nothing above that: a
 * callee is placed either at a caller's register {@code R[A]}, and the caller's registers
 * from {@code R[A]} up are free temporaries while it waits (the compiler allocates registers
 * as a stack), or above the caller's top (metamethods, {@code __close}, message handlers).
 * This is also what Lua's collector assumes: {@code traversethread} marks the stack up to
 * {@code L->top}, which is {@code ci->top} while a Lua function runs, and clears the rest.
 * The check mode verifies it: it clears every slot above {@link LuaThread#liveTop} before each
 * instruction, so a live value kept above it would change the program's output.
 *
 * <p>Slots above the live area must not keep values reachable (the Java collector cannot
 * clear them as Lua's does). Returns and errors leave values there, so the runtime clears
 * them off the call path: the interrupt slow path sweeps a bounded chunk per poll
 * ({@link ValueStack#sweepStep}), and every host-level protected call
 * ({@link LuaThread#pcall}) clears them all ({@link ValueStack#releaseDead}). The dead-slot
 * invariant therefore holds after every host-level call and, in the check mode, before every
 * instruction; in between, leftovers are cleared within a few polls.
 */
final class Invariants {
    private Invariants() {}

    /** Activations checked before every instruction in the check mode (all: {@link #check}). */
    static final int WINDOW = 64;
    /** Violations reported at most, so that a corrupted stack gives a readable message. */
    private static final int MAX_REPORTED = 20;

    /** The violations found so far; allocated at the first one, so a clean check allocates nothing. */
    private static final class Report {
        List<String> list;

        void add(String msg) {
            if (list == null) list = new ArrayList<>();
            if (list.size() < MAX_REPORTED) list.add(msg);
        }

        List<String> result() { return list == null ? Collections.emptyList() : list; }
    }

    /** Every invariant, over the whole of each stack. Empty when all hold. */
    static List<String> check(LuaThread L) {
        Report rep = new Report();
        checkStructure(L, 0, rep);
        checkCcalls(L, rep);
        checkDeadSlots(L, rep);
        return rep.result();
    }

    /**
     * The check mode's step, before an instruction of {@code ci}: checks the innermost
     * {@link #WINDOW} activations (and the catchers, open upvalues and to-be-closed variables
     * that lie within them), then clears the dead slots. Throws an AssertionError listing the
     * violations.
     */
    static void atInstruction(LuaThread L, Activation ci) {
        Report rep = new Report();
        if (ci != L.calls.current()) rep.add("the executor runs activation " + ci.depth + ", the call stack's current is " + L.calls.depth);
        int from = Math.max(0, L.calls.depth - WINDOW);
        checkStructure(L, from, rep);
        if (from == 0) checkCcalls(L, rep);
        if (rep.list != null) {
            throw new AssertionError("stack invariants violated: " + String.join("; ", rep.list) + "\n" + describe(L));
        }
        ValueStack s = L.stack;
        if (s.refs.length <= ValueStack.TORTURE_LIMIT) s.clearAbove(L.liveTop());
    }

    /** Activations from depth {@code from} up, and what refers to them. */
    private static void checkStructure(LuaThread L, int from, Report rep) {
        ValueStack s = L.stack;
        if (s.refs.length != s.nums.length) rep.add("value stack arrays differ in length: " + s.refs.length + " and " + s.nums.length);
        if (s.top < 0 || s.top > s.refs.length) rep.add("top " + s.top + " outside the stack (size " + s.refs.length + ")");
        if (L.nCcalls < 0) rep.add("nCcalls is negative: " + L.nCcalls);
        for (int d = from; d <= L.calls.depth; d++) checkActivation(L, L.calls.at(d), rep);
        Activation cur = L.calls.current();
        if (s.top < cur.base) rep.add("top " + s.top + " below the current activation's base " + cur.base);
        checkCatchers(L, from, rep);
        int lowest = L.calls.at(from).base;
        checkUpvalues(L, lowest, rep);
        checkTbc(L, lowest, rep);
    }

    /** One activation, and how it sits on its caller. */
    private static void checkActivation(LuaThread L, Activation a, Report rep) {
        int d = a.depth, size = L.stack.refs.length;
        if (L.calls.at(d) != a) rep.add("activation record at depth " + d + " is misplaced");
        if (a.funcIdx < 0 || a.base != a.funcIdx + 1 || a.top < a.base || a.top + ValueStack.EXTRA > size) {
            rep.add(where(a) + "funcIdx " + a.funcIdx + ", base " + a.base + ", top " + a.top
                    + " do not fit a stack of " + size + " slots (+" + ValueStack.EXTRA + " spare)");
        }
        if (a.nResults < -1) rep.add(where(a) + "nResults " + a.nResults);
        if (d == 0) {
            if (a.funcIdx != 0 || a.isLua()) rep.add("the base activation was changed");
            return;
        }
        Activation caller = L.calls.at(d - 1);
        if (a.funcIdx < caller.base) rep.add(where(a) + "funcIdx " + a.funcIdx + " below its caller's base " + caller.base);
        boolean waiting = !caller.isLua()       // a stackless builtin, or one that called with a continuation (callk)
                && (caller.builtin instanceof StacklessBuiltin || caller.continuation != null);
        if (((a.flags & Activation.RET_TO_CONT) != 0) != waiting) {
            rep.add(where(a) + "RET_TO_CONT is " + ((a.flags & Activation.RET_TO_CONT) != 0)
                    + " but its caller " + (waiting ? "is" : "is not") + " a builtin waiting for it");
        }
        if (a.isLua()) checkLua(L, a, caller, rep);
        else checkJava(a, rep);
    }

    private static void checkLua(LuaThread L, Activation a, Activation caller, Report rep) {
        if (a.closure == null) {
            rep.add(where(a) + "a Lua activation without a closure");
            return;
        }
        Proto p = a.closure.p;
        if (a.savedPc < 0 || a.savedPc > p.code.length) rep.add(where(a) + "savedPc " + a.savedPc + " outside its code (" + p.code.length + ")");
        boolean hookRunning = (a.flags & Activation.HOOKED) != 0;   // Hooks raise the top while a hook runs (Lua: luaD_hook)
        if (hookRunning ? a.top < a.base + p.maxStackSize : a.top != a.base + p.maxStackSize) rep.add(where(a) + "top " + a.top + " is not base " + a.base + " + maxStackSize " + p.maxStackSize);
        if (L.stack.refs[a.funcIdx] != a.closure) rep.add(where(a) + "function slot " + a.funcIdx + " does not hold its closure");
        if ((a.flags & Activation.FRESH) != 0 && (a.flags & Activation.FINISHOP) != 0) rep.add(where(a) + "both FRESH and FINISHOP");
        if (p.isVararg && a.savedPc > 0) {           // after VARARGPREP: the extra arguments lie below
            int original = a.funcIdx - a.nExtraArgs - p.numParams - 1;
            if (a.nExtraArgs < 0 || original < caller.base) {
                rep.add(where(a) + a.nExtraArgs + " extra arguments below funcIdx " + a.funcIdx + " reach below its caller's base " + caller.base);
            }
        }
    }

    private static void checkJava(Activation a, Report rep) {
        if (a.builtin == null) rep.add(where(a) + "a Java activation without a builtin");
        if ((a.flags & (Activation.FRESH | Activation.FINISHOP)) != 0) rep.add(where(a) + "a Java activation marked FRESH or FINISHOP");
    }

    /** Catchers whose activation is at depth {@code from} or above, innermost first. */
    private static void checkCatchers(LuaThread L, int from, Report rep) {
        CatchStack cs = L.catches;
        if (cs.depth() < 0) rep.add("negative catcher count " + cs.depth());
        for (int i = cs.depth() - 1; i >= 0; i--) {
            Catcher c = cs.at(i);
            if (c.actDepth < from) break;
            int lowest = c.javaMode ? 0 : 1;     // a Java-mode catcher names the Java caller's activation
            if (c.actDepth < lowest || c.actDepth > L.calls.depth) {
                rep.add(catcher(i, c) + "no such live activation (depth " + L.calls.depth + ")");
                continue;
            }
            Activation a = L.calls.at(c.actDepth);
            if (c.javaMode) {
                if (c.handlerIdx != -1) rep.add(catcher(i, c) + "a Java-mode catcher with a handler slot");
            } else if (a.isLua() || !(a.builtin instanceof ProtectedCall)) rep.add(catcher(i, c) + "not the activation of a pcall or xpcall");
            if (c.handlerIdx != -1 && (c.handlerIdx != a.funcIdx + 1 || !(L.stack.refs[c.handlerIdx] instanceof LuaFunction))) {
                rep.add(catcher(i, c) + "handler slot " + c.handlerIdx + " does not hold the handler (funcIdx " + a.funcIdx + ")");
            }
            // A coroutine resumed from elsewhere counts from its resumer's level (Lua: lua_resume),
            // so what a catcher saved before a yield may lie above the current count.
            if (c.nCcalls < 0 || L.isMain() && c.nCcalls > L.nCcalls) rep.add(catcher(i, c) + "nCcalls to restore " + c.nCcalls + " outside [0, " + L.nCcalls + "]");
            if (i > 0) {
                Catcher below = cs.at(i - 1);
                if (below.actDepth > c.actDepth || below.actDepth == c.actDepth && !c.javaMode) rep.add(catcher(i, c) + "not above catcher " + (i - 1) + " (activation " + below.actDepth + ")");
                if (L.isMain() && below.nCcalls > c.nCcalls) rep.add(catcher(i, c) + "restores fewer C calls than catcher " + (i - 1));
            }
        }
    }

    /**
     * Open upvalues: open, on the stack's current arrays, strictly descending, each on a
     * register of a live Lua activation. Those below slot {@code lowest} are not visited.
     */
    private static void checkUpvalues(LuaThread L, int lowest, Report rep) {
        ValueStack s = L.stack;
        int prev = Integer.MAX_VALUE, d = L.calls.depth, seen = 0;
        for (UpVal uv = s.openUpvals; uv != null; uv = uv.next) {
            if (++seen > s.refs.length) {
                rep.add("the open upvalue list has a cycle");
                return;
            }
            if (!uv.isOpen()) rep.add(upvalue(uv) + "closed but still listed");
            if (uv.refs != s.refs || uv.nums != s.nums) rep.add(upvalue(uv) + "not on the stack's current arrays");
            if (uv.idx >= prev) rep.add(upvalue(uv) + "not below the previous one (" + prev + ")");
            prev = uv.idx;
            if (uv.idx < lowest) return;
            while (d > 0 && L.calls.at(d).base > uv.idx) d--;
            if (!inRegisters(L.calls.at(d), uv.idx)) rep.add(upvalue(uv) + "not a register of a live Lua activation");
        }
    }

    /**
     * To-be-closed variables: ascending, closable, each a register of a live Lua activation
     * or pending while an error unwinds (see {@link #closingForError}).
     */
    private static void checkTbc(LuaThread L, int lowest, Report rep) {
        ValueStack s = L.stack;
        int d = L.calls.depth;
        for (int i = s.ntbc - 1; i >= 0; i--) {
            int slot = s.tbc[i];
            if (slot < lowest) return;
            if (i > 0 && s.tbc[i - 1] >= slot) rep.add(tbc(i, slot) + "not above the previous one (" + s.tbc[i - 1] + ")");
            while (d > 0 && L.calls.at(d).base > slot) d--;
            if (!inRegisters(L.calls.at(d), slot) && !closingForError(L, L.calls.at(d), slot)) {
                rep.add(tbc(i, slot) + "neither a register of a live Lua activation nor pending below an error's __close call");
            } else if (s.refs[slot] == null || s.refs[slot] == Boolean.FALSE) {
                rep.add(tbc(i, slot) + "holds nil or false, which are never pending");
            }
        }
    }

    /**
     * While an error unwinds, the variables of the activations that were cut off are closed
     * one by one by Java calls placed just above them ({@link Upvalues#closeForError}, as
     * Lua's luaD_closeprotected): the ones still pending lie between the catching Java
     * activation's base and the function slot of the {@code __close} call running above it.
     */
    private static boolean closingForError(LuaThread L, Activation a, int slot) {
        return !a.isLua() && a.depth < L.calls.depth && slot < L.calls.at(a.depth + 1).funcIdx;
    }

    private static boolean inRegisters(Activation a, int slot) {
        return a.isLua() && slot >= a.base && slot < a.top;
    }

    /**
     * A lower bound on nCcalls: every frame entered from Java (FRESH), every metamethod frame
     * (FINISHOP) and every pending stackless pcall counts one. Needs the whole call stack.
     */
    private static void checkCcalls(LuaThread L, Report rep) {
        int counted = 0;
        for (int d = 1; d <= L.calls.depth; d++) {
            if ((L.calls.at(d).flags & (Activation.FRESH | Activation.FINISHOP)) != 0) counted++;
        }
        for (int i = 0; i < L.catches.depth(); i++) if (!L.catches.at(i).javaMode) counted++;
        if (L.nCcalls < counted) rep.add("nCcalls " + L.nCcalls + " below the " + counted + " frames and pcalls that count in it");
    }

    /** Nothing reachable above the live area. */
    private static void checkDeadSlots(LuaThread L, Report rep) {
        ValueStack s = L.stack;
        int live = L.liveTop(), first = -1, count = 0;
        for (int i = live; i < s.refs.length; i++) {
            if (s.refs[i] != null) {
                if (first < 0) first = i;
                count++;
            }
        }
        if (count > 0) rep.add(count + " dead slots above the live area (" + live + ") hold values, the first at " + first + ": " + s.refs[first]);
    }

    /** The stacks in short, innermost activation last, for the message of a violation. */
    static String describe(LuaThread L) {
        StringBuilder b = new StringBuilder("top ").append(L.stack.top).append(", size ").append(L.stack.refs.length)
                .append(", nCcalls ").append(L.nCcalls).append(", tbc [");
        for (int i = 0; i < L.stack.ntbc; i++) b.append(i > 0 ? " " : "").append(L.stack.tbc[i]);
        b.append("], catchers [");
        for (int i = 0; i < L.catches.depth(); i++) b.append(i > 0 ? " " : "").append(L.catches.at(i).actDepth);
        b.append("]");
        int from = Math.max(0, L.calls.depth - 12);
        for (int d = from; d <= L.calls.depth; d++) {
            Activation a = L.calls.at(d);
            b.append("\n  ").append(where(a)).append("func ").append(a.funcIdx).append(" top ").append(a.top)
                    .append(" flags ").append(a.flags);
            if (a.isLua() && a.closure != null) b.append(" line ").append(a.closure.p.line(a.savedPc - 1)).append(" pc ").append(a.savedPc);
        }
        return b.toString();
    }

    private static String catcher(int i, Catcher c) { return "catcher " + i + " (activation " + c.actDepth + "): "; }

    private static String upvalue(UpVal uv) { return "open upvalue at slot " + uv.idx + ": "; }

    private static String tbc(int i, int slot) { return "to-be-closed variable " + i + " at slot " + slot + ": "; }

    private static String where(Activation a) {
        return "activation " + a.depth + (a.isLua() ? " (Lua): " : " (" + (a.builtin == null ? "base" : a.builtin.name) + "): ");
    }
}
