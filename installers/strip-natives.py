#!/usr/bin/env python3
"""Rewrites a jar without the native libraries of other platforms.

    strip-natives.py IN.jar OUT.jar

Keeps every entry except native libraries (and their debug symbols) under a platform folder
other than Linux x86-64: ONNX Runtime ships macOS, Windows and ARM builds in one jar, sqlite-jdbc
and JNA a dozen platforms each, pytorch-jni CUDA and other systems. Entries keep their order,
timestamps and compression.
"""
import re
import sys
import zipfile

NATIVE = re.compile(r"\.(so(\.\d+)*|dll|dylib|jnilib|pdb|lib)$|\.dSYM/")
# The folder names each library uses for Linux x86-64.
KEEP = re.compile(r"(^|/)(linux-x64|linux-x86-64|linux-x86_64|Linux/x86_64)(/|$)")


def keep(name):
    if not NATIVE.search(name):
        return True
    if "/cu" in name and re.search(r"/cu\d+/", name):  # CUDA builds: this package is CPU only
        return False
    return bool(KEEP.search(name)) or "/" not in name.rstrip("/")


def main(src, dst):
    dropped = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if keep(item.filename):
                zout.writestr(item, zin.read(item.filename))
            else:
                dropped += 1
    return dropped


if __name__ == "__main__":
    n = main(sys.argv[1], sys.argv[2])
    print(f"{sys.argv[1].rsplit('/', 1)[-1]}: dropped {n} entries of other platforms", file=sys.stderr)
