-- A toy game loop for the profiling pictures (docs/img/make-pictures.sh): physics, AI with
-- table.sort, rendering with string work. Run with the argument "lib", it returns frame(dt)
-- instead of looping (examples/FrameTimeline.java calls it from Java).
local entities = {}
for i = 1, 400 do entities[i] = {x = i, y = i * 2, vx = 1, vy = -1, hp = i % 17} end

local function integrate(e, dt)
  e.x = e.x + e.vx * dt
  e.y = e.y + e.vy * dt
end

local function physics(dt)
  for _, e in ipairs(entities) do integrate(e, dt) end
end

local function byThreat(a, b) return a.hp * a.x < b.hp * b.x end

local function think()
  local targets = {}
  for i, e in ipairs(entities) do targets[i] = e end
  table.sort(targets, byThreat)
  return targets[1]
end

local function drawEntity(e)
  return string.format("%d,%d", e.x // 1, e.y // 1)
end

local function render()
  local parts = {}
  for i, e in ipairs(entities) do parts[i] = drawEntity(e) end
  return table.concat(parts, ";")
end

local function frame(dt)
  physics(dt)
  think()
  return #render()
end

if ... == "lib" then return frame end

local t = os.clock()
local frames = 0
while os.clock() - t < 2 do frame(1 / 60); frames = frames + 1 end
print(frames .. " frames")
