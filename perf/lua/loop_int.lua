-- Integer arithmetic in a numeric for loop: ADD + FORLOOP per iteration.
return function()
  local x = 0
  for i = 1, 1000000 do x = x + i end
  return x
end
