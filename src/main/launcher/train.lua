-- The training run behind target/moonstack.jsa (pom.xml, cli-cds-archive): touches the
-- libraries a script usually reaches, so that their classes are in the archive.
local t = {}
for i = 1, 200 do t[i] = string.format("%d:%5.2f:%s", i, i / 3, ("x"):rep(i % 7)) end
table.sort(t, function(a, b) return #a < #b end)
local s = table.concat(t, ",")
assert(s:find("(%d+):") and s:gsub("x+", "y") and utf8.len("héllo") == 5)
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
assert(co(1) == 2 and co(3) == 6)
assert(not pcall(error, setmetatable({}, {__tostring = function() return "e" end})))
assert(select("#", load("return 1, 2")()) == 2 and math.floor(3.7) == 3 and os.time() > 0)
local n = os.tmpname() local f = io.open(n, "w") f:write("x") f:close() os.remove(n)
io.write("")
