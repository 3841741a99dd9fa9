-- Evaluates the expressions of a golden file (arg[1]) and prints the file again with fresh
-- results: for each line "expr TAB result", "expr TAB" and what 'return expr' gives now.
-- Comment lines ("--") and empty lines are printed as they are. To (re)make the golden file,
-- from the project root:
--   lua5.4 src/test/resources/lua/binlib_golden.lua FILE > NEW
-- Results: integers in decimal, floats with %.17g (a ".0" added to integral ones), strings
-- quoted with bytes outside printable ASCII as \xHH, nil, booleans, "error: msg".

local function esc(s)
  return (s:gsub('[^ -~]', function (c) return string.format("\\x%02X", c:byte()) end))
end

local function quote(s)
  return '"' .. esc(s):gsub('"', '\\"') .. '"'
end

local function show(v)
  if math.type(v) == "integer" then return tostring(v)
  elseif math.type(v) == "float" then
    local s = string.format("%.17g", v)
    return s:find("^%-?%d+$") and s .. ".0" or s
  elseif type(v) == "string" then return quote(v)
  else return tostring(v) end
end

-- the values of a generic for over f, s, c, as "k:v" pairs (for utf8.codes)
function walk(f, s, c)
  local out = {}
  for p, v in f, s, c do out[#out + 1] = p .. ":" .. v end
  return table.concat(out, " ")
end

hex = function (s) return (s:gsub(".", function (c) return string.format("%02X", c:byte()) end)) end

local function results(ok, ...)
  if not ok then return "error: " .. esc(tostring((...))) end
  local out = {}
  for i = 1, select("#", ...) do out[i] = show((select(i, ...))) end
  return table.concat(out, ", ")
end

for line in io.lines(arg[1]) do
  if line == "" or line:find("^%-%-") then
    print(line)
  else
    local expr = line:match("^[^\t]*")
    local f, err = load("return " .. expr, "=expr")
    if not f then print(expr .. "\tsyntax: " .. err)
    else print(expr .. "\t" .. results(pcall(f))) end
  end
end
