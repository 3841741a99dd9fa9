-- Strings: escapes, long strings, library basics, coercions, comparisons.
print("a\tb\\c\"d\'e", 'x\65y', "\x41\u{48}\u{7FF}", "\z
      continued", #"\0\1\2")
print([[long
string]], [==[with ]] inside]==], #[[
skipped first newline]])
print(("abc"):upper(), ("ABC"):lower(), ("abc"):rep(3, "-"), ("abc"):reverse(), ("abc"):len())
print(("hello"):sub(2, 3), ("hello"):sub(-3), ("hello"):sub(2), ("hello"):sub(0), ("hello"):sub(10), ("hello"):sub(-100, 2))
print(("hello"):byte(), ("hello"):byte(-1), ("hello"):byte(1, -1))
print(string.char(72, 105), pcall(string.char, 256))
print("a" < "b", "a" < "B", "abc" < "abd", "" < "a", "a\0b" < "a\0c", "Z" < "a")
print("10" == 10, "abc" .. 1 .. 2.0, #("x"):rep(1000))
print(string.format("[%5d] [%-5d] [%05d] [%+d] [%x] [%X] [%o]", 42, 42, 42, 42, 255, 255, 8))
print(string.format("[%.3f] [%10.2f] [%-10.2e] [%g] [%g] [%g]", math.pi, math.pi, 12345.678, 1e20, 1e-5, 100))
print(string.format("[%s] [%10s] [%-10s] [%.2s] [%q]", "x", "right", "left", "trunc", "line\nnew\0zero"))
print(string.format("%q %q %q %q", 1/0, -1/0, 2^63, math.mininteger))
print(string.format("%c%c%c", 76, 117, 97), string.format("%%"), string.format("%a", 1.0))
print(pcall(string.format, "%d", 1.5))
print(pcall(string.format, "%y", 1))
print(pcall(string.rep))
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring(-0.0))
-- expect: a	b\c"d'e	xAy	AH߿	continued	3
-- expect: long
-- expect: string	with ]] inside	21
-- expect: ABC	abc	abc-abc-abc	cba	3
-- expect: el	llo	ello	hello		he
-- expect: 104	111	104	101	108	108	111
-- expect: Hi	false	bad argument #1 to 'string.char' (value out of range)
-- expect: true	false	true	true	true	true
-- expect: false	abc12.0	1000
-- expect: [   42] [42   ] [00042] [+42] [ff] [FF] [10]
-- expect: [3.142] [      3.14] [1.23e+04  ] [1e+20] [1e-05] [100]
-- expect: [x] [     right] [left      ] [tr] ["line\
-- expect: new\0zero"]
-- expect: 1e9999 -1e9999 0x1p+63 0x8000000000000000
-- expect: Lua	%	0x1p+0
-- expect: false	bad argument #2 to 'string.format' (number has no integer representation)
-- expect: false	invalid conversion '%y' to 'format'
-- expect: false	bad argument #1 to 'string.rep' (string expected, got no value)
-- expect: nil	true	false	12	-0.0
