/** The instruction set and binary chunks (Lua: lopcodes, ldump, lundump), plus the listing and the bytecode checker; may depend on value only. */
package dev.moonstack.code;
