/**
 * The compiled tier: hot Lua functions become JVM bytecode (hidden classes made with ASM) that
 * run on the same value stack, activations and call stack as the interpreter, which it enters
 * through the hook vm.Tier (vm does not depend on this package); and the {@code jit} library.
 */
package dev.moonstack.jit;
