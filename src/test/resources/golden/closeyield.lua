-- __close methods that yield while closing after an error, inside pcall and xpcall.

local function closer(name, f)
  return setmetatable({}, {__close = function(_, err) return f(name, err) end})
end

local co = coroutine.wrap(function()
  local function body(err)
    local z <close> = closer("z", function(n, e) print(n, "got", e); coroutine.yield(n) end)
    local y <close> = closer("y", function(n, e)
      print(n, "got", e)
      coroutine.yield(n)
      if err then error(err + 20) end
    end)
    local x <close> = closer("x", function(n, e) print(n, "got", e); coroutine.yield(n) end)
    if err == 10 then error(err) end
    return "normal"
  end
  coroutine.yield(pcall(body, nil))
  coroutine.yield(pcall(body, 1))
  coroutine.yield(xpcall(body, function(m) return "handled " .. tostring(m) end, 10))
  return "done"
end)
for i = 1, 13 do print(i, co()) end

-- a non-callable __close during error closing, and errors replacing errors
local function nested()
  local a <close> = closer("a", function(n, e) print(n, "got", e); error("from a", 0) end)
  local b <close> = setmetatable({}, {__close = print})
  getmetatable(b).__close = 4
  local c <close> = closer("c", function(n, e) print(n, "got", e); error("from c", 0) end)
  return 1
end
print(pcall(nested))

-- closing after an error in a coroutine that is closed later
local co2 = coroutine.create(function()
  local v <close> = closer("v", function(n, e) print(n, "got", e) end)
  coroutine.yield(1)
  error("never")
end)
print(coroutine.resume(co2))
print(coroutine.close(co2))
print(coroutine.status(co2))

-- yields across pcall with pending closes, checked with isyieldable
local co3 = coroutine.wrap(function()
  return pcall(function()
    local w <close> = closer("w", function(n, e)
      print(n, "yieldable", coroutine.isyieldable(), type(e))
      coroutine.yield("from w")
    end)
    error({code = 7})
  end)
end)
print(co3())
local ok, e = co3()
print(ok, type(e), e.code)
-- expect: x	got	nil
-- expect: 1	x
-- expect: y	got	nil
-- expect: 2	y
-- expect: z	got	nil
-- expect: 3	z
-- expect: 4	true	normal
-- expect: x	got	nil
-- expect: 5	x
-- expect: y	got	nil
-- expect: 6	y
-- expect: z	got	21
-- expect: 7	z
-- expect: 8	false	21
-- expect: x	got	handled 10
-- expect: 9	x
-- expect: y	got	handled 10
-- expect: 10	y
-- expect: z	got	handled 30
-- expect: 11	z
-- expect: 12	false	handled 30
-- expect: 13	done
-- expect: c	got	nil
-- expect: a	got	attempt to call a number value
-- expect: false	from a
-- expect: true	1
-- expect: v	got	nil
-- expect: true
-- expect: dead
-- expect: w	yieldable	true	table
-- expect: from w
-- expect: false	table	7
