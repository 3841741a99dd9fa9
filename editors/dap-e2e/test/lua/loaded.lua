local f = load("local x = 41\nx = x + 1\nreturn x", "=generated")
print(f())
