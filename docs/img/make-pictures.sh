#!/usr/bin/env bash
# Remakes the pictures of docs/profiling.md from examples/game-profile.lua: the flame graph SVG
# (docs/img/flamegraph.svg) and its rendering by headless Chromium (Debian: apt-get install -y chromium), and speedscope's own page
# (npm: npm install --prefix target/node-tools speedscope@1.25.0) showing the speedscope file, and
# one frame's iprof timeline (examples/FrameTimeline.java) in speedscope's Time Order view.
# Run from the repository's root after `mvn -q -o compile`.
set -euo pipefail
out=$(mktemp -d)
run() { (cd examples && java -cp ../target/classes dev.moonstack.cli.Main "$@"); }
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
           --virtual-time-budget=8000 --screenshot="$1" --window-size="$2" "$3" >/dev/null 2>&1; }
run --profile=500us --profile-out ../docs/img/flamegraph.svg game-profile.lua
cp docs/img/flamegraph.svg "$out/game.svg"
run --profile=500us --profile-out "$out/game.speedscope.json" game-profile.lua
height=$(sed -n 's/.*<svg[^>]* height="\([0-9]*\)".*/\1/p' "$out/game.svg" | head -1)
shot docs/img/flamegraph.png "1200,$height" "file://$out/game.svg"
node -e "const fs=require('fs'); const b=fs.readFileSync(process.argv[1]).toString('base64');
  fs.writeFileSync(process.argv[2], 'speedscope.loadFileFromBase64(\"game.speedscope.json\",' + JSON.stringify(b) + ')')" \
  "$out/game.speedscope.json" "$out/profile.js"
shot docs/img/speedscope.png 1200,500 \
  "file://$PWD/target/node-tools/node_modules/speedscope/dist/release/index.html#localProfilePath=$out/profile.js"
java -cp target/classes examples/FrameTimeline.java "$out/frame.speedscope.json" >/dev/null
node -e "const fs=require('fs'); const b=fs.readFileSync(process.argv[1]).toString('base64');
  fs.writeFileSync(process.argv[2], 'speedscope.loadFileFromBase64(\"frame.speedscope.json\",' + JSON.stringify(b) + ')')" \
  "$out/frame.speedscope.json" "$out/frame.js"
shot docs/img/timeline.png 1200,300 \
  "file://$PWD/target/node-tools/node_modules/speedscope/dist/release/index.html#localProfilePath=$out/frame.js"
rm -rf "$out"
