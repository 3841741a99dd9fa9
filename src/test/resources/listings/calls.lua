local obj = {}
obj:method(1, 2)
obj.field:method "str"
obj:method { 1, 2 }
local a = obj:method(...)
print(obj:method(), (obj:method()))
print(select("#", ...), ...)
local t = { obj:method() }
local u = { (obj:method()) }
local function v(...) local a, b = ... return ... end
local function w(a, b, ...) return v(a, b, ...) end
local function tc() return obj:method() end
local function notc() return (obj:method()) end
local function many() return 1, 2, obj:method() end
local function tbc() local c <close> = nil return obj:method() end
string.format("%d", 1):rep(3)
;("x"):upper()
return w(v(a))
