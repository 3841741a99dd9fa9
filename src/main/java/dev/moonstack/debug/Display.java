package dev.moonstack.debug;

import dev.moonstack.value.LuaClosure;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.LuaType;
import dev.moonstack.value.NumTag;
import dev.moonstack.value.Printf;
import dev.moonstack.vm.LuaOps;

/**
 * How the debugger shows a Lua value: without running any metamethod (no __tostring, no
 * __name), integers and floats distinct as Lua's tostring shows them, strings escaped as
 * string.format's %q does (Lua: lstrlib.c addquoted).
 */
public final class Display {
    private Display() {}

    /** The value {@code (ref, num)} as shown in a variables view. */
    public static String of(Object ref, long num) {
        if (ref == null) return "nil";
        if (ref instanceof Boolean) return ref.toString();
        if (ref == NumTag.INT) return Long.toString(num);
        if (ref == NumTag.FLT) return Printf.tostringFloat(Double.longBitsToDouble(num));
        if (ref instanceof LuaString) return quoted((LuaString) ref);
        if (ref instanceof LuaClosure) {
            var p = ((LuaClosure) ref).p;
            return "function: " + LuaOps.address(ref) + " <" + p.source + ":" + p.lineDefined + ">";
        }
        return LuaType.nameOf(ref) + ": " + LuaOps.address(ref);
    }

    /** Lua's type name of a value (no __name). */
    public static String type(Object ref) { return LuaType.nameOf(ref); }

    /** Lua: addquoted, except that newlines show as \n (a variables view is one line). */
    public static String quoted(LuaString s) {
        byte[] b = s.bytes();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 2);
        out.write('"');
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xFF;
            String esc = null;
            if (c == '"' || c == '\\') esc = "\\" + (char) c;
            else if (c == '\n') esc = "\\n";
            else if (c < 32 || c == 127) {
                boolean digitNext = i + 1 < b.length && Character.isDigit(b[i + 1]);
                esc = "\\" + (digitNext ? String.format("%03d", c) : Integer.toString(c));
            }
            if (esc == null) out.write(c); else out.writeBytes(esc.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write('"');
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
