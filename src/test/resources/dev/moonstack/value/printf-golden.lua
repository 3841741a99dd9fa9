-- Generates printf-golden.txt, the golden table for PrintfGoldenTest:
--   lua5.4 printf-golden.lua > printf-golden.txt
-- Each line is  kind TAB spec TAB argument TAB expected  where the argument is a float's raw
-- bits (f, t, qf), an integer (i, qi), or hex-encoded bytes (s, qs), and 'expected' is the
-- result with bytes outside printable ASCII and the backslash written as \xHH. Kind e lines
-- hold the error message of string.format(spec, 10); t lines hold tostring(v).

local function esc(s)
  return (s:gsub(".", function(c)
    local b = c:byte()
    if b < 32 or b > 126 or b == 92 then return string.format("\\x%02x", b) end
  end))
end
local function bits(v) return (string.unpack("<i8", string.pack("<d", v))) end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function line(kind, spec, arg, res) io.write(kind, "\t", spec, "\t", arg, "\t", esc(res), "\n") end

local floats = {
  0.0, -0.0, 1.0, -1.0, 0.1, -0.1, 1/3, -2/3, 0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 0.625,
  0.05, 0.15, 0.25, 0.35, 9.5, 99.5, 999999.5, 1e-5, 1e-4, 0.0001234, 123.456, -123.456,
  100.0, 1e6, 1e7, 123456.0, 1234567.0, 3.14159265358979, math.pi, -math.pi, 1e15, 1e16,
  1e17, 1e21, 1e22, 1e23, 123456789012345678.0, 12345678901234567890.0, 5e-324, -5e-324,
  2.2250738585072014e-308, 2.2250738585072009e-308, 1.7976931348623157e308, -1.7976931348623157e308,
  2^53 - 1, 2^53, 2^53 + 2, 2^63, -2^63, 2^64, 1e100, 1e-100, 1e-300, 0.1 + 0.2,
  99999999999999.0, 999999999999999.0, 0.00001, 65536.0 / 3, 1/0, -1/0, 0/0, -(0/0),
}
local float_specs = {
  "%.14g", "%.17g", "%g", "%#g", "%G", "%.0g", "%#.0g", "%.1g", "%.3g", "%.15g", "%.16g",
  "%.20g", "%e", "%E", "%.0e", "%#.0e", "%.3e", "%.16e", "%.20e", "%f", "%.0f", "%#.0f",
  "%.1f", "%.2f", "%.3f", "%.10f", "%.20f", "%5.1f", "%-10.3f|", "%+f", "% f", "%010.3f",
  "%-+12.2e|", "%+ .3g", "%010g", "%#10.3g", "%-010g|", "%+08.2f", "% 09.1e", "%a", "%A",
  "%.0a", "%.1a", "%.3a", "%.13a", "%.20a", "%#a", "%#.0a", "%20a", "%-20a|", "%020a",
  "%+a", "% A", "%+025.3A", "%99.2f", "%.99e",
}
for _, v in ipairs(floats) do
  for _, spec in ipairs(float_specs) do line("f", spec, bits(v), string.format(spec, v)) end
  line("t", "", bits(v), tostring(v))
  line("qf", "%q", bits(v), string.format("%q", v))
end
for _, v in ipairs{1.0, -(10^38), 10^308, 5e-324, 0.1, 123.456} do
  line("f", "%.99f", bits(v), string.format("%.99f", v))
end

local ints = {
  0, 1, -1, 10, -10, 65, 97, 255, 256, -255, 100, -100, 12345, 0xABCD, 0x7fffffff, -0x80000000,
  0xffffffff, 4294967296, 123456789012, 1000000000000000000, math.maxinteger, math.mininteger,
  math.mininteger + 1, -1234567890123456789,
}
local int_specs = {
  "%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "% 05d", "%.0d", "%.3d", "%5.3d",
  "%-8.3d|", "%+.0d", "% .0d", "%05.3d", "%-05d|", "%99d", "%.30d", "%x", "%X", "%#x", "%#X",
  "%08x", "%#08x", "%-#10x|", "%.5x", "%#.0x", "%#.3X", "%o", "%#o", "%#.0o", "%#5o", "%.5o",
  "%#.5o", "%-#8o|", "%u", "%5u", "%-5u|", "%05u", "%.0u", "%.25u", "%c", "%5c", "%-5c|",
}
for _, v in ipairs(ints) do
  for _, spec in ipairs(int_specs) do line("i", spec, v, string.format(spec, v)) end
  line("qi", "%q", v, string.format("%q", v))
end

local strs = { "", "a", "hello", "hello world", "\xff\x80abc", string.rep("x", 120) }
for _, s in ipairs(strs) do
  for _, spec in ipairs{"%s", "%5s", "%-5s|", "%.2s", "%5.2s", "%.0s", "%.s", "%-10.3s|", "%99s", "%.99s"} do
    line("s", spec, hex(s), string.format(spec, s))
  end
end
for _, s in ipairs{"", "abc", "a\"b\\c", "line1\nline2", "\r\n", "\0", "\0009", "\0a", "\1\0023\5\0009",
                   "\127", "\1271", "\31\32", "tab\there", "\xff\x80\xe4", "\"\\\n\r\t\0", "9\0"} do
  line("qs", "%q", hex(s), string.format("%q", s))
end

local bad = {
  "%100d", "%1.100d", "%t", "%010c", "%.10c", "%0.34s", "%#i", "%3.1p", "%0.s", "%10q", "%F",
  "%", "%5", "%-5", "%ll", "%lld", "%h", "%5.2.1f", "%012345678901234567890123d", "%w", "%+u",
  "%#c", "% s", "%+s", "%-+#0 5d", "%00.3f", "%.-3f", "%-.3q", "%q5", "%.3q", "%5-d", "%1.1.1x",
  "%#u", "% x", "%+o", "%#d", "%123f", "%.123f", "%-#0+ 12.12a", "% 5c", "%05s", "%5.3c",
  "%.3p", "%.p", "%-p", "%0p", "%a%", "%L", "%n", "%b", "%1$d", "%*d", "%.*d", "%%%",
}
for _, spec in ipairs(bad) do
  local ok, r = pcall(string.format, spec, 10)
  if ok then r = "OK:" .. r end
  line("e", spec, 10, r)
end
