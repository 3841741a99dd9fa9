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
    }

    /** Lua: traverseudata. The metatable and the user values; the Java payload is not traced. */
    @Override
    protected void traverse(GcMarker m) {
        m.addBytes(48 + 4L * userRefs.length);              // object, array of user values (the size model)
        m.mark(metatable);
        for (Object v : userRefs) m.mark(v);
    }
}
