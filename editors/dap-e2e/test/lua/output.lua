print("hello", 1, 2.0)
io.write("no newline")
io.write(" then one\n")
io.stderr:write("to stderr\n")
