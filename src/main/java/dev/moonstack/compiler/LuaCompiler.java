package dev.moonstack.compiler;

import dev.moonstack.lexer.Lexer;
import dev.moonstack.parser.Ast;
import dev.moonstack.parser.Parser;
import dev.moonstack.value.LuaString;
import dev.moonstack.value.Proto;

/** Entry point of the front end: source text to the main function's prototype (Lua: luaY_parser). */
public final class LuaCompiler {
    private LuaCompiler() {}

    /**
     * C-call level at which parsing starts when lua5.4 runs {@code load} from a main chunk;
     * nesting errors ("C stack overflow") then happen at the same depth as there.
     */
    public static final int DEFAULT_CCALLS = 2;

    /**
     * Compiles a text chunk into its main function, whose {@code source} is {@code chunkName}.
     * Syntax errors throw {@link dev.moonstack.value.LuaError} with Lua's message.
     */
    public static Proto compile(byte[] source, LuaString chunkName) {
        return compile(source, chunkName, DEFAULT_CCALLS);
    }

    /** As {@link #compile(byte[], LuaString)}, starting from the caller's C-call level {@code nCcalls}. */
    public static Proto compile(byte[] source, LuaString chunkName, int nCcalls) {
        return compile(source, chunkName, nCcalls, null);
    }

    /** As above, calling {@code poll} every {@link Lexer#POLL_TOKENS} tokens (see {@link Lexer#pollEvery}). */
    public static Proto compile(byte[] source, LuaString chunkName, int nCcalls, Runnable poll) {
        Lexer lexer = new Lexer(source, chunkName);
        lexer.pollEvery(poll);
        Ast.FuncBody main = new Parser(lexer, nCcalls).parseChunk();
        return new Compiler(chunkName, lexer).compileMain(main);
    }
}
