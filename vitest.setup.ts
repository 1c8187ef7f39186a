/** Makes `expect(...).toEqual` use Effect's structural `Equal` for Effect data types. */
import { addEqualityTesters } from "@effect/vitest"

addEqualityTesters()
