#!/usr/bin/env bash
# Proves the published shape works: builds and packs every package, installs the tarballs into a fresh npm
# project outside the workspace, type-checks a program against their .d.ts and runs it against the packed
# simulator. Needs the npm registry (for effect and @effect/*).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
pnpm build
for package in packages/*/; do
  (cd "$package" && pnpm pack --pack-destination "$work/packs" >/dev/null)
done

mkdir -p "$work/consumer" && cd "$work/consumer"
echo '{ "name": "consumer", "private": true, "type": "module" }' > package.json
npm install --no-fund --no-audit --loglevel=error "$work"/packs/*.tgz \
  effect@3.22.4 @effect/platform@0.97.2 @effect/platform-node@0.108.2 typescript@5.9.3 @types/node@20
cat > main.ts <<'TS'
import { AmsConfig, AmsHttp } from "@ams-effect/core"
import * as AmsError from "@ams-effect/core/AmsError"
import { DemoData, Simulator } from "@ams-effect/simulator"
import { V1Client } from "@ams-effect/v1"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer, Redacted } from "effect"

const Config = Layer.unwrapEffect(Effect.map(Simulator.Simulator, (simulator) =>
  AmsConfig.layer({
    url: simulator.siteUrl,
    username: DemoData.coach.username,
    password: Redacted.make(DemoData.coach.password)
  })))
const Live = V1Client.layer.pipe(
  Layer.provide(AmsHttp.layerWithSession),
  Layer.provide(Config),
  Layer.provide(Simulator.layer()),
  Layer.provide(NodeHttpClient.layerUndici)
)
const program = Effect.gen(function*() {
  const v1 = yield* V1Client.V1Client
  const groups = yield* v1.listGroups
  const denied = yield* Effect.flip(v1.groupMembers("Staff"))
  if (groups.length === 0 || !AmsError.isAmsError(denied) || denied._tag !== "AccessDenied") {
    throw new Error("unexpected result")
  }
  console.log(`pack-check: ${groups.length} groups, ${denied._tag} for Staff`)
})
Effect.runPromise(program.pipe(Effect.provide(Live)))
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "exactOptionalPropertyTypes": true, "module": "NodeNext",
  "moduleResolution": "NodeNext", "target": "ES2022", "types": ["node"], "skipLibCheck": true, "outDir": "out" } }
JSON
npx tsc -p .
node out/main.js
node -e 'import("@ams-effect/v1/internal/answer").then(() => { console.error("internal modules are exported"); process.exit(1) }, () => {})'
echo "pack-check: ok"
