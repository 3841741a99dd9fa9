/**
 * Moonstack, a Lua 5.4 runtime for the JVM: the module a host requires. It exports one
 * package, {@code dev.moonstack.api}, the embedding API ({@link dev.moonstack.api.Lua} and the
 * types it names); every other package is the runtime's inside. A host writes builtins as
 * {@link dev.moonstack.api.JavaFunction}s and binds its objects with
 * {@link dev.moonstack.api.Lua#bind}, so no package for writing builtins is exported. The API
 * names no internal type; Moonstack's own packages (CLI, debugger, tests) reach the runtime behind
 * it through {@code dev.moonstack.api.internal}, which is not exported, so a module consumer cannot
 * use it. PackagingTest checks the exports and that the API names only exported types. Nothing is
 * opened: no package is meant for reflection.
 *
 * <p>The command line ({@code dev.moonstack.cli}) and the debug adapter ({@code dev.moonstack.dap},
 * {@code dev.moonstack.debug}) are in the same jar but neither exported nor opened: they run
 * from the class path (the launchers), and their libraries, JLine and lsp4j, are optional Maven
 * dependencies and {@code requires static} here, so that no embedder gets them.
 */
module dev.moonstack {
    exports dev.moonstack.api;

    requires transitive java.scripting;        // the JSR-223 engine (api.LuaScriptEngine)
    provides javax.script.ScriptEngineFactory with dev.moonstack.api.LuaScriptEngineFactory;
    requires org.objectweb.asm;        // jit: the compiled tier writes JVM bytecode with ASM
    requires java.management;          // vm.MemoryCount, vm.HeapWatch, os.clock: the memory cap and CPU time
    requires jdk.management;           // com.sun.management: per-thread allocation, GC notifications
    requires static org.jline;                  // cli.JLineInput, the REPL's line editor
    requires static org.eclipse.lsp4j.debug;    // dap: lsp4j has no Automatic-Module-Name, so these
    requires static org.eclipse.lsp4j.jsonrpc;  // names come from the jar names; compile time only
}
