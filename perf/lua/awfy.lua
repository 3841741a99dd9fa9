-- One inner iteration of an are-we-fast-yet benchmark per run. The benchmark's name is in
-- arg[1] and the suite's directory in arg[2] (set by the harness that loads this file).
local name, dir = ...
package.path = dir .. "/?.lua;" .. package.path
local bench = require(name:lower())
return function()
  assert(bench:inner_benchmark_loop(1), "benchmark failed with incorrect result")
  return 1
end
