package dev.moonstack.code;

/**
 * The instruction set: opcode numbers, names and argument modes, exactly as Lua 5.4's
 * {@code lopcodes.h} / {@code lopcodes.c} define them, so that listings compare with
 * {@code luac -l} line for line.
 *
 * <p>Notation in the comments (from {@code lopcodes.h}): {@code R[x]} is register x,
 * {@code K[x]} constant x, {@code RK(x)} is {@code K[x]} if the k bit is set, else
 * {@code R[x]}; {@code sJ}/{@code sBx}/{@code sC} are signed arguments.
 */
public final class OpCode {
    private OpCode() {}

    public static final int OP_MOVE = 0;       // A B     R[A] := R[B]
    public static final int OP_LOADI = 1;      // A sBx   R[A] := sBx
    public static final int OP_LOADF = 2;      // A sBx   R[A] := (lua_Number)sBx
    public static final int OP_LOADK = 3;      // A Bx    R[A] := K[Bx]
    public static final int OP_LOADKX = 4;     // A       R[A] := K[extra arg]
    public static final int OP_LOADFALSE = 5;  // A       R[A] := false
    public static final int OP_LFALSESKIP = 6; // A       R[A] := false; pc++
    public static final int OP_LOADTRUE = 7;   // A       R[A] := true
    public static final int OP_LOADNIL = 8;    // A B     R[A], R[A+1], ..., R[A+B] := nil
    public static final int OP_GETUPVAL = 9;   // A B     R[A] := UpValue[B]
    public static final int OP_SETUPVAL = 10;  // A B     UpValue[B] := R[A]
    public static final int OP_GETTABUP = 11;  // A B C   R[A] := UpValue[B][K[C]:shortstring]
    public static final int OP_GETTABLE = 12;  // A B C   R[A] := R[B][R[C]]
    public static final int OP_GETI = 13;      // A B C   R[A] := R[B][C]
    public static final int OP_GETFIELD = 14;  // A B C   R[A] := R[B][K[C]:shortstring]
    public static final int OP_SETTABUP = 15;  // A B C   UpValue[A][K[B]:shortstring] := RK(C)
    public static final int OP_SETTABLE = 16;  // A B C   R[A][R[B]] := RK(C)
    public static final int OP_SETI = 17;      // A B C   R[A][B] := RK(C)
    public static final int OP_SETFIELD = 18;  // A B C   R[A][K[B]:shortstring] := RK(C)
    public static final int OP_NEWTABLE = 19;  // A B C k R[A] := {}
    public static final int OP_SELF = 20;      // A B C   R[A+1] := R[B]; R[A] := R[B][RK(C):string]
    public static final int OP_ADDI = 21;      // A B sC  R[A] := R[B] + sC
    public static final int OP_ADDK = 22;      // A B C   R[A] := R[B] + K[C]:number
    public static final int OP_SUBK = 23;
    public static final int OP_MULK = 24;
    public static final int OP_MODK = 25;
    public static final int OP_POWK = 26;
    public static final int OP_DIVK = 27;
    public static final int OP_IDIVK = 28;
    public static final int OP_BANDK = 29;     // A B C   R[A] := R[B] & K[C]:integer
    public static final int OP_BORK = 30;
    public static final int OP_BXORK = 31;
    public static final int OP_SHRI = 32;      // A B sC  R[A] := R[B] >> sC
    public static final int OP_SHLI = 33;      // A B sC  R[A] := sC << R[B]
    public static final int OP_ADD = 34;       // A B C   R[A] := R[B] + R[C]
    public static final int OP_SUB = 35;
    public static final int OP_MUL = 36;
    public static final int OP_MOD = 37;
    public static final int OP_POW = 38;
    public static final int OP_DIV = 39;
    public static final int OP_IDIV = 40;
    public static final int OP_BAND = 41;
    public static final int OP_BOR = 42;
    public static final int OP_BXOR = 43;
    public static final int OP_SHL = 44;
    public static final int OP_SHR = 45;
    public static final int OP_MMBIN = 46;     // A B C   call C metamethod over R[A] and R[B]
    public static final int OP_MMBINI = 47;    // A sB C k  call C metamethod over R[A] and sB
    public static final int OP_MMBINK = 48;    // A B C k   call C metamethod over R[A] and K[B]
    public static final int OP_UNM = 49;       // A B     R[A] := -R[B]
    public static final int OP_BNOT = 50;      // A B     R[A] := ~R[B]
    public static final int OP_NOT = 51;       // A B     R[A] := not R[B]
    public static final int OP_LEN = 52;       // A B     R[A] := #R[B] (length operator)
    public static final int OP_CONCAT = 53;    // A B     R[A] := R[A].. ... ..R[A + B - 1]
    public static final int OP_CLOSE = 54;     // A       close all upvalues >= R[A]
    public static final int OP_TBC = 55;       // A       mark variable A "to be closed"
    public static final int OP_JMP = 56;       // sJ      pc += sJ
    public static final int OP_EQ = 57;        // A B k   if ((R[A] == R[B]) ~= k) then pc++
    public static final int OP_LT = 58;        // A B k   if ((R[A] <  R[B]) ~= k) then pc++
    public static final int OP_LE = 59;        // A B k   if ((R[A] <= R[B]) ~= k) then pc++
    public static final int OP_EQK = 60;       // A B k   if ((R[A] == K[B]) ~= k) then pc++
    public static final int OP_EQI = 61;       // A sB k  if ((R[A] == sB) ~= k) then pc++
    public static final int OP_LTI = 62;       // A sB k  if ((R[A] < sB) ~= k) then pc++
    public static final int OP_LEI = 63;       // A sB k  if ((R[A] <= sB) ~= k) then pc++
    public static final int OP_GTI = 64;       // A sB k  if ((R[A] > sB) ~= k) then pc++
    public static final int OP_GEI = 65;       // A sB k  if ((R[A] >= sB) ~= k) then pc++
    public static final int OP_TEST = 66;      // A k     if (not R[A] == k) then pc++
    public static final int OP_TESTSET = 67;   // A B k   if (not R[B] == k) then pc++ else R[A] := R[B]
    public static final int OP_CALL = 68;      // A B C   R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])
    public static final int OP_TAILCALL = 69;  // A B C k return R[A](R[A+1], ... ,R[A+B-1])
    public static final int OP_RETURN = 70;    // A B C k return R[A], ... ,R[A+B-2]
    public static final int OP_RETURN0 = 71;   //         return
    public static final int OP_RETURN1 = 72;   // A       return R[A]
    public static final int OP_FORLOOP = 73;   // A Bx    update counters; if loop continues then pc-=Bx;
    public static final int OP_FORPREP = 74;   // A Bx    <check values and prepare counters>; if not to run then pc+=Bx+1;
    public static final int OP_TFORPREP = 75;  // A Bx    create upvalue for R[A + 3]; pc+=Bx
    public static final int OP_TFORCALL = 76;  // A C     R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);
    public static final int OP_TFORLOOP = 77;  // A Bx    if R[A+2] ~= nil then { R[A]=R[A+2]; pc -= Bx }
    public static final int OP_SETLIST = 78;   // A B C k R[A][C+i] := R[A+i], 1 <= i <= B
    public static final int OP_CLOSURE = 79;   // A Bx    R[A] := closure(KPROTO[Bx])
    public static final int OP_VARARG = 80;    // A C     R[A], R[A+1], ..., R[A+C-2] = vararg
    public static final int OP_VARARGPREP = 81;// A       (adjust vararg parameters)
    public static final int OP_EXTRAARG = 82;  // Ax      extra (larger) argument for previous opcode

    public static final int NUM_OPCODES = 83;

    /** Argument layouts (Lua: enum OpMode). */
    public static final int iABC = 0, iABx = 1, iAsBx = 2, iAx = 3, isJ = 4;

    private static final String[] NAMES = {
        "MOVE", "LOADI", "LOADF", "LOADK", "LOADKX", "LOADFALSE", "LFALSESKIP", "LOADTRUE",
        "LOADNIL", "GETUPVAL", "SETUPVAL", "GETTABUP", "GETTABLE", "GETI", "GETFIELD",
        "SETTABUP", "SETTABLE", "SETI", "SETFIELD", "NEWTABLE", "SELF", "ADDI", "ADDK", "SUBK",
        "MULK", "MODK", "POWK", "DIVK", "IDIVK", "BANDK", "BORK", "BXORK", "SHRI", "SHLI",
        "ADD", "SUB", "MUL", "MOD", "POW", "DIV", "IDIV", "BAND", "BOR", "BXOR", "SHL", "SHR",
        "MMBIN", "MMBINI", "MMBINK", "UNM", "BNOT", "NOT", "LEN", "CONCAT", "CLOSE", "TBC",
        "JMP", "EQ", "LT", "LE", "EQK", "EQI", "LTI", "LEI", "GTI", "GEI", "TEST", "TESTSET",
        "CALL", "TAILCALL", "RETURN", "RETURN0", "RETURN1", "FORLOOP", "FORPREP", "TFORPREP",
        "TFORCALL", "TFORLOOP", "SETLIST", "CLOSURE", "VARARG", "VARARGPREP", "EXTRAARG",
    };

    // Lua: luaP_opmodes. Bits: 0-2 mode, 3 setsA, 4 testT, 5 isIT (uses top), 6 isOT (sets top), 7 isMM.
    private static final byte[] MODES = new byte[NUM_OPCODES];

    private static void mode(int op, int mm, int ot, int it, int t, int a, int m) {
        MODES[op] = (byte) (m | a << 3 | t << 4 | it << 5 | ot << 6 | mm << 7);
    }

    static {
        //      op               MM OT IT T  A  mode
        mode(OP_MOVE,            0, 0, 0, 0, 1, iABC);
        mode(OP_LOADI,           0, 0, 0, 0, 1, iAsBx);
        mode(OP_LOADF,           0, 0, 0, 0, 1, iAsBx);
        mode(OP_LOADK,           0, 0, 0, 0, 1, iABx);
        mode(OP_LOADKX,          0, 0, 0, 0, 1, iABx);
        mode(OP_LOADFALSE,       0, 0, 0, 0, 1, iABC);
        mode(OP_LFALSESKIP,      0, 0, 0, 0, 1, iABC);
        mode(OP_LOADTRUE,        0, 0, 0, 0, 1, iABC);
        mode(OP_LOADNIL,         0, 0, 0, 0, 1, iABC);
        mode(OP_GETUPVAL,        0, 0, 0, 0, 1, iABC);
        mode(OP_SETUPVAL,        0, 0, 0, 0, 0, iABC);
        mode(OP_GETTABUP,        0, 0, 0, 0, 1, iABC);
        mode(OP_GETTABLE,        0, 0, 0, 0, 1, iABC);
        mode(OP_GETI,            0, 0, 0, 0, 1, iABC);
        mode(OP_GETFIELD,        0, 0, 0, 0, 1, iABC);
        mode(OP_SETTABUP,        0, 0, 0, 0, 0, iABC);
        mode(OP_SETTABLE,        0, 0, 0, 0, 0, iABC);
        mode(OP_SETI,            0, 0, 0, 0, 0, iABC);
        mode(OP_SETFIELD,        0, 0, 0, 0, 0, iABC);
        mode(OP_NEWTABLE,        0, 0, 0, 0, 1, iABC);
        mode(OP_SELF,            0, 0, 0, 0, 1, iABC);
        for (int op = OP_ADDI; op <= OP_SHR; op++) mode(op, 0, 0, 0, 0, 1, iABC);
        mode(OP_MMBIN,           1, 0, 0, 0, 0, iABC);
        mode(OP_MMBINI,          1, 0, 0, 0, 0, iABC);
        mode(OP_MMBINK,          1, 0, 0, 0, 0, iABC);
        mode(OP_UNM,             0, 0, 0, 0, 1, iABC);
        mode(OP_BNOT,            0, 0, 0, 0, 1, iABC);
        mode(OP_NOT,             0, 0, 0, 0, 1, iABC);
        mode(OP_LEN,             0, 0, 0, 0, 1, iABC);
        mode(OP_CONCAT,          0, 0, 0, 0, 1, iABC);
        mode(OP_CLOSE,           0, 0, 0, 0, 0, iABC);
        mode(OP_TBC,             0, 0, 0, 0, 0, iABC);
        mode(OP_JMP,             0, 0, 0, 0, 0, isJ);
        for (int op = OP_EQ; op <= OP_GEI; op++) mode(op, 0, 0, 0, 1, 0, iABC);
        mode(OP_TEST,            0, 0, 0, 1, 0, iABC);
        mode(OP_TESTSET,         0, 0, 0, 1, 1, iABC);
        mode(OP_CALL,            0, 1, 1, 0, 1, iABC);
        mode(OP_TAILCALL,        0, 1, 1, 0, 1, iABC);
        mode(OP_RETURN,          0, 0, 1, 0, 0, iABC);
        mode(OP_RETURN0,         0, 0, 0, 0, 0, iABC);
        mode(OP_RETURN1,         0, 0, 0, 0, 0, iABC);
        mode(OP_FORLOOP,         0, 0, 0, 0, 1, iABx);
        mode(OP_FORPREP,         0, 0, 0, 0, 1, iABx);
        mode(OP_TFORPREP,        0, 0, 0, 0, 0, iABx);
        mode(OP_TFORCALL,        0, 0, 0, 0, 0, iABC);
        mode(OP_TFORLOOP,        0, 0, 0, 0, 1, iABx);
        mode(OP_SETLIST,         0, 0, 1, 0, 0, iABC);
        mode(OP_CLOSURE,         0, 0, 0, 0, 1, iABx);
        mode(OP_VARARG,          0, 1, 0, 0, 1, iABC);
        mode(OP_VARARGPREP,      0, 0, 1, 0, 1, iABC);
        mode(OP_EXTRAARG,        0, 0, 0, 0, 0, iAx);
    }

    public static String name(int op) { return NAMES[op]; }
    public static int mode(int op) { return MODES[op] & 7; }
    /** Instruction sets register A (Lua: testAMode). */
    public static boolean setsA(int op) { return (MODES[op] & 8) != 0; }
    /** Instruction is a test; the next one must be a jump (Lua: testTMode). */
    public static boolean isTest(int op) { return (MODES[op] & 16) != 0; }
    /** Instruction uses the top set by the previous one (Lua: testITMode). */
    public static boolean usesTop(int op) { return (MODES[op] & 32) != 0; }
    /** Instruction sets the top for the next one (Lua: testOTMode). */
    public static boolean setsTop(int op) { return (MODES[op] & 64) != 0; }
    /** Instruction calls a metamethod (Lua: testMMMode). */
    public static boolean isMM(int op) { return (MODES[op] & 128) != 0; }
}
