local log = {}
local mt = {__close = function(o, e)
  log[#log + 1] = "closed " .. o.name
end}
do
  local res <close> = setmetatable({name = "r"}, mt)
  log[#log + 1] = "body"
end
local n = 0
::top::
n = n + 1
if n < 3 then goto top end
print(table.concat(log, ","), n)
