// The one place HollowModel touches Foundation: converting to and from `Date`, for callers that read the wall
// clock. Everything else in Meta/ is plain arithmetic.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Timestamp {
    /// The timestamp of a `Date`, to the nanosecond (as closely as `Date`'s `Double` allows).
    public init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        let seconds = interval.rounded(.down)
        self.init(secondsSinceEpoch: Int64(seconds), nanoseconds: Int64(((interval - seconds) * 1e9).rounded()))
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(secondsSinceEpoch) + Double(nanoseconds) / 1e9)
    }

    /// The wall clock now. Decision functions should take `now` as a parameter instead of calling this.
    public static func now() -> Timestamp { Timestamp(Date()) }
}
