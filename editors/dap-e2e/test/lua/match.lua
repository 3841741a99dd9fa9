local s = string.rep('a', 20000)
print(string.find(s, '.-.-.-b'))
