early = coroutine.create(function(a)
  local b = a + 1
  coroutine.yield(b)
  return b * 2
end)
