package dev.moonstack.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The executor's loop must stay compilable: HotSpot does not JIT-compile a method of more than
 * 8,000 bytes of bytecode ({@code HugeMethodLimit}), and the loop would then run interpreted.
 * Reads the Code attribute of {@code Executor.dispatch} from the class file.
 */
class ExecutorSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void dispatchLoopIsUnderHugeMethodLimit() throws IOException {
        int size = codeLength(Executor.class, "dispatch");
        assertTrue(size > 1000, "found the loop (" + size + " bytes)");
        assertTrue(size < HUGE_METHOD_LIMIT, "Executor.dispatch is " + size + " bytes of bytecode");
    }

    /** Bytecode length of the named method (the first of that name) in a class file. */
    static int codeLength(Class<?> c, String method) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            DataInputStream d = new DataInputStream(in);
            d.readInt();                                   // magic
            d.readUnsignedShort();                         // minor
            d.readUnsignedShort();                         // major
            int n = d.readUnsignedShort();
            String[] utf8 = new String[n];
            for (int i = 1; i < n; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1: utf8[i] = d.readUTF(); break;
                    case 5: case 6: d.readLong(); i++; break;                  // long, double
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        d.readInt(); break;
                    case 7: case 8: case 16: case 19: case 20: d.readUnsignedShort(); break;
                    case 15: d.readUnsignedByte(); d.readUnsignedShort(); break;
                    default: throw new IOException("constant pool tag " + tag);
                }
            }
            d.readUnsignedShort();                         // access
            d.readUnsignedShort();                         // this
            d.readUnsignedShort();                         // super
            d.skipBytes(2 * d.readUnsignedShort());        // interfaces
            skipMembers(d);                                // fields
            int methods = d.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                d.readUnsignedShort();
                String name = utf8[d.readUnsignedShort()];
                d.readUnsignedShort();                     // descriptor
                int attrs = d.readUnsignedShort();
                for (int a = 0; a < attrs; a++) {
                    String attr = utf8[d.readUnsignedShort()];
                    int len = d.readInt();
                    if (name.equals(method) && attr.equals("Code")) {
                        d.readUnsignedShort();             // max stack
                        d.readUnsignedShort();             // max locals
                        return d.readInt();
                    }
                    d.skipBytes(len);
                }
            }
            throw new IOException("no method " + method);
        }
    }

    private static void skipMembers(DataInputStream d) throws IOException {
        int count = d.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            d.skipBytes(6);
            int attrs = d.readUnsignedShort();
            for (int a = 0; a < attrs; a++) {
                d.readUnsignedShort();
                d.skipBytes(d.readInt());
            }
        }
    }
}
