-- wrk script: each thread walks the list of paths in its file (one per line), starting at a
-- different place.
local paths = {}
local position = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  position = math.random(#paths) - 1
end

function request()
  position = position % #paths + 1
  return wrk.format(nil, paths[position])
end
