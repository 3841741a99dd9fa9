/** Lua values and the object level under everything (Lua: lobject.h with Proto, LClosure and UpVal; lstring, ltable, luaO_chunkid, number formatting, the marking half of lgc); depends on no other Moonstack package. */
package dev.moonstack.value;
