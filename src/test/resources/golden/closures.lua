-- Closures, upvalues shared between closures, closing in loops, recursion.
local function counter()
  local c = 0
  return function() c = c + 1; return c end, function() return c end
end
local inc, get = counter()
inc(); inc(); print(get())  -- expect: 2
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())  -- expect: 1	2	3
local gs = {}
local j = 1
while j <= 3 do local k = j; gs[j] = function() k = k + 10; return k end; j = j + 1 end
print(gs[1](), gs[1](), gs[2]())  -- expect: 11	21	12
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(20), fact(21))  -- expect: 2432902008176640000	-4249290049419214848
local function mk(x) return function(y) return function(z) return x + y + z end end end
print(mk(1)(2)(3))  -- expect: 6
do
  local a = 1
  local function f() return a end
  a = 2
  print(f())  -- expect: 2
end
local shared
do local x = 0; shared = {function() x = x + 1 end, function() return x end} end
shared[1](); shared[1](); print(shared[2]())  -- expect: 2
