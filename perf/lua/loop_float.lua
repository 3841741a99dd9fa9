-- Float arithmetic (register and constant operands, mixed int/float), in a numeric for loop.
return function()
  local x, y = 0.0, 1.5
  for i = 1, 500000 do
    x = x * 0.5 + y * i
    y = y - x / 3.0
  end
  return x + y
end
