/** Running prototypes: threads, stacks, calls, errors, metamethods, coroutines, hooks, the collector (Lua: lvm, ldo, ltm, ldebug, lgc, lstate); may depend on code and value, and reaches the compiler only through ChunkLoader. */
package dev.moonstack.vm;
