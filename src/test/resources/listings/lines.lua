-- line information across multi-line constructs
local t =
{
  a,
  b
  ,
  c = d
  ;
  [e]
  =
  f,
  g()
}
local x = a
  + b
  * c
  ..
  d
  .. e
local y = not
  a
  or
  b
  and
  c
print(
  a,
  b
)(
  c
)
obj
  :method
  (1)
  .field
  [
    2
  ]
  = 3
local function f(
  p,
  ...
)
  return
    ...
end
local g = function(...) return
  f(...)
end
return x,
  y,
  -
  x
