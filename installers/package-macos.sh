#!/usr/bin/env bash
# Builds Netloom Studio as a macOS .dmg with jpackage. Run it ON A MAC (Apple silicon) with JDK 17
# and Maven: jpackage only builds a platform's own package, so this script cannot run on Linux.
# Maven picks macOS's JavaFX and libtorch (profile macos-arm64 in the parent pom).
#
#   installers/package-macos.sh [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(dirname "$here")"
out="$(mkdir -p "${1:-$here/target}" && cd "${1:-$here/target}" && pwd)"
version="$(sed -n 's:.*<version>\([0-9][0-9.]*\).*</version>.*:\1:p' "$root/pom.xml" | sed -n 1p)"
(cd "$root" && mvn -q -B -DskipTests package -pl app -am)
stage="$out/stage"; rm -rf "$stage"; mkdir -p "$stage/input/lib"
cp "$root/app/target/netloom-app.jar" "$stage/input/"
cp "$root"/app/target/lib/*.jar "$stage/input/lib/"
modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$stage/input/lib/*" \
  "$stage/input/netloom-app.jar"),jdk.crypto.ec,java.naming,java.logging,jdk.zipfs"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$stage/runtime"
# An .icns icon: sips and iconutil turn resources/netloom.png into one.
mkdir -p "$stage/netloom.iconset"
for s in 16 32 128 256; do sips -z $s $s "$here/resources/netloom.png" --out "$stage/netloom.iconset/icon_${s}x${s}.png" >/dev/null; done
iconutil -c icns "$stage/netloom.iconset" -o "$stage/netloom.icns"
jpackage --type dmg --name "Netloom Studio" --app-version "$version" --vendor "Netloom Studio" \
  --input "$stage/input" --main-jar netloom-app.jar --main-class dev.netloom.app.Main --runtime-image "$stage/runtime" \
  --icon "$stage/netloom.icns" --mac-package-identifier dev.netloom.studio \
  --java-options "-Dfile.encoding=UTF-8" --java-options "-Dai.djl.offline=true" --dest "$out"
ls -lh "$out"/*.dmg
