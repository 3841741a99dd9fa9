package dev.moonstack.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a member of the API that exposes Moonstack's internals (the runtime's own value,
 * thread and state types) for Moonstack's own packages: the CLI, the debugger, the profiler
 * and the tests. It is not part of the embedding API, may change without notice, and a host
 * should not call it; everything a host needs has a typed counterpart without this mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Internal {}
