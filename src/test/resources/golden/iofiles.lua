-- Files used against their mode give C's EBADF result; os.time inverts os.date("*t").
local name = os.tmpname()
local f = assert(io.open(name, "w"))
print(f:read("l"))  -- expect: nil	Bad file descriptor	9
print(f:read("n", "a"))  -- expect: nil	Bad file descriptor	9
print(f:write("one\n", 2, "\n") == f)  -- expect: true
f:close()
local r = assert(io.open(name, "r"))
print(r:write("x"))  -- expect: nil	Bad file descriptor	9
print(r:read("l"), r:read("n"), r:read("a"))
-- expect: one	2	
-- expect: 
r:close()
io.input(name)
print(io.read(), io.read())  -- expect: one	2
print(io.input():write("xuxu"))  -- expect: nil	Bad file descriptor	9
io.input():close()
io.input(io.stdin)
os.remove(name)
for _, t in ipairs({0, 1, 1000, 0x7fffffff, 1795310869, 951782400}) do
  local d, u = os.date("*t", t), os.date("!*t", t)
  print(t, os.time(d) == t, u.month, u.day, u.yday, u.wday)
-- expect: 0	true	1	1	1	5
-- expect: 1	true	1	1	1	5
-- expect: 1000	true	1	1	1	5
-- expect: 2147483647	true	1	19	19	3
-- expect: 1795310869	true	11	22	326	1
-- expect: 951782400	true	2	29	60	3
end
print(os.time({year = 2000, month = 14, day = 1, hour = 0}) == os.time({year = 2001, month = 2, day = 1, hour = 0}))  -- expect: true
