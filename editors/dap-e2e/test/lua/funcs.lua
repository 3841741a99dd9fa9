local mod = {}
function mod.f(x)
  return x * 2
end
local obj = {}
function obj:m(y)
  return y + 1
end
function g(z)
  return mod.f(z) + obj:m(z)
end
_G.mod, _G.obj = mod, obj
print(g(1))
print(mod.f(5), obj:m(5))
