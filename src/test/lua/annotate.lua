-- annotate.lua: (re)writes the "-- expect:" comments of a golden script from the output of the
-- interpreter running this file (run it with the reference: lua5.4 annotate.lua file.lua ...).
-- Each output line is attributed to the source line of the print/io.write call that completed
-- it; one output line becomes a trailing comment, several become comment lines below the call.
-- An uncaught error becomes a final "-- expect error: <message>" line. If the output does not
-- come in source order (coroutines), or placing comments inline would change the program (a
-- call line inside a multi-line string), all expectations go to a block at the end of the file
-- instead; the result is re-run and checked either way. The script runs inside a pcall of this
-- file's main chunk: C-call depths are one level deeper than in a plain lua5.4 run, which the
-- Java harness (GoldenScript) reproduces.

local function strip(lines)
  local out = {}
  for _, l in ipairs(lines) do
    if not l:match("^%s*%-%- expect") then
      out[#out + 1] = (l:gsub("%s*%-%- expect: .*$", ""))
    end
  end
  return out
end

local function capture(path, lines)
  local name = "@" .. path:match("[^/]*$")
  local chunk = assert(load(table.concat(lines, "\n") .. "\n", name))
  local out, pending = {}, ""
  local function emit(text, line)
    pending = pending .. text
    for full in pending:gmatch("([^\n]*)\n") do out[#out + 1] = {line = line, text = full} end
    pending = pending:match("[^\n]*$")
  end
  local realprint, realwrite = print, io.write
  print = function(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = tostring(t[i]) end
    emit(table.concat(t, "\t", 1, t.n) .. "\n", debug.getinfo(2, "l").currentline)
  end
  io.write = function(...)
    for _, v in ipairs({...}) do emit(tostring(v), debug.getinfo(2, "l").currentline) end
    return io.stdout
  end
  local ok, err = pcall(chunk)
  print, io.write = realprint, realwrite
  return out, (not ok) and tostring(err) or nil
end

local function same(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do if a[i].text ~= b[i].text then return false end end
  return true
end

local function inline(lines, out)
  local byLine, result = {}, {}
  for _, o in ipairs(out) do
    byLine[o.line] = byLine[o.line] or {}
    table.insert(byLine[o.line], o.text)
  end
  for i, l in ipairs(lines) do
    local texts = byLine[i]
    if texts and #texts == 1 then
      result[#result + 1] = l .. "  -- expect: " .. texts[1]
    else
      result[#result + 1] = l
      for _, t in ipairs(texts or {}) do result[#result + 1] = "-- expect: " .. t end
    end
  end
  return result
end

local function block(lines, out)
  local result = {}
  for _, l in ipairs(lines) do result[#result + 1] = l end
  for _, o in ipairs(out) do result[#result + 1] = "-- expect: " .. o.text end
  return result
end

for _, path in ipairs(arg) do
  local lines = {}
  for l in io.lines(path) do lines[#lines + 1] = l end
  lines = strip(lines)
  local out, err = capture(path, lines)
  local monotonic = true
  for i = 2, #out do if out[i].line < out[i - 1].line then monotonic = false end end
  local result = monotonic and inline(lines, out) or block(lines, out)
  local ok, out2 = pcall(capture, path, result)
  if not ok or not same(out, out2) then result = block(lines, out) end
  local f = assert(io.open(path, "w"))
  for _, l in ipairs(result) do f:write(l, "\n") end
  if err then f:write("-- expect error: ", (err:gsub("\n.*", "")), "\n") end
  f:close()
end
