-- The classic, plus a little of everything: closures, tables, string formatting.
print("Hello from Moonstack (" .. _VERSION .. ")")
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
c(); c()
local squares = {}
for i = 1, 5 do squares[#squares + 1] = i * i end
print(string.format("counted to %d; squares: %s", c(), table.concat(squares, " ")))
