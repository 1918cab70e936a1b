/// A declarative description of one Kubernetes protobuf message: which field numbers it has, the JSON name each
/// takes, how each is encoded, and how Go's `encoding/json` writes it.
///
/// The tables (`ProtoMessage+Core.swift` and its siblings) carry facts from Kubernetes: field numbers and names from
/// the `protobuf:"…"` struct tags and `generated.proto` of k8s.io/api and k8s.io/apimachinery v0.36.3, JSON names,
/// `omitempty` and field order from the `json:"…"` tags. Fields are listed in Go struct order, which is the order
/// kube-apiserver writes JSON members in.
struct ProtoMessage: Sendable {
    /// The Go type name, for error messages.
    let name: String
    /// In Go struct order.
    let fields: [ProtoField]
    /// Field number → index into `fields`.
    let indexByNumber: [Int: Int]

    init(_ name: String, _ fields: [ProtoField]) {
        self.name = name
        self.fields = fields
        var indexByNumber: [Int: Int] = [:]
        for (index, field) in fields.enumerated() {
            precondition(indexByNumber.updateValue(index, forKey: field.number) == nil, "\(name): duplicate field")
        }
        self.indexByNumber = indexByNumber
    }
}

/// What a field holds on the wire, and so how its JSON value is made.
enum ProtoValueType: Sendable {
    /// `string` → JSON string.
    case string
    /// `bytes` (Go `[]byte`) → base64 JSON string.
    case bytes
    /// `bool` (varint).
    case bool
    /// `int32` (varint, truncated to 32 bits as Go does).
    case int32
    /// `int64` (varint).
    case int64
    /// A nested message → JSON object.
    case message(ProtoMessage)
    /// `metav1.Time`: Timestamp {1 seconds, 2 nanos} → RFC 3339 to the second; an empty message is the zero time,
    /// written as `null`. Kubernetes drops the nanoseconds of a `Time` read from protobuf.
    case time
    /// `metav1.MicroTime`: the same message → RFC 3339 with six decimals.
    case microTime
    /// `metav1.Duration`: {1 duration (int64 nanoseconds)} → Go duration string (`1m30s`).
    case duration
    /// `resource.Quantity`: {1 string} → the canonical quantity string.
    case quantity
    /// `intstr.IntOrString`: {1 type (0 int, 1 string), 2 intVal, 3 strVal} → JSON number or string.
    case intOrString
    /// `metav1.FieldsV1` / `runtime.RawExtension`: {1 raw bytes} holding JSON, written as that JSON.
    case rawJSON
}

/// How a field sits in its Go struct, which decides when `encoding/json` writes it.
enum ProtoFieldShape: Sendable, Equatable {
    /// A value field without `omitempty` (or any struct, which `omitempty` never drops): always written, with the
    /// zero value (`""`, `0`, `false`, `{}`, `null` for a zero `Time`) when absent from the wire.
    case value
    /// A value field with `omitempty` (or `omitzero`): written unless it is the zero value.
    case omitEmpty
    /// A pointer with `omitempty`: written exactly when present on the wire, even if zero (`replicas: 0`).
    case pointer
    /// A pointer without `omitempty`: `null` when absent.
    case pointerOrNull
    /// A slice with `omitempty`: written when it has elements.
    case repeated
    /// A slice without `omitempty`: `null` when empty, as a nil Go slice.
    case repeatedOrNull
    /// A `map[string]T` with `omitempty`: written when it has entries, keys sorted.
    case map
    /// A map without `omitempty`: `null` when empty.
    case mapOrNull
    /// An embedded struct that protobuf nests as a message but JSON flattens into the parent (`Volume`'s
    /// `VolumeSource`, `Probe`'s `ProbeHandler`).
    case inline
}

struct ProtoField: Sendable {
    let number: Int
    /// The JSON member name; empty for `.inline`.
    let name: String
    let type: ProtoValueType
    let shape: ProtoFieldShape

    var isRepeated: Bool {
        switch shape {
        case .repeated, .repeatedOrNull: true
        default: false
        }
    }

    var isMap: Bool {
        switch shape {
        case .map, .mapOrNull: true
        default: false
        }
    }

    // The table vocabulary, one constructor a shape so each line reads like the Go field it mirrors.

    static func value(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .value)
    }

    static func omitEmpty(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .omitEmpty)
    }

    static func pointer(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .pointer)
    }

    static func pointerOrNull(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .pointerOrNull)
    }

    static func repeated(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .repeated)
    }

    static func repeatedOrNull(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .repeatedOrNull)
    }

    static func map(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .map)
    }

    static func mapOrNull(_ number: Int, _ name: String, _ type: ProtoValueType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, shape: .mapOrNull)
    }

    static func inline(_ number: Int, _ message: ProtoMessage) -> ProtoField {
        ProtoField(number: number, name: "", type: .message(message), shape: .inline)
    }
}
