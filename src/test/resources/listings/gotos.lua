-- goto, labels, break and to-be-closed variables
local function f(n)
  local i = 0
  ::top::
  i = i + 1
  if i < n then goto top end
  do
    local x <close> = nil
    local g = function() return x end
    if n > 2 then goto out end
    while true do
      local y = i
      local h = function() return y end
      if y > 3 then break end
      i = i + 1
    end
  end
  ::out::
  for k = 1, n do
    local z = k
    local c = function() return z end
    if k == 2 then goto continue end
    if k == 5 then break end
    ::continue::
  end
  repeat
    local w = i
    local d = function() return w end
    if w then goto done end
  until w > 10
  ::done::
  return i
end
for _, v in ipairs({}) do if v then break end end
while f do if f(1) then break; end end
return f(5)
