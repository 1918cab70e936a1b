import HollowModel

/// `intstr.IntOrString` values such as `maxSurge: 25%` or `maxUnavailable: 1`, resolved against a total as
/// apimachinery's `GetScaledValueFromIntOrPercent` resolves them.
public enum WorkloadIntOrPercent {
    /// An integer is itself; `"N%"` is `N` percent of `total`, rounded up or down. A missing value is 0.
    /// - Throws: `WorkloadError` for a string that is not a percentage (`invalid type: string is not a percentage`) or
    ///   whose number does not parse, and for any other JSON type.
    public static func scaledValue(_ value: JSON?, total: Int, roundUp: Bool) throws(WorkloadError) -> Int {
        switch value {
        case nil, .null?:
            return 0
        case .int(let number)?:
            return Int(number)
        case .string(let text)?:
            guard text.hasSuffix("%") else {
                throw .invalidIntOrPercent("invalid type: string is not a percentage")
            }
            guard let percent = Int(text.dropLast()) else {
                throw .invalidIntOrPercent("strconv.Atoi: parsing \"\(text.dropLast())\": invalid syntax")
            }
            let exact = Double(percent) * Double(total) / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        case let other?:
            if let number = other.intValue { return Int(number) }
            throw .invalidIntOrPercent("invalid type: neither int nor percentage")
        }
    }
}
