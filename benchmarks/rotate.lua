-- wrk script: each thread walks the list of paths in its file (one per line, first argument),
-- starting at a different place. With a second argument N > 0, each thread stops after N responses
-- (for "after N requests" measures).
local paths = {}
local position = 0
local limit = 0
local responses = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  position = math.random(#paths) - 1
  limit = tonumber(args[2] or "0") or 0
  if limit > 0 then
    -- Defined only when a limit is asked for: wrk hands every response to Lua as soon as a
    -- response() exists (it checks after init), which slows the fast measures down.
    response = function(status, headers, body)
      responses = responses + 1
      if responses >= limit then wrk.thread:stop() end
    end
  end
end

function request()
  position = position % #paths + 1
  return wrk.format(nil, paths[position])
end
