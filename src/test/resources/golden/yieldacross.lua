-- Yielding across pcall, metamethods, iterators, to-be-closed variables; and where it is not allowed.
local function run(f, ...)
  local co = coroutine.create(f)
  local out = {}
  local args = table.pack(...)
  while true do
    local r = table.pack(coroutine.resume(co, table.unpack(args, 1, args.n)))
    if not r[1] then out[#out + 1] = "error: " .. tostring(r[2]); break end
    if coroutine.status(co) == "dead" then
      for i = 2, r.n do out[#out + 1] = "ret " .. tostring(r[i]) end
      break
    end
    for i = 2, r.n do out[#out + 1] = "y " .. tostring(r[i]) end
    args = table.pack("r" .. #out)
  end
  print(table.concat(out, ", "))
end
run(function() return pcall(function() local v = coroutine.yield(1); error("after " .. v, 0) end) end)
run(function() return select(2, xpcall(function() coroutine.yield(2); return "fine" end, debug.traceback)) end)
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __newindex = function(t, k, v) coroutine.yield("newindex " .. k) rawset(t, k, v) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __le = function(a, b) return coroutine.yield("le") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __len = function(a) return coroutine.yield("len") end,
  __unm = function(a) return coroutine.yield("unm") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
}
local o, p = setmetatable({}, mt), setmetatable({}, mt)
run(function() return o.field end)
run(function() o.k = 5; return rawget(o, "k") end)
run(function() return o + 1 end)
run(function() return o < p, o <= p, o == p end)
run(function() return "a" .. o .. "b" end)
run(function() return #o, -o end)
run(function() return o(7) end)
run(function() if o < p then return "taken" else return "not taken" end end)
local function iter(s, c) if c < 3 then coroutine.yield("iter " .. c); return c + 1 end end
run(function() local acc = {} for v in iter, nil, 0 do acc[#acc + 1] = v end return table.concat(acc) end)
run(function()
  do local x <close> = setmetatable({}, {__close = function() coroutine.yield("in close") end}) end
  return "after block"
end)
run(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield("cmp") return a < b end) end)
run(function() return ("x"):gsub("x", function() coroutine.yield("gsub") end) end)
run(function() return tostring(setmetatable({}, {__tostring = function() coroutine.yield("ts") return "s" end})) end)
run(function() return load(function() coroutine.yield("reader") end) end)
run(function() return coroutine.isyieldable(), pcall(coroutine.isyieldable) end)
local depth = 0
local function chain(n) if n == 0 then return "bottom" end local co = coroutine.wrap(chain); return co(n - 1) end
print(pcall(chain, 100))
local ok, err = pcall(chain, 300)
print(ok, err:match("C stack overflow$"), select(2, err:gsub("yieldacross.lua:%d+: ", "")))
-- expect: y 1, ret false, ret after r1
-- expect: y 2, ret fine
-- expect: y index field, ret r1
-- expect: y newindex k, ret 5
-- expect: y add, ret r1
-- expect: y lt, y le, y eq, ret true, ret true, ret true
-- expect: y concat, ret ar1
-- expect: y len, y unm, ret r1, ret r2
-- expect: y call 7, ret r1
-- expect: y lt, ret taken
-- expect: y iter 0, y iter 1, y iter 2, ret 123
-- expect: y in close, ret after block
-- expect: error: attempt to yield across a C-call boundary
-- expect: error: attempt to yield across a C-call boundary
-- expect: error: attempt to yield across a C-call boundary
-- expect: ret nil, ret attempt to yield across a C-call boundary
-- expect: ret true, ret true, ret true
-- expect: true	bottom
-- expect: false	C stack overflow	196
