#!/usr/bin/env bash
# Builds Sessions as one self-contained file per platform, for a facilitator who has no .NET: the file alone runs
# the app (README, "Run a workshop from a laptop").
#
#   scripts/package.sh                      linux-x64, win-x64 and osx-arm64
#   scripts/package.sh linux-x64 ...        only these runtime identifiers
#
# Writes artifacts/sessions-<rid>[.exe] and artifacts/SHA256SUMS (check with: cd artifacts && sha256sum -c SHA256SUMS).
# Each file is `dotnet publish -c Release -r <rid> -p:PublishSingleFile=true` (Sessions.App/SingleFile.targets says
# what goes inside), the same publish the single-file tests run and the Dockerfile ships.
set -euo pipefail
cd "$(dirname "$0")/.."

rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
    rids=(linux-x64 win-x64 osx-arm64)
fi

mkdir -p artifacts
for rid in "${rids[@]}"; do
    out="artifacts/publish/$rid"
    rm -rf "$out"
    echo "== $rid" >&2
    start=$(date +%s)
    dotnet publish Sessions.App -c Release -r "$rid" -p:PublishSingleFile=true -o "$out" -nologo >&2
    ext=""
    case "$rid" in win-*) ext=".exe" ;; esac
    cp "$out/Sessions.App$ext" "artifacts/sessions-$rid$ext"
    chmod +x "artifacts/sessions-$rid$ext"
    echo "   artifacts/sessions-$rid$ext: $(stat -c %s "artifacts/sessions-$rid$ext") bytes in $(( $(date +%s) - start )) s" >&2
done
rm -rf artifacts/publish

# One checksum line per file there is (an earlier run's other platforms included).
(cd artifacts && sha256sum sessions-* > SHA256SUMS && cat SHA256SUMS)
