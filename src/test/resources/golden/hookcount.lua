-- Count hooks count every instruction, those of hooks and message handlers included, and go
-- on counting through errors that pcall catches (each recovery used to restart the countdown,
-- so that a loop of caught errors never saw its count hook).
-- modes: main thread only
local n = 0
local function tick() n = n + 1 end
local function counted(count, f)
  n = 0
  debug.sethook(tick, '', count)
  f()
  debug.sethook()
  print(count, n)
end
counted(100, function() for i = 1, 20000 do local x = i + 1 end end)
counted(100, function() for i = 1, 20000 do type(i) end end)
counted(100, function() local f = function() end for i = 1, 20000 do pcall(f) end end)
counted(100, function() for i = 1, 20000 do pcall(nil) end end)
counted(7, function() for i = 1, 3000 do pcall(error, i) end end)
counted(50, function() for i = 1, 2000 do local ok = pcall(string.rep) end end)
counted(3, function() for i = 1, 500 do pcall(function() local t = {} return t.x.y end) end end)
counted(1, function() for i = 1, 100 do end end)
-- expect: 100	416
-- expect: 100	833
-- expect: 100	1041
-- expect: 100	833
-- expect: 7	5002
-- expect: 50	217
-- expect: 3	1754
-- expect: 1	110
