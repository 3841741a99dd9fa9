-- Coroutine round trips: one resume/yield pair per iteration (10,000 per run), a value
-- passed each way, with a coroutine that lives across runs.
local resume, yield = coroutine.resume, coroutine.yield
local co = coroutine.create(function(x)
  while true do x = yield(x + 1) end
end)
return function()
  local s = 0
  for i = 1, 10000 do
    local _, r = resume(co, i)
    s = s + r
  end
  return s
end
