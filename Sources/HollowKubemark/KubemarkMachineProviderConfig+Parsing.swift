import HollowControllers
import HollowModel

extension KubemarkMachineProviderConfig {
    /// The fields a provider config may have, besides `apiVersion`, `kind` and `metadata`.
    public static let fieldNames = [
        "turnUnhealthyAfter", "turnUnhealthyPeriodically", "healthyDuration", "unhealthyDuration", "deletionTimeout",
        "numCores", "memoryCapacity", "image", "provisioningDelay", "provisioningJitter",
        "provisioningFailureProbability", "nodeJoinDelay", "failureDomains", "region", "maxPods",
    ]

    /// Reads a Machine's `spec.providerSpec.value`.
    ///
    /// Durations are Go's (`40s`, `1m30s`, `250ms`) and must not be negative; `memoryCapacity` is a byte count or a
    /// quantity (`10737418240`, `10Gi`); `null` means unset.
    ///
    /// - Throws: ``MachineActuatorError/failed(_:_:)`` with reason `InvalidConfiguration` and a message listing every
    ///   problem as `<field>: <why>` (`healthyDuration: "-5s" must not be negative; numCores: must be a whole
    ///   number, got the string "x"`): a missing value, another `apiVersion` or `kind`, an unknown field, a value of
    ///   the wrong type, a negative duration or quantity, a probability outside `0...1`, an image tag that is not a
    ///   kubelet version, a health schedule without its durations.
    public init(providerSpec value: JSON?) throws(MachineActuatorError) {
        var parser = ProviderConfigParser()
        self = parser.parse(value)
        if !parser.problems.isEmpty {
            throw .failed(.invalidConfiguration, parser.problems.joined(separator: "; "))
        }
    }

    /// The provider config of `machine`.
    public init(machine: Machine) throws(MachineActuatorError) {
        try self.init(providerSpec: machine.providerSpecValue)
    }

    /// Whether `value` is a kubemark provider config (by its `apiVersion` and `kind`), however valid the rest is.
    public static func isKubemark(_ value: JSON?) -> Bool {
        value?["apiVersion"]?.stringValue == apiVersion && value?["kind"]?.stringValue == kind
    }
}

/// Reads the fields one at a time, collecting problems instead of stopping at the first.
private struct ProviderConfigParser {
    var problems: [String] = []

    mutating func parse(_ value: JSON?) -> KubemarkMachineProviderConfig {
        var config = KubemarkMachineProviderConfig()
        guard let value, !value.isNull else {
            problems.append("spec.providerSpec.value: missing (want a \(KubemarkMachineProviderConfig.kind))")
            return config
        }
        guard let object = value.objectValue else {
            problems.append("spec.providerSpec.value: must be an object, got \(describe(value))")
            return config
        }
        typeMeta(object)
        let known = Set(KubemarkMachineProviderConfig.fieldNames + ["apiVersion", "kind", "metadata"])
        for key in object.keys.sorted() where !known.contains(key) {
            problems.append("\(key): unknown field (known: \(KubemarkMachineProviderConfig.fieldNames.joined(separator: ", ")))")
        }
        let fields = Fields(object)

        config.turnUnhealthyAfter = bool(fields, "turnUnhealthyAfter") ?? false
        config.turnUnhealthyPeriodically = bool(fields, "turnUnhealthyPeriodically") ?? false
        config.healthyDuration = duration(fields, "healthyDuration")
        config.unhealthyDuration = duration(fields, "unhealthyDuration")
        config.deletionTimeout = duration(fields, "deletionTimeout")
        config.numCores = wholeNumber(fields, "numCores", minimum: 1)
        config.memoryCapacity = memory(fields, "memoryCapacity")
        config.image = image(fields, "image")
        config.provisioningDelay = duration(fields, "provisioningDelay") ?? .zero
        config.provisioningJitter = duration(fields, "provisioningJitter") ?? .zero
        config.provisioningFailureProbability = probability(fields, "provisioningFailureProbability") ?? 0
        config.nodeJoinDelay = duration(fields, "nodeJoinDelay") ?? .zero
        config.failureDomains = names(fields, "failureDomains") ?? []
        config.region = string(fields, "region", nonEmpty: true)
        config.maxPods = wholeNumber(fields, "maxPods", minimum: 1)
        schedule(config, fields)
        return config
    }

    mutating func typeMeta(_ object: JSONObject) {
        let fields = Fields(object)
        let expected = [
            ("apiVersion", KubemarkMachineProviderConfig.apiVersion), ("kind", KubemarkMachineProviderConfig.kind),
        ]
        for (key, want) in expected {
            switch fields[key] {
            case nil:
                problems.append("\(key): missing (want \(want))")
            case .string(let text) where text == want:
                break
            case .string(let text):
                problems.append("\(key): unknown \(key) \(quoted(text)) (want \(want))")
            case let other?:
                problems.append("\(key): must be the string \(want), got \(describe(other))")
            }
        }
        if let metadata = fields["metadata"], metadata.objectValue == nil {
            problems.append("metadata: must be an object, got \(describe(metadata))")
        }
    }

    /// A schedule that cannot run: kubemark would start its disrupter with zero durations, a node that flips
    /// without end or is NotReady from the start; asking for the durations is clearer.
    mutating func schedule(_ config: KubemarkMachineProviderConfig, _ fields: Fields) {
        if config.turnUnhealthyAfter {
            if fields["healthyDuration"] == nil && fields["unhealthyDuration"] == nil {
                problems.append(
                    "turnUnhealthyAfter: needs healthyDuration (or unhealthyDuration): how long the node stays Ready")
            }
        } else if config.turnUnhealthyPeriodically {
            for key in ["healthyDuration", "unhealthyDuration"] {
                let value = key == "healthyDuration" ? config.healthyDuration : config.unhealthyDuration
                if fields[key] == nil {
                    problems.append("turnUnhealthyPeriodically: needs \(key)")
                } else if value == .zero {
                    problems.append("\(key): must be greater than zero with turnUnhealthyPeriodically")
                }
            }
        }
    }

    // MARK: Values

    mutating func bool(_ fields: Fields, _ key: String) -> Bool? {
        guard let value = fields[key] else { return nil }
        guard let bool = value.boolValue else {
            problems.append("\(key): must be true or false, got \(describe(value))")
            return nil
        }
        return bool
    }

    mutating func duration(_ fields: Fields, _ key: String) -> Duration? {
        guard let value = fields[key] else { return nil }
        guard let text = value.stringValue else {
            problems.append("\(key): must be a duration string such as \"40s\", got \(describe(value))")
            return nil
        }
        let parsed: GoDuration
        do throws(GoParseError) {
            parsed = try GoDuration(parsing: text)
        } catch {
            problems.append("\(key): \(quoted(text)) is not a duration (\(error.message)); use e.g. 40s, 1m30s, 250ms")
            return nil
        }
        guard parsed.nanoseconds >= 0 else {
            problems.append("\(key): \(quoted(text)) must not be negative")
            return nil
        }
        return parsed.duration
    }

    mutating func wholeNumber(_ fields: Fields, _ key: String, minimum: Int) -> Int? {
        guard let value = fields[key] else { return nil }
        guard let number = value.intValue, number <= Int64(Int32.max) else {
            problems.append("\(key): must be a whole number, got \(describe(value))")
            return nil
        }
        guard number >= minimum else {
            problems.append("\(key): must be at least \(minimum), got \(number)")
            return nil
        }
        return Int(number)
    }

    /// kubemark's `memoryCapacity` is a byte count; a quantity string (`16Gi`) is accepted too.
    mutating func memory(_ fields: Fields, _ key: String) -> Quantity? {
        guard let value = fields[key] else { return nil }
        let quantity: Quantity
        switch value {
        case .int(let bytes):
            quantity = Quantity(bytes, format: .binarySI)
        case .string(let text):
            do throws(QuantityError) {
                quantity = try Quantity(parsing: text)
            } catch {
                problems.append("\(key): \(quoted(text)) is not a quantity such as 16Gi or 512Mi, nor a byte count")
                return nil
            }
        default:
            problems.append("\(key): must be a byte count or a quantity such as \"16Gi\", got \(describe(value))")
            return nil
        }
        guard quantity.sign > 0 else {
            problems.append("\(key): \(quantity) must be greater than zero")
            return nil
        }
        return quantity
    }

    mutating func image(_ fields: Fields, _ key: String) -> String? {
        guard let image = string(fields, key, nonEmpty: true) else { return nil }
        if let tag = KubemarkMachineProviderConfig.imageTag(image), !KubemarkMachineProviderConfig.isKubeletVersion(tag) {
            problems.append(
                "\(key): tag \(quoted(tag)) of \(quoted(image)) is not a kubelet version (want e.g. …/kubemark:v1.27.3)")
            return nil
        }
        return image
    }

    mutating func probability(_ fields: Fields, _ key: String) -> Double? {
        guard let value = fields[key] else { return nil }
        guard let number = value.doubleValue else {
            problems.append("\(key): must be a number from 0 to 1, got \(describe(value))")
            return nil
        }
        guard number >= 0, number <= 1 else {
            problems.append("\(key): \(number) is outside 0...1")
            return nil
        }
        return number
    }

    mutating func string(_ fields: Fields, _ key: String, nonEmpty: Bool) -> String? {
        guard let value = fields[key] else { return nil }
        guard let text = value.stringValue else {
            problems.append("\(key): must be a string, got \(describe(value))")
            return nil
        }
        if nonEmpty && text.isEmpty {
            problems.append("\(key): must not be empty")
            return nil
        }
        return text
    }

    mutating func names(_ fields: Fields, _ key: String) -> [String]? {
        guard let value = fields[key] else { return nil }
        guard let array = value.arrayValue else {
            problems.append("\(key): must be a list of zone names, got \(describe(value))")
            return nil
        }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let name = element.stringValue, !name.isEmpty else {
                problems.append("\(key)[\(index)]: must be a zone name, got \(describe(element))")
                return nil
            }
            result.append(name)
        }
        return result
    }

    func describe(_ value: JSON) -> String {
        switch value {
        case .string(let text): "the string \(quoted(text))"
        case .int(let number): "the number \(number)"
        case .double(let number): "the number \(number)"
        case .bool(let bool): "\(bool)"
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// An object's members by key, with `null` read as absent (`metav1.Duration` and pointers decode it as unset).
private struct Fields {
    let object: JSONObject
    init(_ object: JSONObject) { self.object = object }
    subscript(key: String) -> JSON? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }
}

/// A string in double quotes with `"` and `\` escaped, as Go's `%q` prints plain text.
func quoted(_ text: String) -> String {
    var result = "\""
    for character in text {
        switch character {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        default: result.append(character)
        }
    }
    return result + "\""
}
