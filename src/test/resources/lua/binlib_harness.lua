-- Differential harness for string.pack/unpack/packsize and the utf8 library, run by lua5.4
-- and by Moonstack on the same case file (arg[1]). A case is a line: a function name and its
-- arguments, separated by tabs. Arguments: i<decimal> integer, f<numeral> float (also fnan,
-- f-nan, finf, f-inf), s<hex> string, t/F booleans, n nil. One line is printed per case: the
-- results (same encoding, floats as %a), or E: and the error message.

local function unhex(h)
  return (h:gsub("%x%x", function (x) return string.char(tonumber(x, 16)) end))
end

local function hex(s)
  return (s:gsub(".", function (c) return string.format("%02x", c:byte()) end))
end

local SPECIAL = {nan = 0/0, ["-nan"] = -(0/0), inf = 1/0, ["-inf"] = -1/0}

local function decode(a)
  local k, v = a:sub(1, 1), a:sub(2)
  if k == "i" then return math.tointeger(tonumber(v))
  elseif k == "f" then return SPECIAL[v] or tonumber(v)   -- hexadecimal with an exponent: a float
  elseif k == "s" then return unhex(v)
  elseif k == "t" then return true
  elseif k == "F" then return false
  elseif k == "n" then return nil
  else error("bad argument encoding " .. a) end
end

local function encode(v)
  if math.type(v) == "integer" then return "i" .. v
  elseif math.type(v) == "float" then return "f" .. string.format("%a", v)
  elseif type(v) == "string" then return "s" .. hex(v)
  elseif v == nil then return "n"
  else return tostring(v) end
end

local function results(ok, ...)
  if not ok then return "E:" .. tostring((...)) end
  local out = {}
  for i = 1, select("#", ...) do out[i] = encode((select(i, ...))) end
  return table.concat(out, " ")
end

-- Lua 5.4.8's utf8.codes also rejects a continuation byte at the start of the subject and
-- right after a character; the 5.4.4 of some distributions does not. On such a reference
-- the harness adds the two checks itself, so that both sides show 5.4.8's behaviour.
local CODES_548 = not pcall(utf8.codes, "\x80")

local function codes(s, lax)
  if not CODES_548 and s:find("^[\x80-\xBF]") then
    return "E:bad argument #1 to 'codes' (invalid UTF-8 code)"   -- as called below
  end
  local out = {}
  local ok, err = pcall(function ()
    for p, c in utf8.codes(s, lax) do
      local after = s:byte(p + #utf8.char(c))
      if not CODES_548 and after and after >= 0x80 and after <= 0xBF then
        error("invalid UTF-8 code", 0)
      end
      out[#out + 1] = p .. ":" .. c
    end
  end)
  if not ok then out[#out + 1] = "E:" .. tostring(err):gsub("^[^:]*:%d+: ", "") end
  return table.concat(out, " ")
end

-- the characters string.gmatch finds with utf8.charpattern
local function charpat(s)
  local out = {}
  for c in s:gmatch(utf8.charpattern) do out[#out + 1] = hex(c) end
  return table.concat(out, " ")
end

-- pack, then unpack the result with the same format
local function roundtrip(fmt, ...)
  local ok, packed = pcall(string.pack, fmt, ...)
  if not ok then return "E:" .. tostring(packed) end
  return "P:" .. hex(packed) .. " U:" .. results(pcall(string.unpack, fmt, packed))
end

local FUNCS = {
  pack = string.pack, unpack = string.unpack, packsize = string.packsize,
  len = utf8.len, codepoint = utf8.codepoint, offset = utf8.offset, char = utf8.char,
}

for line in io.lines(arg[1]) do
  local fields = {}
  for f in line:gmatch("[^\t]+") do fields[#fields + 1] = f end
  local name, args, n = fields[1], {}, #fields - 1
  for i = 1, n do args[i] = decode(fields[i + 1]) end
  if name == "roundtrip" then print(roundtrip(table.unpack(args, 1, n)))
  elseif name == "codes" then print(codes(args[1], args[2]))
  elseif name == "charpat" then print(charpat(args[1]))
  else print(results(pcall(FUNCS[name], table.unpack(args, 1, n)))) end
end
