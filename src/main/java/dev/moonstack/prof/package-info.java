/** The profilers: the instrumenting profiler ujit.iprof (LuaVela), the memory profiler misc.memprof (LuaJIT/Tarantool) and the sampling profiler with its flame graphs; may depend on lib, vm, code (memprof decodes instructions to find an allocation's line) and value. */
package dev.moonstack.prof;
