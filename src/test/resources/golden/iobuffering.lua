-- Files buffer as C's stdio does: what a second handle sees of a file being written, by
-- setvbuf mode; an unreachable file is flushed and closed by its collection; io.popen reads,
-- writes, iterates and closes with os.execute's results.
local name = os.tmpname()
local function contents()
  local g = assert(io.open(name, "rb"))
  local s = g:read("a")
  g:close()
  return (s:gsub("\n", "|"))
end

local f = assert(io.open(name, "w"))
print(f:write("a\nb") == f, contents())  -- expect: true	
print(f:setvbuf("line", 2))  -- expect: true
f:write("c\nd")
print(contents())  -- expect: a|bc|
print(f:flush(), contents())  -- expect: true	a|bc|d
print(f:setvbuf("no"), contents())  -- expect: true	a|bc|d
f:write("h")
print(contents())  -- expect: a|bc|dh
print(f:close(), contents())  -- expect: true	a|bc|dh
print(pcall(f.setvbuf, f, "no"))  -- expect: false	attempt to use a closed file
print(pcall(function() return io.stdout:setvbuf("some") end))  -- expect: false	iobuffering.lua:23: bad argument #1 to 'setvbuf' (invalid option 'some')
print(pcall(function() return io.stdout:setvbuf("full", "x") end))  -- expect: false	iobuffering.lua:24: bad argument #2 to 'setvbuf' (number expected, got string)

local full = assert(io.open(name, "w"))
full:write("e\nf")
print(contents())  -- expect: 
print(full:setvbuf("line"), contents())  -- expect: true	
full:write("g\nh")
print(contents())  -- expect: e|fg|
full:close()

do
  local g = assert(io.open(name, "w"))
  g:write("collected")
end
collectgarbage()
collectgarbage()
print(contents())  -- expect: collected

local p = io.popen("echo one; echo two; echo three")
print(io.type(p), p:read("l"))  -- expect: file	one
for l in p:lines() do print(l) end
-- expect: two
-- expect: three
print(p:close())  -- expect: true	exit	0
print(p, io.type(p))  -- expect: file (closed)	closed file
print(io.popen("exit 3"):close())  -- expect: nil	exit	3
print(io.popen("echo ignored >/dev/null"):read("a"))  -- expect: 

p = io.popen("cat > " .. name, "w")
print(p:write("piped", 1, "\n") == p, p:read("l"))  -- expect: true	nil	Bad file descriptor	9
print(p:seek())  -- expect: nil	Illegal seek	29
print(p:close())  -- expect: true	exit	0
print(contents())  -- expect: piped1|
print(pcall(io.popen, "true", "rw"))  -- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen, "true", ""))  -- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen))  -- expect: false	bad argument #1 to 'io.popen' (string expected, got no value)

do
  local q = io.popen("cat > " .. name, "w")
  q:write("pipe collected")
end
collectgarbage()
collectgarbage()
print(contents())  -- expect: pipe collected
os.remove(name)
