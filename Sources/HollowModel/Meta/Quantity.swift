/// A Kubernetes resource quantity (`resource.Quantity`): `100m`, `2`, `1.5Gi`, `129e6`, `1k`.
///
/// The value is exact, held as a whole number of nano-units in an `Int128` (kube-apiserver keeps quantities to nine
/// decimals too, rounding finer ones up), which covers magnitudes up to about 1.7e29: every cpu, memory, storage and
/// count quantity. Comparison and equality use the value alone (`1` == `1000m`); the format only steers how the
/// value is written.
///
/// `description` is kube-apiserver's canonical form: no fraction, the largest suffix of the quantity's format that
/// keeps the value exact (`1.5` → `1500m`, `1.5Gi` → `1536Mi`, `1024Mi` → `1Gi`, `0.5Gi` → `512Mi`). Two
/// deliberate differences: kube echoes some inputs verbatim (`+1`, `01`), which we canonicalise, and decimal
/// values past `E` keep the `E` suffix (`1000E`) where kube drops the exponent.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How a quantity prefers to be written.
    public enum Format: String, Sendable, Hashable {
        /// `12e6`
        case decimalExponent = "DecimalExponent"
        /// `12Mi` (powers of 1024)
        case binarySI = "BinarySI"
        /// `12M`, `12m` (powers of 1000)
        case decimalSI = "DecimalSI"
    }

    /// The value in billionths of a unit.
    public private(set) var nanoUnits: Int128
    public var format: Format

    public init(nanoUnits: Int128, format: Format = .decimalSI) {
        self.nanoUnits = nanoUnits
        self.format = format
    }

    /// A whole number of units (`Quantity(3)` is `3`; `Quantity(1 << 30, format: .binarySI)` is `1Gi`).
    public init(_ units: Int64, format: Format = .decimalSI) {
        self.init(nanoUnits: Int128(units) * Quantity.nanosPerUnit, format: format)
    }

    /// Thousandths of a unit (`Quantity(milliUnits: 1500)` is `1500m`).
    public init(milliUnits: Int64, format: Format = .decimalSI) {
        self.init(nanoUnits: Int128(milliUnits) * 1_000_000, format: format)
    }

    public static let zero = Quantity(nanoUnits: 0)

    static let nanosPerUnit: Int128 = 1_000_000_000

    public var isZero: Bool { nanoUnits == 0 }

    /// -1, 0 or 1.
    public var sign: Int { nanoUnits < 0 ? -1 : (nanoUnits == 0 ? 0 : 1) }

    /// `Value()`: whole units, rounded away from zero, saturating at `Int64`'s range.
    public var value: Int64 { scaledValue(decimalExponent: 0) }

    /// `MilliValue()`: thousandths, rounded away from zero, saturating at `Int64`'s range.
    public var milliValue: Int64 { scaledValue(decimalExponent: -3) }

    /// `ScaledValue(scale)`: the value in units of 10^exponent (`-9...`), rounded away from zero.
    public func scaledValue(decimalExponent exponent: Int) -> Int64 {
        let shift = exponent + 9
        var result = nanoUnits
        if shift < 0 {
            for _ in 0..<(-shift) {
                let (multiplied, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nanoUnits < 0 ? .min : .max }
                result = multiplied
            }
        } else if shift > 0 {
            var divisor: Int128 = 1
            for _ in 0..<min(shift, 38) { divisor *= 10 }
            let (quotient, remainder) = result.quotientAndRemainder(dividingBy: divisor)
            result = quotient + (remainder > 0 ? 1 : (remainder < 0 ? -1 : 0))
        }
        if result > Int128(Int64.max) { return .max }
        if result < Int128(Int64.min) { return .min }
        return Int64(result)
    }

    // MARK: - Comparison and arithmetic

    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.nanoUnits == rhs.nanoUnits }
    public func hash(into hasher: inout Hasher) { hasher.combine(nanoUnits) }
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.nanoUnits < rhs.nanoUnits }

    /// The sum, or `nil` past `Int128`'s range. Keeps this quantity's format unless it is zero (kube's `Add`).
    public func adding(_ other: Quantity) -> Quantity? {
        let (sum, overflow) = nanoUnits.addingReportingOverflow(other.nanoUnits)
        return overflow ? nil : Quantity(nanoUnits: sum, format: isZero ? other.format : format)
    }

    /// The difference, or `nil` past `Int128`'s range. Keeps this quantity's format unless it is zero.
    public func subtracting(_ other: Quantity) -> Quantity? {
        let (difference, overflow) = nanoUnits.subtractingReportingOverflow(other.nanoUnits)
        return overflow ? nil : Quantity(nanoUnits: difference, format: isZero ? other.format : format)
    }

    /// The sum, saturating at `Int128`'s range (about 1.7e29 units, far past any real resource).
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        lhs.adding(rhs) ?? Quantity(nanoUnits: rhs.nanoUnits < 0 ? .min : .max, format: lhs.format)
    }

    /// The difference, saturating at `Int128`'s range.
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        lhs.subtracting(rhs) ?? Quantity(nanoUnits: rhs.nanoUnits > 0 ? .min : .max, format: lhs.format)
    }

    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }
    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs = lhs - rhs }

    public static prefix func - (operand: Quantity) -> Quantity {
        Quantity(nanoUnits: operand.nanoUnits == .min ? .max : -operand.nanoUnits, format: operand.format)
    }

    // MARK: - Canonical form

    private static let decimalSuffixes: [Int: String] = [
        -9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E",
    ]
    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    public var description: String {
        if nanoUnits == 0 { return "0" }
        var format = format
        if format == .binarySI {
            // Below 1024, or with a fraction, binary suffixes would round: write it in decimal instead.
            let (units, fraction) = nanoUnits.quotientAndRemainder(dividingBy: Quantity.nanosPerUnit)
            if units.magnitude < 1024 || fraction != 0 {
                format = .decimalSI
            } else {
                var amount = units
                var power = 0
                while power < Quantity.binarySuffixes.count - 1, amount % 1024 == 0 {
                    amount /= 1024
                    power += 1
                }
                return "\(amount)" + Quantity.binarySuffixes[power]
            }
        }
        // Move factors of ten into the exponent, then lower it to a multiple of three.
        var mantissa = nanoUnits
        var exponent = -9
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        while exponent % 3 != 0 {
            mantissa *= 10
            exponent -= 1
        }
        if format == .decimalExponent { return exponent == 0 ? "\(mantissa)" : "\(mantissa)e\(exponent)" }
        while exponent > 18 {
            mantissa *= 1000
            exponent -= 3
        }
        return "\(mantissa)" + (Quantity.decimalSuffixes[exponent] ?? "")
    }
}
