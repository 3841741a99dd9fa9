package dev.moonstack.value;

/**
 * A local variable's name and the instruction range in which it is active (Lua: LocVar):
 * active for {@code startPc <= pc < endPc}.
 */
public final class LocVar {
    public final LuaString name;
    public int startPc;
    public int endPc;

    public LocVar(LuaString name, int startPc, int endPc) {
        this.name = name;
        this.startPc = startPc;
        this.endPc = endPc;
    }
}
