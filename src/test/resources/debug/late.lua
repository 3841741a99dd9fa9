local src = "local t = {}\nfor i = 1, 3 do\n  t[i] = i * i\nend\nreturn t"
local f = load(src, "@loaded.lua")
local t = f()
local msg = "hi"
local v = 1.5
print(#t, msg, v)
