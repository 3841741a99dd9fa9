package dev.moonstack.value;

/** A full userdata: an arbitrary Java payload with a metatable and user values. */
public final class LuaUserdata extends GcObject {
    public Object payload;
    public LuaTable metatable;
    /** User values (Lua 5.4: n user values per userdata), as (ref, num) pairs. */
    public final Object[] userRefs;
    public final long[] userNums;

    public LuaUserdata(Object payload, int nUserValues) {
        this.payload = payload;
        this.userRefs = new Object[nUserValues];
        this.userNums = new long[nUserValues];
        if (MemoryAccount.profiled()) MemoryAccount.made(this, bytes());   // memprof (docs/profiling.md)
    }

    /** The size model (see {@link MemoryAccount}): the object and its array of user values. */
    private long bytes() { return 48 + 4L * userRefs.length; }

    /** Lua: traverseudata. The metatable and the user values; the Java payload is not traced. */
    @Override
    protected void traverse(GcMarker m) {
        m.addBytes(bytes());
        m.mark(metatable);
        for (Object v : userRefs) m.mark(v);
    }
}
