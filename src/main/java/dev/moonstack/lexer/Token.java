package dev.moonstack.lexer;

/**
 * Token codes and their printable names (Lua: the RESERVED enum and luaX_tokens of llex).
 * Single-byte tokens are their own byte value; the others start at {@link #FIRST_RESERVED}.
 */
public final class Token {
    private Token() {}

    public static final int FIRST_RESERVED = 257;

    public static final int AND = 257, BREAK = 258, DO = 259, ELSE = 260, ELSEIF = 261,
            END = 262, FALSE = 263, FOR = 264, FUNCTION = 265, GOTO = 266, IF = 267,
            IN = 268, LOCAL = 269, NIL = 270, NOT = 271, OR = 272, REPEAT = 273,
            RETURN = 274, THEN = 275, TRUE = 276, UNTIL = 277, WHILE = 278;
    public static final int IDIV = 279, CONCAT = 280, DOTS = 281, EQ = 282, GE = 283,
            LE = 284, NE = 285, SHL = 286, SHR = 287, DBCOLON = 288, EOS = 289,
            FLT = 290, INT = 291, NAME = 292, STRING = 293;

    /** Number of reserved words (Lua: NUM_RESERVED). */
    public static final int NUM_RESERVED = WHILE - FIRST_RESERVED + 1;

    private static final String[] NAMES = {
        "and", "break", "do", "else", "elseif",
        "end", "false", "for", "function", "goto", "if",
        "in", "local", "nil", "not", "or", "repeat",
        "return", "then", "true", "until", "while",
        "//", "..", "...", "==", ">=", "<=", "~=",
        "<<", ">>", "::", "<eof>",
        "<number>", "<integer>", "<name>", "<string>",
    };

    /** Raw spelling of a multi-byte token (reserved word, symbol, or class name). */
    public static String spelling(int token) { return NAMES[token - FIRST_RESERVED]; }

    /** How a token appears in messages (Lua: luaX_token2str). */
    public static String toStr(int token) {
        if (token < FIRST_RESERVED) {
            if (token >= 0x20 && token < 0x7F) return "'" + (char) token + "'";
            return "'<\\" + token + ">'";
        }
        String s = NAMES[token - FIRST_RESERVED];
        return token < EOS ? "'" + s + "'" : s;
    }
}
