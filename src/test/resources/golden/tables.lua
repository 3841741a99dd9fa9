-- Tables: constructors, length, next/pairs order stability, integer/float keys, errors.
local t = {1, 2, 3, nil, 5}
print(#t, t[5], select('#', table.unpack(t)))  -- expect: 5	5	5
local u = {10, 20, 30, x = 1, ["y"] = 2, [3.0] = 33, [2^53] = "big"}
print(u[3], u.x, u.y, u[2^53], u[9007199254740992])  -- expect: 30	1	2	big	big
u[1.0] = "one"; print(u[1], #u)  -- expect: one	3
local keys = {}
for k, v in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k end
table.sort(keys); print(table.concat(keys, ","))  -- expect: a,b,c
local s = {}
for i = 1, 100 do s[i] = i * i end
print(#s, s[100], s[101])  -- expect: 100	10000	nil
for i = 1, 100, 2 do s[i] = nil end
local n = 0
for k, v in pairs(s) do n = n + 1; s[k] = v + 1 end   -- assigning existing keys while iterating
print(n, s[2], s[100])  -- expect: 50	5	10001
print(pcall(function() local x = {}; x[nil] = 1 end))  -- expect: false	tables.lua:17: table index is nil
print(pcall(function() local x = {}; x[0/0] = 1 end))  -- expect: false	tables.lua:18: table index is NaN
print(rawlen({1, 2}), rawlen("abc"), rawequal(t, t), rawequal({}, {}), rawget(u, "x"))  -- expect: 2	3	true	false	1
print(next({}), next({5}), type(next))  -- expect: nil	1	function
local q = {}
for i = 1, 10 do table.insert(q, i) end
table.insert(q, 1, 0); print(#q, q[1], q[11], table.remove(q), table.remove(q, 1), #q)  -- expect: 11	0	10	10	0	9
print(table.concat({1, 2, "a", 3.5}, "-"), table.concat({}, "x"), table.concat({1, 2, 3}, ", ", 2, 3))  -- expect: 1-2-a-3.5		2, 3
print(pcall(table.concat, {1, {}, 3}))  -- expect: false	invalid value (table) at index 2 in table for 'concat'
local p = table.pack(1, nil, 3); print(p.n, p[1], p[2], p[3])  -- expect: 3	1	nil	3
print(table.unpack({1, 2, 3}, 2), table.unpack({1, 2, 3}, -1, 1))  -- expect: 2	nil	nil	1
local m = table.move({1, 2, 3, 4, 5}, 2, 4, 1); print(table.concat(m, ","))  -- expect: 2,3,4,4,5
local big = {}
for i = 1, 1000 do big[#big + 1] = i end
print(#big, big[500])  -- expect: 1000	500
local sorted = {5, 2, 8, 1, 9, 3}
table.sort(sorted); print(table.concat(sorted, " "))  -- expect: 1 2 3 5 8 9
table.sort(sorted, function(a, b) return a > b end); print(table.concat(sorted, " "))  -- expect: 9 8 5 3 2 1
print(pcall(table.sort, {3, 1, 2}, function(a, b) return true end))  -- expect: true
