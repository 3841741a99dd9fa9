/** Tokens to a syntax tree, raising the errors Lua raises while parsing (the parsing half of Lua's lparser); may depend on lexer and value. */
package dev.moonstack.parser;
