/** Syntax tree to function prototypes (Lua: lparser's code generation, lcode); may depend on parser, lexer, code and value. */
package dev.moonstack.compiler;
