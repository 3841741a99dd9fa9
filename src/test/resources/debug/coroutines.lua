local gen = coroutine.wrap(function()
  for i = 1, 2 do
    pcall(coroutine.yield, i)
  end
end)
local x = gen()
local y = gen()
local ok, v = coroutine.resume(early, 10)
local ok2, w = coroutine.resume(early)
print(x, y, v, w)
