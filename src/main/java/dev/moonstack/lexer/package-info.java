/** Lua source text to tokens (Lua: llex); may depend on value only. */
package dev.moonstack.lexer;
