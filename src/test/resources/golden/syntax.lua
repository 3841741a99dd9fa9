-- Syntax errors: chunk name, line and token, through load.
print(load("x = = 1"))  -- expect: nil	[string "x = = 1"]:1: unexpected symbol near '='
print(load("x = 1 +", "=mychunk"))  -- expect: nil	mychunk:1: unexpected symbol near <eof>
print(load("local function f() return 1", "@file.lua"))  -- expect: nil	file.lua:1: 'end' expected near <eof>
print(load("for i = 1 do end"))  -- expect: nil	[string "for i = 1 do end"]:1: ',' expected near 'do'
print(load("x = 'unfinished"))  -- expect: nil	[string "x = 'unfinished"]:1: unfinished string near <eof>
print(load("x = [[unfinished"))  -- expect: nil	[string "x = [[unfinished"]:1: unfinished long string (starting at line 1) near <eof>
print(load("goto nowhere"))  -- expect: nil	[string "goto nowhere"]:1: no visible label 'nowhere' for <goto> at line 1
print(load("local x <const> = 1; x = 2"))  -- expect: nil	[string "local x <const> = 1; x = 2"]:1: attempt to assign to const variable 'x'
print(load("break"))  -- expect: nil	[string "break"]:1: break outside loop at line 1
print(load("::a:: ::a::"))  -- expect: nil	[string "::a:: ::a::"]:1: label 'a' already defined on line 1
print(load("x = 0x"))  -- expect: nil	[string "x = 0x"]:1: malformed number near '0x'
print(load("x = 3e"))  -- expect: nil	[string "x = 3e"]:1: malformed number near '3e'
print(load("x = '\\q'"))  -- expect: nil	[string "x = '\q'"]:1: invalid escape sequence near ''\q'
print(load("x = '\\300'"))  -- expect: nil	[string "x = '\300'"]:1: decimal escape too large near ''\300''
print(load("x = '\\u{110000000}'"))  -- expect: nil	[string "x = '\u{110000000}'"]:1: UTF-8 value too large near ''\u{110000000'
print(load("local a <foo> = 1"))  -- expect: nil	[string "local a <foo> = 1"]:1: unknown attribute 'foo'
print(load("f(a,)"))  -- expect: nil	[string "f(a,)"]:1: unexpected symbol near ')'
print(type(load("return ...")))  -- expect: function
print(load("function f() return ... end"))  -- expect: nil	[string "function f() return ... end"]:1: cannot use '...' outside a vararg function near '...'
print(load("x = }"))  -- expect: nil	[string "x = }"]:1: unexpected symbol near '}'
print(load("\n\n\n  x = = 2", "=lines"))  -- expect: nil	lines:4: unexpected symbol near '='
