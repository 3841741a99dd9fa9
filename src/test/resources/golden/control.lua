-- Control flow: if/elseif, while, repeat with locals, numeric and generic for, goto, break.
for i = 1, 3 do io.write(i, " ") end print()  -- expect: 1 2 3 
for i = 3, 1, -1 do io.write(i, " ") end print()  -- expect: 3 2 1 
for i = 1, 0 do print("never") end
for i = 1.0, 2.0, 0.5 do io.write(i, " ") end print()  -- expect: 1.0 1.5 2.0 
for i = math.maxinteger - 2, math.maxinteger do io.write(i, " ") end print()  -- expect: 9223372036854775805 9223372036854775806 9223372036854775807 
for i = math.mininteger, math.mininteger + 2 do io.write(i, " ") end print()  -- expect: -9223372036854775808 -9223372036854775807 -9223372036854775806 
for i = 1, 3.5 do io.write(i, " ") end print()  -- expect: 1 2 3 
for i = 5, 1, -2.5 do io.write(i, " ") end print()  -- expect: 5.0 2.5 
print(pcall(function() for i = 1, 10, 0 do end end))  -- expect: false	control.lua:10: 'for' step is zero
print(pcall(function() for i = "a", 2 do end end))  -- expect: false	control.lua:11: bad 'for' initial value (number expected, got string)
print(pcall(function() for i = 1, {} do end end))  -- expect: false	control.lua:12: bad 'for' limit (number expected, got table)
local i = 0
repeat local j = i; i = i + 1 until j >= 3
print(i)  -- expect: 4
local n = 0
while true do n = n + 1; if n > 5 then break end end
print(n)  -- expect: 6
for k, v in ipairs({"a", "b", nil, "d"}) do io.write(k, v, " ") end print()  -- expect: 1a 2b 
local function iter(s, c) if c < s then return c + 1, c * c end end
for a, b in iter, 4, 0 do io.write(a, ":", b, " ") end print()  -- expect: 1:0 2:1 3:4 4:9 
do
  local k = 1
  ::top::
  if k < 4 then io.write("k", k, " "); k = k + 1; goto top end
  print()  -- expect: k1 k2 k3 
end
for x = 1, 3 do
  for y = 1, 3 do
    if y == 2 then goto continue end
    io.write(x, y, " ")
    ::continue::
  end
end
print()  -- expect: 11 13 21 23 31 33 
local r = {}
for x = 1, 5 do if x % 2 == 0 then goto skip end; r[#r + 1] = x; ::skip:: end
print(table.concat(r, ","))  -- expect: 1,3,5
local v = 5
if v < 3 then print("small") elseif v < 10 then print("medium") else print("large") end  -- expect: medium
print(v > 3 and "yes" or "no", nil and 1, false or nil, 1 and nil, nil or false)  -- expect: yes	nil	nil	nil	false
