-- annotate.lua: (re)writes the "-- expect:" comments of a golden script from the output of the
-- interpreter running this file (run it with the reference: lua5.4 annotate.lua file.lua ...).
-- Each output line is attributed to the source line of the print/io.write call that completed
-- it; one output line becomes a trailing comment, several become comment lines below the call.
-- An uncaught error becomes a final "-- expect error: <message>" line.

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

for _, path in ipairs(arg) do
  local lines = {}
  for l in io.lines(path) do lines[#lines + 1] = l end
  lines = strip(lines)
  local out, err = capture(path, lines)
  local byLine = {}
  for _, o in ipairs(out) do
    byLine[o.line] = byLine[o.line] or {}
    table.insert(byLine[o.line], o.text)
  end
  local f = assert(io.open(path, "w"))
  for i, l in ipairs(lines) do
    local texts = byLine[i]
    if texts and #texts == 1 then
      f:write(l, "  -- expect: ", texts[1], "\n")
    else
      f:write(l, "\n")
      for _, t in ipairs(texts or {}) do f:write("-- expect: ", t, "\n") end
    end
  end
  if err then f:write("-- expect error: ", (err:gsub("\n.*", "")), "\n") end
  f:close()
end
