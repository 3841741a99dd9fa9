local count = 0
local function tick()
  count = count + 1
  return count
end
while true do
  tick()
end
