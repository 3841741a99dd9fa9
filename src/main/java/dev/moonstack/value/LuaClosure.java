package dev.moonstack.value;

/** A Lua function: a prototype and the upvalues it captured (Lua: LClosure). */
public final class LuaClosure extends LuaFunction {
    public final Proto p;
    public final UpVal[] upvals;

    public LuaClosure(Proto p) {
        this.p = p;
        this.upvals = new UpVal[p.upvalues.length];
        if (MemoryAccount.profiled()) MemoryAccount.made(this, bytes());   // memprof (docs/profiling.md)
    }

    /** The size model (see {@link MemoryAccount}): the object and its array of upvalues. */
    private long bytes() { return 40 + 4L * upvals.length; }

    /**
     * Lua: traverseLclosure. Marks the values of the upvalues (an open upvalue reads its
     * coroutine's stack); upvalues themselves carry no mark, as each holds one value.
     */
    @Override
    protected void traverse(GcMarker m) {
        m.addBytes(bytes());
        for (UpVal uv : upvals) if (uv != null) m.mark(uv.refs[uv.idx]);
    }
}
