package dev.moonstack.code;

/**
 * Encoding and decoding of 32-bit instructions, field for field as Lua 5.4's
 * {@code lopcodes.h}: {@code op:7 | A:8 | k:1 | B:8 | C:8}, {@code Bx:17} and
 * {@code sJ:25} overlay B/C (and A for sJ).
 */
public final class Instr {
    private Instr() {}

    public static final int SIZE_OP = 7, SIZE_A = 8, SIZE_B = 8, SIZE_C = 8;
    public static final int SIZE_Bx = SIZE_C + SIZE_B + 1, SIZE_Ax = SIZE_Bx + SIZE_A, SIZE_sJ = SIZE_Ax;
    public static final int POS_A = SIZE_OP, POS_k = POS_A + SIZE_A, POS_B = POS_k + 1;
    public static final int POS_C = POS_B + SIZE_B, POS_Bx = POS_k, POS_Ax = POS_A, POS_sJ = POS_A;

    public static final int MAXARG_A = (1 << SIZE_A) - 1;
    public static final int MAXARG_B = (1 << SIZE_B) - 1;
    public static final int MAXARG_C = (1 << SIZE_C) - 1;
    public static final int MAXARG_Bx = (1 << SIZE_Bx) - 1;
    public static final int MAXARG_Ax = (1 << SIZE_Ax) - 1;
    public static final int MAXARG_sJ = (1 << SIZE_sJ) - 1;
    public static final int OFFSET_sBx = MAXARG_Bx >> 1;
    public static final int OFFSET_sJ = MAXARG_sJ >> 1;
    public static final int OFFSET_sC = MAXARG_C >> 1;
    /** Lua: MAXINDEXRK. */
    public static final int MAXINDEXRK = MAXARG_B;
    /** Lua: LFIELDS_PER_FLUSH. */
    public static final int LFIELDS_PER_FLUSH = 50;
    /** Lua: NO_REG. */
    public static final int NO_REG = MAXARG_A;

    public static int op(int i) { return i & 0x7F; }
    public static int a(int i) { return (i >>> POS_A) & 0xFF; }
    public static int b(int i) { return (i >>> POS_B) & 0xFF; }
    public static int c(int i) { return i >>> POS_C; }
    public static int sb(int i) { return b(i) - OFFSET_sC; }
    public static int sc(int i) { return c(i) - OFFSET_sC; }
    public static boolean k(int i) { return (i & (1 << POS_k)) != 0; }
    public static int bx(int i) { return i >>> POS_Bx; }
    public static int sbx(int i) { return (i >>> POS_Bx) - OFFSET_sBx; }
    public static int ax(int i) { return i >>> POS_Ax; }
    public static int sj(int i) { return (i >>> POS_sJ) - OFFSET_sJ; }

    public static int abck(int op, int a, int b, int c, boolean k) {
        return op | a << POS_A | (k ? 1 << POS_k : 0) | b << POS_B | c << POS_C;
    }
    public static int abx(int op, int a, int bx) { return op | a << POS_A | bx << POS_Bx; }
    public static int asbx(int op, int a, int sbx) { return abx(op, a, sbx + OFFSET_sBx); }
    public static int ax(int op, int ax) { return op | ax << POS_Ax; }
    public static int sj(int op, int sj) { return op | (sj + OFFSET_sJ) << POS_sJ; }

    public static int setA(int i, int a) { return (i & ~(0xFF << POS_A)) | a << POS_A; }
    public static int setB(int i, int b) { return (i & ~(0xFF << POS_B)) | b << POS_B; }
    public static int setC(int i, int c) { return (i & ~(0xFF << POS_C)) | c << POS_C; }
    public static int setK(int i, boolean k) { return k ? i | 1 << POS_k : i & ~(1 << POS_k); }
    public static int setBx(int i, int bx) { return (i & ((1 << POS_Bx) - 1)) | bx << POS_Bx; }
    public static int setSJ(int i, int sj) { return (i & 0x7F) | (sj + OFFSET_sJ) << POS_sJ; }
    public static int setOp(int i, int op) { return (i & ~0x7F) | op; }
}
