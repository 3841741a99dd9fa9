/** The profilers: the instrumenting profiler ujit.iprof (LuaVela) and the sampling profiler with its flame graphs; may depend on lib, vm and value. */
package dev.moonstack.prof;
