local function fail(msg)
  error(msg)
end
local ok, err = pcall(fail, "caught one")
print(ok, err)
local t = nil
print(t.field)
