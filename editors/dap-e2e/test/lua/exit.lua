print(os.getenv('MOON_E2E'), os.getenv('HOME'))
print(pcall(os.exit, 7))
print('not reached')
