package dev.moonstack.value;

/**
 * The Lua type "thread": implemented by the runtime's coroutine class, so that this package
 * can tell threads from light userdata (any other Java object held as a value).
 */
public interface ThreadValue {
}
