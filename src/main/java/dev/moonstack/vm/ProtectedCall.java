package dev.moonstack.vm;

import dev.moonstack.value.LuaError;
import dev.moonstack.value.LuaFunction;

/**
 * {@code pcall} and {@code xpcall} (Lua: luaB_pcall, luaB_xpcall). From the executor they are
 * stackless: they push a catchpoint and run the protected function as a frame of the same
 * executor loop; an error unwinds to the catchpoint ({@link Unwinder#recover}) and the loop
 * goes on in the caller with {@code false, err}.
 *
 * <p>Stack layout, with F the slot of pcall itself:
 * pcall {@code [ F:pcall f a1 .. an ]} calls f at F+1 and returns {@code [ true r1 .. rm ]}
 * from F; xpcall {@code [ F:xpcall f h a1 .. an ]} first swaps f and h, keeps the handler at
 * F+1, calls f at F+2 and returns {@code [ true r1 .. rm ]} from F+1.
 */
public final class ProtectedCall extends StacklessBuiltin {
    private final boolean withHandler;

    /** The {@code pcall} builtin. */
    public static Builtin pcall() { return new ProtectedCall(false); }

    /** The {@code xpcall} builtin. */
    public static Builtin xpcall() { return new ProtectedCall(true); }

    private ProtectedCall(boolean withHandler) {
        super(withHandler ? "xpcall" : "pcall");
        this.withHandler = withHandler;
    }

    /** Checks the arguments and arranges the layout; returns the slot of the function to call. */
    private int prepare(LuaThread L, int funcIdx, int nargs) {
        if (!withHandler) {
            if (nargs < 1) throw Args.argError(L, 1, "value expected");
            return funcIdx + 1;
        }
        ValueStack s = L.stack;
        if (nargs < 2 || !(s.refs[funcIdx + 2] instanceof LuaFunction)) {
            throw Args.typeError(L, 2, "function", nargs < 2 ? null : s.refs[funcIdx + 2]);
        }
        Object f = s.refs[funcIdx + 1];
        long fn = s.nums[funcIdx + 1];
        L.copy(funcIdx + 2, funcIdx + 1);
        L.set(funcIdx + 2, f, fn);
        return funcIdx + 2;
    }

    @Override
    Activation enter(LuaThread L, Activation caller, int funcIdx, int nResults) {
        ValueStack s = L.stack;
        int nargs = s.top - funcIdx - 1;
        Activation self = Calls.pushJava(L, this, funcIdx, nResults);
        int callee = prepare(L, funcIdx, nargs);
        L.catches.push(self.depth, withHandler ? callee - 1 : -1, L.nCcalls, L.nny, false);
        if (++L.nCcalls >= LuaThread.MAX_CCALLS) Calls.checkCStack(L);
        Activation next = Calls.precall(L, self, callee, -1);
        return next == self ? resume(L, self) : next;
    }

    /**
     * The protected function returned normally: {@code [ true r1 .. rm ]}; or a
     * {@code __close} method run after an error returned, and closing goes on.
     */
    @Override
    Activation resume(LuaThread L, Activation self) {
        Catcher c = L.catches.top();
        if (c.closing != null) return Unwinder.continueClosing(L, self, c);
        L.catches.pop();
        L.nCcalls--;
        ValueStack s = L.stack;
        int first = withHandler ? self.funcIdx + 1 : self.funcIdx;
        s.refs[first] = Boolean.TRUE;
        return Calls.poscall(L, self, first, s.top - first);
    }

    /** Called from Java code: an ordinary protected call with a Java catch. */
    @Override
    public int call(LuaThread L, int base, int nargs) {
        int funcIdx = base - 1;
        int callee = prepare(L, funcIdx, nargs);
        LuaError e = Unwinder.protectedCall(L, callee, -1, withHandler ? callee - 1 : -1, null, false);
        if (e == null) {
            L.stack.refs[callee - 1] = Boolean.TRUE;
            return L.stack.top - (callee - 1);
        }
        L.stack.top = callee - 1;
        L.pushBoolean(false);
        L.push(e.ref, e.num);
        return 2;
    }
}
