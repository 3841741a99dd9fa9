package dev.moonstack.value;

import dev.moonstack.code.Proto;

/** A Lua function: a prototype and the upvalues it captured (Lua: LClosure). */
public final class LuaClosure extends LuaFunction {
    public final Proto p;
    public final UpVal[] upvals;

    public LuaClosure(Proto p) {
        this.p = p;
        this.upvals = new UpVal[p.upvalues.length];
    }
}
