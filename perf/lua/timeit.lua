-- timeit.lua -- times a perf/lua workload under any Lua 5.4 interpreter, for comparison
-- with the JMH numbers of LuaBench (same chunk, same function called per operation).
--
-- usage: lua5.4 timeit.lua <workload.lua> [seconds=5] [chunk args...]
-- Runs the workload's function for one second as warm-up, then in batches of about
-- 0.1 s for <seconds>; prints "<name> <median us/op> <min us/op>" (os.clock: CPU time).
local file, seconds = arg[1], tonumber(arg[2]) or 5
local chunk = assert(loadfile(file))
local fn = chunk(table.unpack(arg, 3))
local clock = os.clock

local function batch(n)
  local t0 = clock()
  for _ = 1, n do fn() end
  return (clock() - t0) / n
end

-- batch size: enough calls for about 0.1 s
local n = 1
while batch(n) * n < 0.1 do n = n * 2 end
local warmEnd = clock() + 1
while clock() < warmEnd do batch(n) end

local samples = {}
local stop = clock() + seconds
while clock() < stop do samples[#samples + 1] = batch(n) end
table.sort(samples)
local name = file:match("([^/]+)%.lua$")
if arg[3] then name = name .. ":" .. arg[3] end
print(("%s %.1f %.1f"):format(name, samples[(#samples + 1) // 2] * 1e6, samples[1] * 1e6))
