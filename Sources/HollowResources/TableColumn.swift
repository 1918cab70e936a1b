import HollowModel

/// One column of a resource's server-side table (`meta.k8s.io/v1` `TableColumnDefinition` plus how to fill it).
public struct TableColumn: Sendable {
    public var name: String
    /// OpenAPI type: `string`, `integer`, `number`, `boolean`, `date`.
    public var type: String
    public var format: String
    public var description: String
    /// 0 shows always; 1 shows with `-o wide`.
    public var priority: Int
    public var cell: @Sendable (JSON, TableContext) -> JSON

    public init(
        _ name: String, type: String = "string", format: String = "", description: String, priority: Int = 0,
        cell: @escaping @Sendable (JSON, TableContext) -> JSON
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.cell = cell
    }

    /// The column every table starts with.
    public static let name = TableColumn(
        "Name", format: "name",
        description: "Name must be unique within a namespace. Cannot be updated."
    ) { object, _ in .string(object[path: ["metadata", "name"]]?.stringValue ?? "") }

    /// The AGE column: time since `metadata.creationTimestamp`, as kubectl prints it.
    public static let age = TableColumn(
        "Age", description: "Time since the object was created."
    ) { object, context in
        guard let created = object[path: ["metadata", "creationTimestamp"]]?.stringValue,
            let seconds = Timestamp.seconds(parsing: created)
        else { return "<unknown>" }
        return .string(HumanDuration.format(seconds: context.now - seconds))
    }

    /// The column definition as it goes into a Table.
    var definition: JSON {
        [
            "name": .string(name), "type": .string(type), "format": .string(format),
            "description": .string(description), "priority": .int(Int64(priority)),
        ]
    }
}

/// What table cells may consult.
public struct TableContext: Sendable {
    /// Seconds since the Unix epoch.
    public var now: Double
    public init(now: Double) { self.now = now }
}

/// kubectl's short human durations (`45s`, `3m20s`, `5h`, `12d`, `2y40d`), as apimachinery's
/// `duration.HumanDuration` prints them.
public enum HumanDuration {
    public static func format(seconds interval: Double) -> String {
        let seconds = Int(interval.rounded(.down))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }
}
