/**
 * Athletes as API v3 `GET group-athletes/{id}` lists them: `[{"id", "firstName", "lastName", "username"}]`. The
 * spec does not show the success shape; this is the shape the simulator documents, decoded leniently (a missing
 * or `null` name is `""`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const text = Schema.optionalWith(Schema.String, { nullable: true, default: () => "" })

/**
 * A member of a group.
 *
 * @since 0.1.0
 * @category models
 */
export class Athlete extends Schema.Class<Athlete>("@ams-effect/v3/Athlete")({
  id: Schema.Number,
  firstName: text,
  lastName: text,
  username: text
}) {
  /**
   * "First Last", without the gaps of a missing part.
   *
   * @since 0.1.0
   */
  get fullName(): string {
    return [this.firstName, this.lastName].filter((part) => part !== "").join(" ")
  }
}
