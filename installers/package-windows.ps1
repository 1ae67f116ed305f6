# Builds Netloom Studio as a Windows .msi with jpackage. Run it ON WINDOWS with JDK 17, Maven and
# the WiX Toolset 3 on the PATH (jpackage needs candle.exe and light.exe): jpackage only builds a
# platform's own package. Maven picks Windows' JavaFX and libtorch (profile windows-x64).
#
#   powershell -File installers\package-windows.ps1 [-Out DIR]
param([string]$Out = "$PSScriptRoot\target")
$ErrorActionPreference = "Stop"
$root = Split-Path $PSScriptRoot -Parent
$version = (Select-String -Path "$root\pom.xml" -Pattern '<version>([0-9][0-9.]*)' | Select-Object -First 1).Matches[0].Groups[1].Value
Push-Location $root; mvn -q -B -DskipTests package -pl app -am; Pop-Location
$stage = "$Out\stage"; Remove-Item -Recurse -Force $stage -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$stage\input\lib" | Out-Null
Copy-Item "$root\app\target\netloom-app.jar" "$stage\input\"
Copy-Item "$root\app\target\lib\*.jar" "$stage\input\lib\"
$modules = (jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$stage\input\lib\*" "$stage\input\netloom-app.jar") + ",jdk.crypto.ec,java.naming,java.logging,jdk.zipfs"
jlink --add-modules $modules --strip-debug --no-man-pages --no-header-files --compress=2 --output "$stage\runtime"
# jpackage wants an .ico on Windows: convert resources\netloom.png once (any converter) and keep it next to it.
jpackage --type msi --name "Netloom Studio" --app-version $version --vendor "Netloom Studio" `
  --input "$stage\input" --main-jar netloom-app.jar --main-class dev.netloom.app.Main --runtime-image "$stage\runtime" `
  --win-menu --win-shortcut --win-dir-chooser --win-console `
  --java-options "-Dfile.encoding=UTF-8" --java-options "-Dai.djl.offline=true" --dest $Out
Get-ChildItem "$Out\*.msi"
