import Foundation
import HollowModel

extension Timestamp {
    /// Seconds since the epoch of an RFC 3339 time, or `nil` when it does not parse.
    static func seconds(parsing text: String) -> Double? {
        guard let timestamp = try? Timestamp(parsing: text) else { return nil }
        return Double(timestamp.secondsSinceEpoch) + Double(timestamp.nanoseconds) / 1e9
    }

    /// The timestamp `seconds` after the epoch.
    public init(seconds: Double) {
        let whole = seconds.rounded(.down)
        self.init(secondsSinceEpoch: Int64(whole), nanoseconds: Int64(((seconds - whole) * 1e9).rounded()))
    }
}

/// Base64 as Kubernetes uses it for Secret data (standard alphabet, padded).
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    static func decode(_ text: String) -> [UInt8]? { Data(base64Encoded: text).map { Array($0) } }
}
