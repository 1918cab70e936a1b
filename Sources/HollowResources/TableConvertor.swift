import HollowModel

/// Builds `meta.k8s.io/v1` Tables from objects with a resource's columns, as kubectl asks for with
/// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`.
public enum TableConvertor {
    /// `includeObject` is the client's `includeObject` parameter: `None`, `Metadata` (default) or `Object`.
    public static func table(
        _ objects: [JSON], definition: ResourceDefinition, includeObject: String, now: Double,
        resourceVersion: String?, continueToken: String? = nil, remainingItemCount: Int? = nil,
        includeColumnDefinitions: Bool = true
    ) -> JSON {
        let context = TableContext(now: now)
        let columns = definition.columns.isEmpty ? [TableColumn.name, TableColumn.age] : definition.columns
        var metadata: JSONObject = [:]
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        if let continueToken { metadata["continue"] = .string(continueToken) }
        if let remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remainingItemCount)) }
        let rows: [JSON] = objects.map { object in
            var row: JSONObject = ["cells": .array(columns.map { $0.cell(object, context) })]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = object
            default: row["object"] = partialObjectMetadata(object)
            }
            return .object(row)
        }
        var table: JSONObject = ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object(metadata)]
        table["columnDefinitions"] = includeColumnDefinitions ? .array(columns.map(\.definition)) : .array([])
        table["rows"] = .array(rows)
        return .object(table)
    }

    /// The object's metadata as a `PartialObjectMetadata`.
    public static func partialObjectMetadata(_ object: JSON) -> JSON {
        [
            "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
            "metadata": object["metadata"] ?? .object([:]),
        ]
    }
}
