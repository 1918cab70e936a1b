import HollowModel

/// The table columns kube-apiserver serves for a custom resource version (apiextensions' `tableconvertor`).
enum CustomResourceColumns {
    /// `ObjectMeta`'s documentation of `name` and `creationTimestamp`, the descriptions kube-apiserver gives.
    static let nameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    static let creationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"

    /// Name, then the version's `additionalPrinterColumns`, or Age when it declares none.
    static func columns(_ printerColumns: [JSON]) throws(CustomResourceDefinitionError) -> [TableColumn] {
        let name = TableColumn("Name", format: "name", description: nameDescription) { object, _ in
            .string(object[path: ["metadata", "name"]]?.stringValue ?? "")
        }
        let declared: [JSON] =
            printerColumns.isEmpty
            ? [
                [
                    "name": "Age", "type": "date", "description": .string(creationTimestampDescription),
                    "jsonPath": ".metadata.creationTimestamp",
                ]
            ]
            : printerColumns
        var columns = [name]
        for column in declared { columns.append(try printerColumn(column)) }
        return columns
    }

    /// One `additionalPrinterColumns` entry: its JSONPath's first result, typed like kube-apiserver types it.
    static func printerColumn(_ column: JSON) throws(CustomResourceDefinitionError) -> TableColumn {
        let jsonPath = column["jsonPath"]?.stringValue ?? ""
        let path: KubectlJSONPath
        do {
            path = try KubectlJSONPath(template: "{\(jsonPath)}")
        } catch {
            throw CustomResourceDefinitionError.unservableColumn(jsonPath, reason: error.description)
        }
        let type = column["type"]?.stringValue ?? "string"
        let description =
            column["description"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            ?? "Custom resource definition column (in JSONPath format): \(jsonPath)"
        return TableColumn(
            column["name"]?.stringValue ?? "", type: type, format: column["format"]?.stringValue ?? "",
            description: description, priority: Int(column["priority"]?.intValue ?? 0)
        ) { object, context in
            guard let value = path.firstResult(in: object) else { return .null }
            return cell(value, type: type, now: context.now)
        }
    }

    /// `cellForJSONValue`, and kubectl's JSONPath printing for string columns.
    static func cell(_ value: JSON, type: String, now: Double) -> JSON {
        switch (type, value) {
        case ("string", .null): return "<no value>"
        case ("string", _): return .string(GoFormat.text(value))
        case ("integer", .int): return value
        case ("integer", .double(let d)): return .int(SchemaValidation.goInt64(d))
        case ("number", .int(let i)): return .double(Double(i))
        case ("number", .double): return value
        case ("boolean", .bool): return value
        case ("date", .string(let text)):
            if text.isEmpty || text == "null" { return "<unknown>" }
            guard let seconds = Timestamp.seconds(parsing: text) else { return "<invalid>" }
            return .string(HumanDuration.format(seconds: now - seconds))
        default: return .null
        }
    }
}
