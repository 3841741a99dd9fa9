-- os.remove, os.rename and io.open fail with C's message and errno (Lua: luaL_fileresult):
-- os.remove names the file, os.rename does not; rename is rename(2), never a copy or a replace
-- of a directory. Paths are shown relative to a fresh directory D.
local D = os.tmpname()
os.remove(D)
assert(os.execute("mkdir -p '" .. D .. "/dir/sub' && echo x > '" .. D .. "/file' && echo y > '" .. D .. "/other'"))
local function shown(...)
  local t = table.pack(...)
  for i = 1, t.n do
    if type(t[i]) == "string" then t[i] = t[i]:gsub(D, "D", 1, true) end
    t[i] = tostring(t[i])
  end
  return table.concat(t, "\t", 1, t.n)
end
print(shown(os.remove(D .. "/missing")))  -- expect: nil	D/missing: No such file or directory	2
print(shown(os.remove(D .. "/dir")))  -- expect: nil	D/dir: Directory not empty	39
print(shown(os.remove(D .. "/file/x")))  -- expect: nil	D/file/x: Not a directory	20
print(shown(os.remove("")))  -- expect: nil	: No such file or directory	2
print(shown(os.rename(D .. "/missing", D .. "/new")))  -- expect: nil	No such file or directory	2
print(shown(os.rename(D .. "/file", D .. "/dir")))  -- expect: nil	Is a directory	21
print(shown(os.rename(D .. "/dir", D .. "/file")))  -- expect: nil	Not a directory	20
print(shown(os.rename(D .. "/dir", D .. "/dir/sub/deeper")))  -- expect: nil	Invalid argument	22
print(shown(os.rename(D .. "/file/x", D .. "/y")))  -- expect: nil	Not a directory	20
print(shown(os.rename("", D .. "/y")))  -- expect: nil	No such file or directory	2
print(shown(io.open(D .. "/dir", "w")))  -- expect: nil	D/dir: Is a directory	21
print(shown(io.open(D .. "/missing/f")))  -- expect: nil	D/missing/f: No such file or directory	2
print(shown(io.open(D .. "/file/x")))  -- expect: nil	D/file/x: Not a directory	20
print(shown(io.open(D .. "/" .. string.rep("n", 300))))  -- expect: nil	D/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn: File name too long	36
print(shown(io.open("")))  -- expect: nil	: No such file or directory	2
print(shown(pcall(io.lines(D .. "/dir"))))  -- expect: false	Is a directory
print(shown(io.open(D .. "/dir"):read(1)))  -- expect: nil	Is a directory	21
print(shown(io.open(D .. "/dir"):read("a")))  -- expect: nil	Is a directory	21
print(shown(io.open(D .. "/dir"):read("l")))  -- expect: nil	Is a directory	21
print(shown(pcall(io.lines, D .. "/missing")))  -- expect: false	cannot open file 'D/missing' (No such file or directory)
-- a name is a C string: it ends at its first zero byte; a final '/' asks for a directory
print(shown(os.remove(D .. "/missing\0tail")))  -- expect: nil	D/missing: No such file or directory	2
print(shown(io.open(D .. "/file\0tail"):read("a")))
-- expect: x
-- expect: 
print(shown(io.open(D .. "/new/", "w")))  -- expect: nil	D/new/: Is a directory	21
print(shown(io.open(D .. "/file/")))  -- expect: nil	D/file/: Not a directory	20
print(shown(os.rename(D .. "/file/", D .. "/y")))  -- expect: nil	Not a directory	20
print(shown(loadfile(D .. "/dir")))  -- expect: nil	cannot read D/dir: Is a directory
print(shown(loadfile(D .. "/missing\0x")))  -- expect: nil	cannot open D/missing: No such file or directory
-- the directory and the file are where they were, and a rename over a file replaces it
print(shown(io.open(D .. "/file"):read("a")))
-- expect: x
-- expect: 
print(shown(os.rename(D .. "/other", D .. "/file")))  -- expect: true
print(shown(io.open(D .. "/file"):read("a")))
-- expect: y
-- expect: 
print(shown(os.remove(D .. "/dir/sub"), os.remove(D .. "/dir"), os.remove(D .. "/file"), os.remove(D)))  -- expect: true	true	true	true
