import Testing

@testable import HollowModel

/// structured-merge-diff's test fixture (`internal/fixture`): a sequence of applies and updates by named managers
/// against one live object, then the expected object and owned fields. Runs `FieldOwnership` directly, without
/// the apiserver's field manager around it.
struct OwnershipCase: Sendable, CustomTestStringConvertible {
    enum Operation: Sendable {
        /// An apply that must fail with exactly `conflicts` (manager, path) when any are given.
        case apply(String, String, conflicts: [ExpectedConflict] = [])
        case forceApply(String, String)
        case update(String, String)
    }

    struct ExpectedConflict: Sendable, Equatable {
        var manager: String
        var path: FieldPath
        init(_ manager: String, _ path: FieldPath) {
            self.manager = manager
            self.path = path
        }
    }

    var name: String
    var operations: [Operation]
    /// The live object at the end; `nil` skips the check.
    var object: String?
    /// Each manager's fields at the end; `nil` skips the check.
    var managed: [String: [FieldPath]]?

    init(_ name: String, _ operations: [Operation], object: String? = nil, managed: [String: [FieldPath]]? = nil) {
        self.name = name
        self.operations = operations
        self.object = object
        self.managed = managed
    }

    var testDescription: String { name }

    func run(schema: any ApplySchema, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ownership = FieldOwnership<String>(schema: schema)
        var live: JSON = .object([:])
        var owners: [String: VersionedFieldSet] = [:]
        func apply(_ manager: String, _ text: String, force: Bool, expected: [ExpectedConflict]) throws {
            let result = try ownership.apply(
                live: live, config: try JSON(parsing: text), apiVersion: "v1", owners: owners, manager: manager,
                force: force)
            switch result {
            case .conflicts(let conflicts):
                let found = conflicts.sorted { $0.key < $1.key }.flatMap { manager, set in
                    set.paths.map { ExpectedConflict(manager, $0) }
                }
                #expect(found == expected, "\(name): unexpected conflicts", sourceLocation: sourceLocation)
            case .success(let (object, newOwners)):
                #expect(expected.isEmpty, "\(name): expected conflicts \(expected)", sourceLocation: sourceLocation)
                live = object ?? live
                owners = newOwners
            }
        }
        for operation in operations {
            switch operation {
            case .apply(let manager, let text, let expected):
                try apply(manager, text, force: false, expected: expected)
            case .forceApply(let manager, let text):
                try apply(manager, text, force: true, expected: [])
            case .update(let manager, let text):
                let new = try JSON(parsing: text)
                owners = try ownership.recordUpdate(
                    live: live, new: new, apiVersion: "v1", owners: owners, manager: manager)
                live = new
            }
        }
        if let object {
            let expected = normalized(try JSON(parsing: object))
            #expect(
                normalized(live).isEquivalent(to: expected), "\(name): \(live.serializedString)",
                sourceLocation: sourceLocation)
        }
        if let managed {
            let actual = owners.mapValues(\.set)
            let expected = managed.mapValues { FieldSet($0) }
            #expect(
                actual == expected, "\(name): \(actual.mapValues(\.fieldsV1.serializedString))",
                sourceLocation: sourceLocation)
        }
    }

    /// structured-merge-diff leaves an emptied object null; the fixtures write it as nothing.
    private func normalized(_ value: JSON) -> JSON { value.isNull ? .object([:]) : value }
}

/// Schemas of structured-merge-diff's tests, written as OpenAPI.
enum OwnershipSchemas {
    static func schema(_ root: JSON, _ components: [String: JSON] = [:]) -> OpenAPIApplySchema {
        OpenAPIApplySchema(root: root, components: components)
    }

    static func ref(_ name: String) -> JSON { ["$ref": .string("#/components/schemas/\(name)")] }

    static let leafFields = schema([
        "type": "object",
        "properties": ["numeric": ["type": "number"], "string": ["type": "string"], "bool": ["type": "boolean"]],
    ])

    static let sets = schema([
        "type": "object",
        "properties": ["list": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"]],
    ])

    static let associativeList = schema([
        "type": "object",
        "properties": [
            "list": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                "items": ["type": "object", "properties": ["name": ["type": "string"], "value": ["type": "number"]]],
            ]
        ],
    ])

    /// `nestedTypeParser`: lists of lists and maps, maps of lists and maps, a recursive map, a struct.
    static let nested = schema(
        [
            "type": "object",
            "properties": [
                "listOfLists": ref("listOfLists"), "listOfMaps": ref("listOfMaps"), "mapOfLists": ref("mapOfLists"),
                "mapOfMaps": ref("mapOfMaps"), "mapOfMapsRecursive": ref("mapOfMapsRecursive"), "struct": ref("struct"),
            ],
        ],
        [
            "struct": ["type": "object", "properties": ["name": ["type": "string"], "value": ["type": "number"]]],
            "listOfLists": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                "items": ["type": "object", "properties": ["name": ["type": "string"], "value": ref("list")]],
            ],
            "list": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"],
            "listOfMaps": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                "items": ["type": "object", "properties": ["name": ["type": "string"], "value": ref("map")]],
            ],
            "map": ["type": "object", "additionalProperties": ["type": "string"]],
            "mapOfLists": ["type": "object", "additionalProperties": ref("list")],
            "mapOfMaps": ["type": "object", "additionalProperties": ref("map")],
            "mapOfMapsRecursive": ["type": "object", "additionalProperties": ref("mapOfMapsRecursive")],
        ])

    /// `duplicatesParser`: an associative list, a set of numbers, and an unrelated scalar.
    static let duplicates = schema([
        "type": "object",
        "properties": [
            "list": [
                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                "items": [
                    "type": "object",
                    "properties": [
                        "name": ["type": "string"], "value1": ["type": "number"], "value2": ["type": "number"],
                    ],
                ],
            ],
            "unrelated": ["type": "number"],
            "set": ["type": "array", "items": ["type": "number"], "x-kubernetes-list-type": "set"],
        ],
    ])

    /// An atomic map next to a granular one (`TestMultipleApplierAtomicMaps`).
    static let atomicMaps = schema([
        "type": "object",
        "properties": [
            "atomicMap": [
                "type": "object", "additionalProperties": ["type": "string"], "x-kubernetes-map-type": "atomic",
            ]
        ],
    ])
}
