import HollowModel

extension HollowNodeConfiguration {
    /// Reads a Node's annotations. Keys outside `hollow.dev/` are ignored; every `hollow.dev/` key must be one of
    /// ``HollowNodeKeys``. Missing keys take their defaults.
    ///
    /// - Throws: ``HollowNodeConfigurationError`` listing every bad key (unknown keys, values that do not parse,
    ///   negative durations or quantities, a schedule missing its durations), in key order.
    public init(annotations: [String: String]) throws(HollowNodeConfigurationError) {
        var parser = AnnotationParser(annotations: annotations)
        self = parser.configuration()
        if !parser.problems.isEmpty { throw HollowNodeConfigurationError(parser.problems) }
    }

    /// The annotations that give a Node this configuration: only the values that differ from the defaults, so
    /// `HollowNodeConfiguration(annotations: c.annotations) == c`.
    public var annotations: [String: String] {
        var result: [String: String] = [:]
        let defaults = HollowNodeShape()
        if shape.cpu != defaults.cpu { result[HollowNodeKeys.cpu] = shape.cpu.description }
        if shape.memory != defaults.memory { result[HollowNodeKeys.memory] = shape.memory.description }
        if shape.pods != defaults.pods { result[HollowNodeKeys.pods] = shape.pods.description }
        if shape.ephemeralStorage != defaults.ephemeralStorage {
            result[HollowNodeKeys.ephemeralStorage] = shape.ephemeralStorage.description
        }
        if shape.kubeletVersion != defaults.kubeletVersion { result[HollowNodeKeys.kubeletVersion] = shape.kubeletVersion }

        let b = behavior
        if b.registrationDelay != .zero { result[HollowNodeKeys.registrationDelay] = goDuration(b.registrationDelay) }
        switch b.health.mode {
        case .alwaysHealthy:
            break
        case .periodic(let healthy, let unhealthy):
            result[HollowNodeKeys.turnUnhealthyPeriodically] = "true"
            result[HollowNodeKeys.healthyDuration] = goDuration(healthy)
            result[HollowNodeKeys.unhealthyDuration] = goDuration(unhealthy)
        case .unhealthyAfter(let after):
            result[HollowNodeKeys.turnUnhealthyAfter] = "true"
            result[HollowNodeKeys.healthyDuration] = goDuration(after)
        }
        if b.kubelet != .running { result[HollowNodeKeys.kubelet] = b.kubelet.rawValue }
        for (type, override) in b.conditionOverrides {
            result[HollowNodeKeys.conditionPrefix + type] = override.annotationValue
        }
        if b.podFailure { result[HollowNodeKeys.podFailure] = "true" }
        if b.podStartDelay != .zero { result[HollowNodeKeys.podStartDelay] = goDuration(b.podStartDelay) }
        if let run = b.podRunDuration { result[HollowNodeKeys.podRunDuration] = goDuration(run) }
        if let delay = b.podTerminationDelay { result[HollowNodeKeys.podTerminationDelay] = goDuration(delay) }
        let behaviorDefaults = HollowNodeBehavior()
        if b.leaseRenewInterval != behaviorDefaults.leaseRenewInterval {
            result[HollowNodeKeys.leaseRenewInterval] = goDuration(b.leaseRenewInterval)
        }
        if b.statusReportInterval != behaviorDefaults.statusReportInterval {
            result[HollowNodeKeys.statusReportInterval] = goDuration(b.statusReportInterval)
        }
        return result
    }

    /// `hollow.dev/kubelet-start-time`, which the pool writes when the simulated kubelet starts; `nil` when the
    /// annotation is missing or does not parse (``init(annotations:)`` reports the latter).
    public static func kubeletStartTime(in annotations: [String: String]) -> Timestamp? {
        annotations[HollowNodeKeys.kubeletStartTime].flatMap { try? Timestamp(parsing: $0) }
    }
}

/// Go's `Duration.String()` of a Swift duration: `40s`, `5m0s`, `250ms`.
func goDuration(_ duration: Duration) -> String { GoDuration(duration).description }

/// Reads the annotations one key at a time, collecting problems instead of stopping at the first.
private struct AnnotationParser {
    let annotations: [String: String]
    var problems: [HollowNodeConfigurationError.Problem] = []

    init(annotations: [String: String]) { self.annotations = annotations }

    mutating func configuration() -> HollowNodeConfiguration {
        // Unknown keys first, in key order, so that a typo is reported whatever else is wrong.
        let known = Set(HollowNodeKeys.annotationKeys)
        for key in annotations.keys.sorted() where key.hasPrefix(HollowNodeKeys.prefix) {
            if known.contains(key) || key.hasPrefix(HollowNodeKeys.conditionPrefix) { continue }
            problems.append(.unknownKey(key))
        }

        var shape = HollowNodeShape()
        if let cpu = quantity(HollowNodeKeys.cpu) { shape.cpu = cpu }
        if let memory = quantity(HollowNodeKeys.memory) { shape.memory = memory }
        if let pods = quantity(HollowNodeKeys.pods, whole: true) { shape.pods = pods }
        if let storage = quantity(HollowNodeKeys.ephemeralStorage) { shape.ephemeralStorage = storage }
        if let version = annotations[HollowNodeKeys.kubeletVersion] {
            if Self.isKubeletVersion(version) {
                shape.kubeletVersion = version
            } else {
                problems.append(
                    .invalid(HollowNodeKeys.kubeletVersion, version, "version", "must look like v1.31.0"))
            }
        }

        var behavior = HollowNodeBehavior()
        if let delay = duration(HollowNodeKeys.registrationDelay) { behavior.registrationDelay = delay }
        behavior.health = healthSchedule()
        if let value = annotations[HollowNodeKeys.kubelet] {
            if let state = HollowNodeBehavior.KubeletState(rawValue: value) {
                behavior.kubelet = state
            } else {
                problems.append(
                    .invalid(HollowNodeKeys.kubelet, value, "kubelet state", "must be running or stopped"))
            }
        }
        for key in annotations.keys.sorted() where key.hasPrefix(HollowNodeKeys.conditionPrefix) {
            if let override = conditionOverride(key) { behavior.conditionOverrides[override.type] = override }
        }
        if let failure = bool(HollowNodeKeys.podFailure) { behavior.podFailure = failure }
        if let delay = duration(HollowNodeKeys.podStartDelay) { behavior.podStartDelay = delay }
        if let run = duration(HollowNodeKeys.podRunDuration) { behavior.podRunDuration = run }
        if let delay = duration(HollowNodeKeys.podTerminationDelay) { behavior.podTerminationDelay = delay }
        if let interval = duration(HollowNodeKeys.leaseRenewInterval, positive: true) {
            behavior.leaseRenewInterval = interval
        }
        if let interval = duration(HollowNodeKeys.statusReportInterval, positive: true) {
            behavior.statusReportInterval = interval
        }
        if let start = annotations[HollowNodeKeys.kubeletStartTime] {
            do throws(GoParseError) {
                _ = try Timestamp(parsing: start)
            } catch {
                problems.append(.invalid(HollowNodeKeys.kubeletStartTime, start, "time", error.message))
            }
        }
        return HollowNodeConfiguration(shape: shape, behavior: behavior)
    }

    /// kubemark's flags: `turnUnhealthyAfter` wins over `turnUnhealthyPeriodically` (the actuator's `if … else
    /// if`); `turnUnhealthyAfter` times itself with `healthyDuration`, else `unhealthyDuration` (the README's use).
    mutating func healthSchedule() -> HollowNodeHealthSchedule {
        let periodic = bool(HollowNodeKeys.turnUnhealthyPeriodically) ?? false
        let after = bool(HollowNodeKeys.turnUnhealthyAfter) ?? false
        let healthy = duration(HollowNodeKeys.healthyDuration)
        let unhealthy = duration(HollowNodeKeys.unhealthyDuration)
        if after {
            guard let delay = healthy ?? unhealthy else {
                if annotations[HollowNodeKeys.healthyDuration] == nil && annotations[HollowNodeKeys.unhealthyDuration] == nil {
                    problems.append(
                        .needs(
                            HollowNodeKeys.turnUnhealthyAfter, annotations[HollowNodeKeys.turnUnhealthyAfter]!,
                            "\(HollowNodeKeys.healthyDuration) (or \(HollowNodeKeys.unhealthyDuration)): how long the node stays Ready"))
                }
                return .alwaysHealthy
            }
            return HollowNodeHealthSchedule(.unhealthyAfter(delay))
        }
        if periodic {
            var missing: [String] = []
            if annotations[HollowNodeKeys.healthyDuration] == nil { missing.append(HollowNodeKeys.healthyDuration) }
            if annotations[HollowNodeKeys.unhealthyDuration] == nil { missing.append(HollowNodeKeys.unhealthyDuration) }
            if !missing.isEmpty {
                problems.append(
                    .needs(
                        HollowNodeKeys.turnUnhealthyPeriodically, annotations[HollowNodeKeys.turnUnhealthyPeriodically]!,
                        missing.joined(separator: " and ")))
                return .alwaysHealthy
            }
            guard let healthy, let unhealthy else { return .alwaysHealthy }
            var ok = true
            for (key, value) in [(HollowNodeKeys.healthyDuration, healthy), (HollowNodeKeys.unhealthyDuration, unhealthy)]
            where value == .zero {
                problems.append(
                    .invalid(key, annotations[key]!, "duration", "must be greater than zero for a periodic schedule"))
                ok = false
            }
            return ok ? HollowNodeHealthSchedule(.periodic(healthy: healthy, unhealthy: unhealthy)) : .alwaysHealthy
        }
        return .alwaysHealthy
    }

    mutating func duration(_ key: String, positive: Bool = false) -> Duration? {
        guard let value = annotations[key] else { return nil }
        let parsed: GoDuration
        do throws(GoParseError) {
            parsed = try GoDuration(parsing: value)
        } catch {
            problems.append(.invalid(key, value, "duration", Self.durationSyntaxReason(error.message)))
            return nil
        }
        if parsed.nanoseconds < 0 {
            problems.append(.invalid(key, value, "duration", "must not be negative"))
            return nil
        }
        if positive && parsed.nanoseconds == 0 {
            problems.append(.invalid(key, value, "duration", "must be greater than zero"))
            return nil
        }
        return parsed.duration
    }

    static func durationSyntaxReason(_ goMessage: String) -> String {
        if goMessage.hasPrefix("time: missing unit") { return "missing unit (e.g. 40s, 5m, 250ms)" }
        if goMessage.hasPrefix("time: unknown unit") {
            let unit = goMessage.dropFirst("time: unknown unit ".count).prefix { $0 != " " }
            return "unknown unit \(unit) (use ns, us, ms, s, m or h)"
        }
        return "expected a Go duration such as 40s, 1m30s or 250ms"
    }

    mutating func quantity(_ key: String, whole: Bool = false) -> Quantity? {
        guard let value = annotations[key] else { return nil }
        let parsed: Quantity
        do throws(QuantityError) {
            parsed = try Quantity(parsing: value)
        } catch {
            problems.append(.invalid(key, value, "quantity", error.message))
            return nil
        }
        if parsed.sign < 0 {
            problems.append(.invalid(key, value, "quantity", "must not be negative"))
            return nil
        }
        if whole && parsed.milliValue % 1000 != 0 {
            problems.append(.invalid(key, value, "quantity", "must be a whole number"))
            return nil
        }
        return parsed
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = annotations[key] else { return nil }
        switch value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            problems.append(.invalid(key, value, "boolean", "must be true or false"))
            return nil
        }
    }

    mutating func conditionOverride(_ key: String) -> HollowNodeConditionOverride? {
        let value = annotations[key]!
        let type = String(key.dropFirst(HollowNodeKeys.conditionPrefix.count))
        func fail(_ reason: String) -> HollowNodeConditionOverride? {
            problems.append(.invalid(key, value, "condition", reason))
            return nil
        }
        guard !type.isEmpty, type.first!.isLetter,
            type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else { return fail("the condition type after \(HollowNodeKeys.conditionPrefix) must be a name such as DiskPressure") }
        let parts = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let status = parts[0]
        guard ["True", "False", "Unknown"].contains(status) else {
            return fail("status must be True, False or Unknown, then optionally ;until=<RFC 3339>;reason=<Reason>;message=<text>")
        }
        var override = HollowNodeConditionOverride(type: type, status: status)
        var seen: Set<String> = []
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else {
                return fail("\(quoted(part)) is not name=value")
            }
            let name = String(part[..<equals])
            let text = String(part[part.index(after: equals)...])
            guard seen.insert(name).inserted else { return fail("\(name) is given twice") }
            switch name {
            case "until":
                do throws(GoParseError) {
                    override.until = try Timestamp(parsing: text)
                } catch {
                    return fail("until: \(error.message)")
                }
            case "reason":
                guard Self.isReason(text) else {
                    return fail("reason \(quoted(text)) must be CamelCase: a letter, then letters, digits, _ , or :")
                }
                override.reason = text
            case "message":
                override.message = text
            default:
                return fail("unknown parameter \(quoted(name)) (known: until, reason, message)")
            }
        }
        return override
    }

    /// `metav1.Condition`'s reason syntax: `^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$`.
    static func isReason(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_,:".contains($0)) }) else { return false }
        return !(text.last == "," || text.last == ":")
    }

    /// `v<major>.<minor>.<patch>`, optionally followed by a pre-release or build suffix (`v1.31.0-hollow.1`).
    static func isKubeletVersion(_ text: String) -> Bool {
        guard text.hasPrefix("v") else { return false }
        let core = text.dropFirst().prefix { $0 != "-" && $0 != "+" }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
