/**
 * Moonstack, a Lua 5.4 runtime for the JVM: the module a host requires. A host uses
 * {@link dev.moonstack.api.Lua} and {@link dev.moonstack.api.Coroutine}; the other exported
 * packages are there only because the API's signatures still name their types.
 *
 * <p>Exports: {@code dev.moonstack.api}, the embedding API. {@code dev.moonstack.value}
 * (LuaError, LuaString, LuaClosure, LuaFunction: the values results are made of) and
 * {@code dev.moonstack.vm} (LuaThread, GlobalState, and Builtin.Body, the one way to write a
 * builtin today) are exported while the API names them; PackagingTest fails if a type the API
 * names is not exported, and lists the exports, so narrowing them to the API is one change
 * here and one in that test. Nothing is opened: no package is meant for reflection.
 *
 * <p>The command line ({@code dev.moonstack.cli}) and the debug adapter ({@code dev.moonstack.dap},
 * {@code dev.moonstack.debug}) are in the same jar but neither exported nor opened: they run
 * from the class path (the launchers), and their libraries, JLine and lsp4j, are optional Maven
 * dependencies and {@code requires static} here, so that no embedder gets them.
 */
module dev.moonstack {
    exports dev.moonstack.api;
    exports dev.moonstack.value;
    exports dev.moonstack.vm;

    requires transitive java.scripting;        // the JSR-223 engine (api.LuaScriptEngine)
    provides javax.script.ScriptEngineFactory with dev.moonstack.api.LuaScriptEngineFactory;
    requires org.objectweb.asm;        // jit: the compiled tier writes JVM bytecode with ASM
    requires java.management;          // vm.MemoryCount, vm.HeapWatch, os.clock: the memory cap and CPU time
    requires jdk.management;           // com.sun.management: per-thread allocation, GC notifications
    requires static org.jline;                  // cli.JLineInput, the REPL's line editor
    requires static org.eclipse.lsp4j.debug;    // dap: lsp4j has no Automatic-Module-Name, so these
    requires static org.eclipse.lsp4j.jsonrpc;  // names come from the jar names; compile time only
}
