// HollowModel: the values Hollow's API server, store, client and controllers share. No I/O, no dependencies.
//
// How this target is organised:
//
// - `JSON/`        The `JSON` value (ordered objects, exact `Int64` integers), its parser (depth-limited, byte
//                  offsets in errors) and its compact serializer. Every object the server reads, patches and stores
//                  is one of these.
// - `Status/`      `APIError`, which mirrors `metav1.Status` (code, reason, message, details) with apimachinery's
//                  factories, and `FieldError`, which renders `field.Error` messages for 422 Invalid responses.
// - `Selectors/`   `LabelSelector` (the full set-based string syntax, `metav1.LabelSelector` JSON, canonical string
//                  output for `status.selector`) and `FieldSelector` (`a=b`, `a!=b`, escaping, field names so the
//                  server can refuse unsupported ones). Both throw `SelectorError` with kube-apiserver's messages.
// - `Patch/`       RFC 7386 JSON merge patch (apply and create), RFC 6902 JSON patch with RFC 6901 pointers
//                  (following gopkg.in/evanphx/json-patch.v4, which kube-apiserver uses, message for message), and
//                  strategic merge patch with its directives, driven by `PatchMeta` read from OpenAPI schemas.
// - `ServerSideApply/` Field sets in the `fieldsV1` encoding, `managedFields` entries, and structured-merge-diff's
//                  apply and update semantics (ownership, conflicts, removal of dropped fields).
// - `Protobuf/`    A bounded protobuf wire reader and field tables for the built-in kinds kubectl sends as
//                  `application/vnd.kubernetes.protobuf`, decoded to the same JSON kube-apiserver would produce.
// - `Validation/`  apimachinery's name checks (`isDNS1123Subdomain`, `isQualifiedName`, `isValidLabelValue`, …) with
//                  their exact messages, and `validateObjectMeta` for create-time metadata validation.
// - `Meta/`        Small wire formats of `metav1`: `Timestamp` (RFC 3339 `Time` and `MicroTime`), `UID`,
//                  `NameGenerator` (`generateName`), `Quantity` (`resource.Quantity`), and Go's `ParseBool` and
//                  `time.Duration` syntax (`GoDuration`, `parseGoBool`) for query parameters and `metav1.Duration`.
